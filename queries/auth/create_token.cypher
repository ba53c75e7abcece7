MATCH (u:User {id: $user_id})
CREATE (t:ApiToken {id: $token_id, hash: $hash, label: $label, created_at: datetime()})-[:OF]->(u)
RETURN t.id AS id
