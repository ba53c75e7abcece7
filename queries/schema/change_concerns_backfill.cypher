MATCH (c:Change)
WHERE NOT EXISTS { (c)-[:CONCERNS]->(c) }
WITH c, c.people AS people, c.deals AS deals, c.organisations AS organisations
{{ change_concerns(c, people, deals, organisations) }}
