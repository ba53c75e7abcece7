// One batch of the events found by schema_steps/change_concerns_pending gets its CONCERNS
// entries (none twice: an event linked since is left as it is).
UNWIND $ids AS id
MATCH (c:Change)
WHERE elementId(c) = id AND NOT EXISTS { (c)-[:CONCERNS]->(c) }
WITH c, c.people AS people, c.deals AS deals, c.organisations AS organisations
{{ change_concerns(c, people, deals, organisations) }}
