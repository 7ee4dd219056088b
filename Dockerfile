# syntax=docker/dockerfile:1
# ceasefire-brief: the bot, its hash-pinned dependencies and the seed articles, run as a non-root
# user. README.md, "Deploying", says how to build and run it (compose.yaml adds PostgreSQL).
#   docker build -t ceasefire-brief .
#   docker run --env-file .env -v briefbot-data:/app/data ceasefire-brief
ARG PYTHON_IMAGE=python:3.11-slim-bookworm

# Builder: the lock installed whole and hash-checked into a virtual environment, then the
# project, then the development tools the lock also pins (pytest, mypy, ruff…) taken out again.
# Every locked package with compiled code has a wheel for x86-64 Linux: no compiler is needed.
FROM ${PYTHON_IMAGE} AS builder
SHELL ["/bin/bash", "-o", "pipefail", "-c"]
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    PATH=/opt/venv/bin:$PATH
RUN python -m venv /opt/venv
WORKDIR /src
COPY requirements.lock ./
RUN pip install --require-hashes --no-deps -r requirements.lock
COPY pyproject.toml README.md ./
COPY bot/ bot/
COPY briefings/ briefings/
COPY storage/ storage/
COPY deploy/dev_only_packages.py deploy/
RUN pip install --no-deps . \
    && python deploy/dev_only_packages.py pyproject.toml requirements.lock \
       | xargs --no-run-if-empty pip uninstall --yes \
    && pip check

# Runtime: the virtual environment and the seeds, nothing else of the source tree.
FROM ${PYTHON_IMAGE}
# A fixed uid and gid, so files on volumes and bind mounts belong to a known owner.
RUN groupadd --system --gid 10001 briefbot \
    && useradd --system --uid 10001 --gid briefbot --create-home --home-dir /home/briefbot \
       --shell /usr/sbin/nologin briefbot
COPY --from=builder /opt/venv /opt/venv
WORKDIR /app
COPY seeds/ seeds/
# The SQLite store's folder; owned by the bot before it becomes a volume, so a new named
# volume starts out writable by it. With PostgreSQL (DATABASE_URL) it stays empty.
RUN mkdir data && chown briefbot:briefbot data
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    DATABASE_URL=sqlite+aiosqlite:////app/data/briefbot.db \
    SEEDS_DIR=/app/seeds \
    WEBHOOK_LISTEN=0.0.0.0
USER briefbot
# matplotlib's font cache (for /chart), built once here instead of at the first chart.
RUN python -c "import matplotlib.font_manager"
VOLUME ["/app/data"]
# The webhook server (WEBHOOK_URL set); polling needs no port.
EXPOSE 8080
# Exit 0 when the store answers and its schema is current; 3 or 4 otherwise. The start period
# covers the first start: migrating, and loading the seeds into an empty store.
HEALTHCHECK --interval=30s --timeout=20s --start-period=120s --retries=3 \
    CMD ["briefbot", "health"]
CMD ["briefbot", "run"]
