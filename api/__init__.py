"""statusmap API: FastAPI app, GraphQL schema and CLI; thin layers over ``graph``."""
