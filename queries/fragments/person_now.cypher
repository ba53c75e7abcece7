// fragment person_now(p)
{{p}}.id AS id, {{p}} {.*} AS props,
head([({{p}})-[:WORKS_AT]->(now_o:Organisation) | now_o.id]) AS organisation,
head([({{p}})-[:AT_LEVEL]->(now_l:StatusLevel {ladder: $workspace + ':org'}) | now_l.rank]) AS rank,
[({{p}})-[:IN_BUYING_CENTRE]->(now_d:Deal) | now_d.id] AS deals
