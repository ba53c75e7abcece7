// fragment change_named(subjects)
WITH [named_p IN [$person_id] WHERE named_p IS NOT NULL] AS named_people,
     [named_d IN [$deal_id] WHERE named_d IS NOT NULL] AS named_deals,
     [named_o IN [$organisation_id] WHERE named_o IS NOT NULL] AS named_organisations
WITH {{ change_subjects(named_people, named_deals, named_organisations) }} AS {{subjects}}
