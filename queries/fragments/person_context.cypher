// fragment person_context(p, organisation, deals)
CASE WHEN $context
  THEN head([({{p}})-[:WORKS_AT]->(context_o:Organisation) | context_o.id]) END AS {{organisation}},
CASE WHEN $context
  THEN [({{p}})-[:IN_BUYING_CENTRE]->(context_d:Deal) | context_d.id] END AS {{deals}}
