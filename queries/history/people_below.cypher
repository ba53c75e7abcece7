UNWIND $ids AS id
MATCH (top:Person {id: id}) USING INDEX SEEK top:Person(id)
WHERE top.workspace = $workspace
MATCH (p:Person)-[:REPORTS_TO*1..]->(top)
WITH DISTINCT p
RETURN p.id AS id, p {.*} AS props,
       head([(p)-[:WORKS_AT]->(o:Organisation) | o.id]) AS organisation,
       head([(p)-[:AT_LEVEL]->(l:StatusLevel {ladder: $workspace + ':org'}) | l.rank]) AS rank,
       [(p)-[:IN_BUYING_CENTRE]->(d:Deal) | d.id] AS deals
