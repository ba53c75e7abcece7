"""REST routes beside GraphQL (file uploads)."""
