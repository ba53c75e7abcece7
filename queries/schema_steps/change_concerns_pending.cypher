// Events stored without their CONCERNS entries (as versions before the entries wrote them),
// those that concern anyone or anything: one scan of the events, run until the step is recorded.
MATCH (c:Change)
WHERE NOT EXISTS { (c)-[:CONCERNS]->(c) }
  AND size(c.people) + size(c.deals) + size(c.organisations) > 0
RETURN elementId(c) AS id
