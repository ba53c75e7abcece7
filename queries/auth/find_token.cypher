MATCH (t:ApiToken {id: $token_id})-[:OF]->(u:User)
WHERE t.revoked_at IS NULL
OPTIONAL MATCH (u)-[m:MEMBER_OF]->(w:Workspace)
RETURN t.hash AS hash, u.id AS user_id, u.name AS name, coalesce(u.superuser, false) AS superuser,
       [x IN collect({workspace: w.id, role: m.role}) WHERE x.workspace IS NOT NULL] AS memberships
