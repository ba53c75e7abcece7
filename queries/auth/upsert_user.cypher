MERGE (u:User {id: $user_id})
ON CREATE SET u.name = $name, u.created_at = datetime(), u.superuser = $superuser
ON MATCH SET u.superuser = u.superuser OR $superuser
RETURN u.id AS id, u.name AS name, u.superuser AS superuser
