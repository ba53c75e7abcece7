UNWIND $ids AS id
MATCH (o:Organisation {id: id, workspace: $workspace})
RETURN o.id AS id,
       COLLECT { MATCH (p:Person)-[:WORKS_AT]->(o) RETURN p.id } AS people,
       COLLECT { MATCH (d:Deal)-[:FOR]->(o) RETURN d.id } AS deals,
       COLLECT { MATCH (o)-[:PARTNERS_WITH]-(x:Organisation) RETURN x.id } AS partners
