MATCH (t:ApiToken {id: $token_id})
WHERE t.revoked_at IS NULL
SET t.revoked_at = datetime()
RETURN t.id AS id
