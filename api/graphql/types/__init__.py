"""GraphQL object types: nodes (Relay ids), edges between people, connections."""
