// fragment org_rank(person)
head([({{person}})-[:AT_LEVEL]->(s:StatusLevel {ladder: $workspace + ':org'}) | s.rank])
