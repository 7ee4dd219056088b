#!/usr/bin/env bash
# Bring up a local PostgreSQL for the store tests; safe to run again and again.
#
# Installs PostgreSQL if it is missing (Debian/Ubuntu), starts the newest cluster
# (creating one if there is none), waits until it accepts connections, makes sure
# the role and the test database exist, with one more per test process (<database>_gw0 to
# _gw3: scripts/test runs pytest on up to PG_TEST_WORKERS processes, each emptying its own
# database), and prints the TEST_POSTGRES_URL line.
# Must run as root. Overridable: PG_ROLE, PG_PASSWORD, PG_DATABASE, PG_WAIT_SECONDS,
# PG_TEST_WORKERS.
set -euo pipefail

PG_ROLE="${PG_ROLE:-briefbot}"
PG_PASSWORD="${PG_PASSWORD:-briefbot}"
PG_DATABASE="${PG_DATABASE:-briefbot_test}"
PG_WAIT_SECONDS="${PG_WAIT_SECONDS:-60}"
PG_TEST_WORKERS="${PG_TEST_WORKERS:-4}"

log() { echo "postgres-up: $*" >&2; }
die() { log "error: $*"; exit 1; }

[ "$(id -u)" -eq 0 ] || die "must run as root (it installs packages and runs su postgres)"

install_postgres() {
    command -v pg_ctlcluster >/dev/null 2>&1 && return 0
    command -v apt-get >/dev/null 2>&1 || die "pg_ctlcluster missing and no apt-get to install it"
    log "installing postgresql"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends postgresql >/dev/null
}

# Print "version port status" of the newest cluster named main, or of the newest at all.
cluster_line() {
    pg_lsclusters -h | awk '$2 == "main"' | sort -V | tail -n 1 | awk '{print $1, $3, $4}'
}

ensure_cluster() {
    if [ -z "$(cluster_line)" ]; then
        local version
        version="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
        [ -n "$version" ] || die "no PostgreSQL server binaries under /usr/lib/postgresql"
        log "creating cluster $version main"
        pg_createcluster "$version" main >/dev/null
    fi
}

start_cluster() {
    local version port status
    read -r version port status <<<"$(cluster_line)"
    # The socket directory lives on tmpfs in many containers and may be gone.
    install -d -o postgres -g postgres -m 2775 /var/run/postgresql
    if [ "$status" != "online" ]; then
        log "starting cluster $version main on port $port"
        pg_ctlcluster "$version" main start >&2 || pg_ctlcluster "$version" main restart >&2
    fi
    echo "$port"
}

wait_ready() {
    local port="$1" waited=0
    until pg_isready -q -h 127.0.0.1 -p "$port"; do
        waited=$((waited + 1))
        [ "$waited" -le "$PG_WAIT_SECONDS" ] || die "server not ready after ${PG_WAIT_SECONDS}s"
        sleep 1
    done
}

# Run SQL as the postgres superuser over the local socket; cd / avoids cwd permission noise.
as_postgres() {
    local port="$1" sql="$2"
    (cd / && su -s /bin/sh postgres -c "psql -X -q -tA -v ON_ERROR_STOP=1 -p $port -d postgres" \
        <<<"$sql")
}

ensure_role_and_database() {
    local port="$1"
    as_postgres "$port" "
        DO \$\$
        BEGIN
            IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_ROLE') THEN
                CREATE ROLE \"$PG_ROLE\" LOGIN PASSWORD '$PG_PASSWORD';
            ELSE
                ALTER ROLE \"$PG_ROLE\" LOGIN PASSWORD '$PG_PASSWORD';
            END IF;
        END
        \$\$;"
    local database names=("$PG_DATABASE")
    for ((n = 0; n < PG_TEST_WORKERS; n++)); do names+=("${PG_DATABASE}_gw$n"); done
    for database in "${names[@]}"; do
        if [ "$(as_postgres "$port" "SELECT 1 FROM pg_database WHERE datname = '$database'")" != "1" ]; then
            log "creating database $database"
            as_postgres "$port" "CREATE DATABASE \"$database\" OWNER \"$PG_ROLE\""
        fi
    done
}

main() {
    install_postgres
    ensure_cluster
    local port
    port="$(start_cluster)"
    wait_ready "$port"
    ensure_role_and_database "$port"
    log "ready"
    echo "TEST_POSTGRES_URL=postgresql+asyncpg://$PG_ROLE:$PG_PASSWORD@127.0.0.1:$port/$PG_DATABASE"
}

main "$@"
