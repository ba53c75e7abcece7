# The API image for docker-compose.yml; Neo4j runs in its own container (NEO4J_URI).
FROM node:20-bookworm-slim AS frontend
WORKDIR /src/frontend
COPY frontend/ ./
RUN if [ -f package.json ]; then npm ci --no-audit --no-fund && npm run build; else mkdir -p dist; fi

FROM python:3.11-slim-bookworm
WORKDIR /app
COPY pyproject.toml README.md ./
COPY api ./api
COPY graph ./graph
COPY queries ./queries
COPY seed ./seed
COPY --from=frontend /src/frontend/dist ./frontend/dist
RUN pip install --no-cache-dir .
RUN useradd --system statusmap
USER statusmap
EXPOSE 8000
CMD ["statusmap", "serve"]
