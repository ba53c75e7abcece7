{{ change_named(subjects) }}
{{ concerned_changes(subjects, c) }}
WITH c ORDER BY c.id
RETURN c {.*} AS change
