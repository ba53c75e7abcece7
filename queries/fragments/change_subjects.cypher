// fragment change_subjects(people, deals, organisations)
([change_p IN {{people}} | 'person:' + change_p]
 + [change_d IN {{deals}} | 'deal:' + change_d]
 + [change_o IN {{organisations}} | 'organisation:' + change_o])
