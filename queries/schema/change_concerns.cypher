CREATE RANGE INDEX change_concerns IF NOT EXISTS
FOR ()-[r:CONCERNS]-() ON (r.workspace, r.subject, r.id)
