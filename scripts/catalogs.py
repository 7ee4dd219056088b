"""Bring the interface's catalogs up to date with the code, check them, or fill in translations.

Usage: python scripts/catalogs.py [--check | --fill FILE.json]
- no option: every marked message into each language's messages.po; messages gone from the
  code dropped; translations kept.
- --check: changes nothing; exits 1 when a catalog lacks a message or keeps one the code no
  longer has, or a Ukrainian message is untranslated or has other placeholders
  (tests/briefings/i18n/test_catalogs.py runs the same check).
- --fill FILE.json: adds the messages of a JSON list of {"msgid", "plural"?, "uk"} (uk: a
  string, or its three plural forms) with their Ukrainian translations.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from briefings.i18n.extraction import extract_messages
from briefings.i18n.upkeep import fill_from, problems, update_all


def main(check: bool, filled: Path | None) -> int:
    """Update, check or fill the catalogs; the exit status."""
    if filled is not None:
        print(f"filled {fill_from(filled)} messages")
        return 0
    template = extract_messages()
    if not check:
        update_all(template)
        return 0
    found = problems(template)
    print("\n".join(found) or "catalogs up to date")
    return 1 if found else 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--fill", type=Path)
    arguments = parser.parse_args()
    sys.exit(main(arguments.check, arguments.fill))
