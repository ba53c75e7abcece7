// $property of the people $ids of the workspace, from the projection.
UNWIND $ids AS id
MATCH (p:Person {workspace: $workspace, id: id})
RETURN p.id AS id, gds.util.nodeProperty($graph, id(p), $property) AS value
