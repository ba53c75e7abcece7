# The API image for docker-compose.yml; Neo4j runs in its own container (NEO4J_URI).
FROM node:20-bookworm-slim AS frontend
WORKDIR /src/frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend/ ./
RUN npm run build

FROM python:3.11-slim-bookworm
WORKDIR /app
# The locked versions, checked against their hashes, in a layer of their own (it changes only
# when the lock does); statusmap itself is installed on top of them and adds nothing.
COPY requirements.lock ./
RUN pip install --no-cache-dir --require-hashes -r requirements.lock
COPY pyproject.toml setup.py MANIFEST.in README.md ./
COPY api ./api
COPY graph ./graph
COPY queries ./queries
COPY seed ./seed
# setup.py copies the built page into the package (api/static/frontend), where an installed
# statusmap finds it; STATUSMAP_FRONTEND_DIR can point elsewhere.
COPY --from=frontend /src/frontend/dist ./frontend/dist
RUN pip install --no-cache-dir --no-deps ".[otel]" && pip check && rm -rf /app/* \
    && cd / && python -c "from api.settings import default_frontend_dir as d; assert (d() / 'index.html').is_file(), d()"
WORKDIR /home/statusmap
RUN useradd --system --home-dir /home/statusmap statusmap && chown statusmap /home/statusmap
USER statusmap
ENV STATUSMAP_HOST=0.0.0.0 STATUSMAP_PORT=8000
EXPOSE 8000
# Liveness: the process answers; it does not ask Neo4j (/health/ready does).
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen(f\"http://127.0.0.1:{os.environ.get('STATUSMAP_PORT', '8000')}/health/live\", timeout=4)"]
CMD ["statusmap", "serve"]
