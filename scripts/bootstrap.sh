#!/usr/bin/env bash
# Create .venv if needed and install the locked dependencies (hash-checked) and the project.
# Sourced by scripts/run and scripts/test; re-installs only when requirements.lock changed.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.venv"
stamp="$venv/.lock-installed"
python="${PYTHON:-python3}"

if [ ! -x "$venv/bin/python" ]; then
    echo "bootstrap: creating $venv" >&2
    "$python" -m venv "$venv"
fi
if [ ! -f "$stamp" ] || ! cmp -s "$root/requirements.lock" "$stamp"; then
    echo "bootstrap: installing requirements.lock (hash-checked)" >&2
    "$venv/bin/python" -m pip install --quiet --upgrade pip
    "$venv/bin/python" -m pip install --quiet --require-hashes --no-deps -r "$root/requirements.lock"
    "$venv/bin/python" -m pip install --quiet --no-deps --no-build-isolation -e "$root"
    cp "$root/requirements.lock" "$stamp"
fi
