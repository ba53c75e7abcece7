MATCH (l:Ladder {workspace: $workspace})
RETURN l {.id, .name, .default,
  levels: COLLECT { MATCH (s:StatusLevel {workspace: $workspace})-[:ON]->(l) RETURN s {.rank, .name} ORDER BY s.rank DESC }
} AS ladder
ORDER BY l.default DESC, l.id
