MATCH (o:Organisation {workspace: $workspace})
WHERE o.id > $after
WITH o ORDER BY o.id LIMIT $limit
RETURN o.id AS anchor, o.id AS id, o.name AS name, o.kind AS kind, o.industry AS industry,
       o.employees AS employees, o.size_band AS size_band, o.revenue_band AS revenue_band,
       o.country AS country, o.region AS region, o.technologies AS technologies
ORDER BY id
