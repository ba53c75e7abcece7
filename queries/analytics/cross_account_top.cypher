// Cross-account influencers of the whole workspace counted in the database (hops 1): per
// person, the accounts (customer or prospect organisations other than their own) whose people
// their influence edges of weight above 0 reach, the first $first with at least $min_accounts,
// by accounts reached, then total weight (both descending), then id -- the definition and order
// of graph/analytics/workspace_graph.top_cross_account_influencers.
MATCH (a:Person {workspace: $workspace})
{{ influence_edges(a, b) }}
WITH a, b, weight WHERE b IS NOT NULL AND weight > 0
MATCH (b)-[:WORKS_AT]->(account:Organisation {workspace: $workspace})
WHERE account.kind IN ['customer', 'prospect'] AND NOT (a)-[:WORKS_AT]->(account)
WITH a, account, collect(b.id) AS people, sum(weight) AS weight
WITH a, collect({org_id: account.id, people: people, weight: weight}) AS accounts,
     sum(weight) AS total
WHERE size(accounts) >= $min_accounts
RETURN a.id AS person_id, head([(a)-[:WORKS_AT]->(o:Organisation) | o.id]) AS org_id,
       accounts, total
ORDER BY size(accounts) DESC, total DESC, person_id
LIMIT $first
