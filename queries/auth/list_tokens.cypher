MATCH (t:ApiToken)-[:OF]->(u:User)
WHERE $user_id IS NULL OR u.id = $user_id
RETURN t.id AS id, t.label AS label, u.id AS user_id, toString(t.created_at) AS created_at,
       toString(t.revoked_at) AS revoked_at
ORDER BY t.created_at
