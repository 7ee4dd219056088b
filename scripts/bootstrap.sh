#!/usr/bin/env bash
# Create .venv if needed and install the locked dependencies (hash-checked) and the project.
# Sourced by scripts/run and scripts/test; re-installs only when requirements.lock changed.
# While installing it says so on standard error: what, roughly how long, and (on a terminal)
# a line counting the packages; pip's whole output goes to .venv/bootstrap.log, shown on failure.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.venv"
stamp="$venv/.lock-installed"
python="${PYTHON:-python3}"

# One line per package pip collects, rewritten in place on a terminal, nothing elsewhere.
_bootstrap_progress() {
    local total="$1" tty=0
    [ -t 2 ] && tty=1
    awk -v total="$total" -v tty="$tty" '
        /^(Collecting|Processing|Requirement already satisfied)/ {
            n++; name = $2; if ($1 == "Requirement") name = $4
            sub(/^.*\//, "", name); sub(/-[0-9].*$/, "", name)
            if (tty) { printf "\rbootstrap: [%d/%d] %s\033[K", n, total, name > "/dev/stderr"; fflush("/dev/stderr") }
        }
        /^Installing collected packages/ && tty { printf "\rbootstrap: installing…\033[K" > "/dev/stderr" }
        END { if (tty) printf "\r\033[K" > "/dev/stderr" }'
}

# Run pip with its output in the log; on failure show the end of it and stop.
_bootstrap_pip() {
    local total="$1"
    shift
    if ! "$venv/bin/python" -m pip "$@" 2>&1 | tee -a "$venv/bootstrap.log" | _bootstrap_progress "$total"; then
        echo "bootstrap: pip failed; the end of $venv/bootstrap.log:" >&2
        tail -n 25 "$venv/bootstrap.log" >&2
        exit 1
    fi
}

if [ ! -x "$venv/bin/python" ]; then
    echo "bootstrap: creating $venv" >&2
    "$python" -m venv "$venv"
fi
if [ ! -f "$stamp" ] || ! cmp -s "$root/requirements.lock" "$stamp"; then
    count="$(grep -cE '^[A-Za-z0-9]' "$root/requirements.lock")"
    if [ -f "$stamp" ]; then
        echo "bootstrap: requirements.lock changed: updating $venv to it ($count packages checked, the changed ones downloaded)" >&2
    else
        echo "bootstrap: installing $count packages into $venv, pinned and hash-checked by requirements.lock (spaCy and its English pipeline, SQLAlchemy, python-telegram-bot, matplotlib, the dev tools); this happens once and takes about 1 to 2 minutes on a fast connection, longer on a slow one" >&2
    fi
    started="$SECONDS"
    : >"$venv/bootstrap.log"
    _bootstrap_pip 1 install --upgrade pip
    _bootstrap_pip "$count" install --require-hashes --no-deps -r "$root/requirements.lock"
    _bootstrap_pip 1 install --no-deps --no-build-isolation -e "$root"
    cp "$root/requirements.lock" "$stamp"
    echo "bootstrap: installed in $((SECONDS - started)) s; the log is $venv/bootstrap.log" >&2
fi
