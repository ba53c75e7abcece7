// Events stored without their CONCERNS entries (as versions before the entries wrote them):
// one scan of the events, run until the step is recorded. An event that concerns no one is
// among them and gets no entry (its subjects are not read here: a property read per event).
MATCH (c:Change)
WHERE NOT EXISTS { (c)-[:CONCERNS]->(c) }
RETURN elementId(c) AS id
