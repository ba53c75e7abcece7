UNWIND $ids AS id
MATCH (d:Deal {id: id, workspace: $workspace})
RETURN d {.*, organisation_id: head([(d)-[:FOR]->(o:Organisation) | o.id])} AS deal
