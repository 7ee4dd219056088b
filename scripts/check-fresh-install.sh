#!/usr/bin/env bash
# CI check that `pip install .` alone (no lock, packages from the index) gives a working bot.
# Installs a copy of the working tree into a fresh virtual environment (FRESH_VENV, default
# /tmp/briefbot-fresh-venv), then, in a temporary directory with its own SQLite store, runs
# `briefbot ask "/help"` (migrations, seeding with spaCy's pipeline) and loads an HTML article
# (trafilatura). Quiet when it passes; on failure prints pip's or briefbot's output and exits 1.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="${FRESH_VENV:-/tmp/briefbot-fresh-venv}"
python="${PYTHON:-python3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
log="$work/log"

fail() {
    echo "check-fresh-install: $1; its output:" >&2
    cat "$log" >&2
    exit 1
}

# A copy of the tracked and new files, so the build leaves no build/ or *.egg-info in the tree.
mkdir "$work/src" "$work/run"
git -c safe.directory="$root" -C "$root" ls-files -z --cached --others --exclude-standard >"$work/files" 2>>"$log" ||
    fail "could not list the tree's files (git ls-files)"
tar -C "$root" --null --files-from="$work/files" --ignore-failed-read -cf - 2>>"$log" |
    tar -xf - -C "$work/src" 2>>"$log" || fail "could not copy the tree"

rm -rf "$venv"
"$python" -m venv "$venv" >>"$log" 2>&1 || fail "could not create $venv"
"$venv/bin/python" -m pip install --upgrade pip >>"$log" 2>&1 || fail "could not upgrade pip"
"$venv/bin/python" -m pip install "$work/src" >>"$log" 2>&1 || fail "pip install . failed"

cat >"$work/run/article.html" <<'EOF'
<html><head><title>Talks in Geneva</title></head><body><article>
<h1>Ceasefire talks resume in Geneva</h1>
<p>Ukraine and Russia sent delegations to Geneva on Monday, officials said.</p>
<p>Zelenskyy demanded security guarantees before any ceasefire, his office said.</p>
</article></body></html>
EOF
cd "$work/run"
export DATABASE_URL="sqlite+aiosqlite:///$work/run/briefbot.db" SEEDS_DIR="$work/src/seeds"
unset TELEGRAM_TOKEN
"$venv/bin/briefbot" ask "/help" >"$work/help" 2>>"$log" || fail "briefbot ask \"/help\" failed"
cat "$work/help" >>"$log"
# The command list, and the seeds' summary: the pipeline loaded and extracted them.
grep -q "^/who" "$work/help" && grep -q "Zelenskyy" "$work/help" ||
    fail "briefbot ask \"/help\" did not answer with the seeded help"
"$venv/bin/briefbot" load article.html >>"$log" 2>&1 || fail "briefbot load article.html failed"
