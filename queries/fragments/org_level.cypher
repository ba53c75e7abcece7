// fragment org_level(person)
head([({{person}})-[lv:AT_LEVEL]->(s:StatusLevel {ladder: $workspace + ':org'}) | {rank: s.rank, name: s.name, inferred: lv.inferred}])
