#!/usr/bin/env bash
# A long fuzzing run for maintainers: tests/test_fuzz.py with fresh randomness and many examples
# (FUZZ_EXAMPLES, 2,000 by default; about a second each). CI runs a few, derandomised.
# Arguments go to pytest. See docs/maintainers.md.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || bash scripts/setup.sh
. .venv/bin/activate
FUZZ_EXAMPLES="${FUZZ_EXAMPLES:-2000}" python -m pytest -q -p no:cacheprovider tests/test_fuzz.py "$@"
