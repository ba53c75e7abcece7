// The $first people of the workspace with the largest $property in the projection (by value,
// descending, equal values in no set order). The projection holds only the workspace's people,
// the check on each person answered costs $first look-ups.
CALL gds.graph.nodeProperty.stream($graph, $property) YIELD nodeId, propertyValue
WITH nodeId, propertyValue AS value ORDER BY value DESC LIMIT $first
WITH gds.util.asNode(nodeId) AS p, value
WHERE p.workspace = $workspace
RETURN p.id AS id, value
