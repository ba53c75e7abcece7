// Reporting lines stored before each carried the REPORTS_TO rule's outcome
// (fragments/reporting_influence.cypher), or written by a bulk import: every line, once.
MATCH ()-[r:REPORTS_TO]->()
RETURN elementId(r) AS id
