UNWIND $ids AS id
MATCH (o:Organisation {id: id, workspace: $workspace})-[:PARTNERS_WITH]-(p:Organisation {workspace: $workspace})
RETURN DISTINCT id AS key, p {.*} AS organisation
ORDER BY organisation.id
