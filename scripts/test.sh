#!/usr/bin/env bash
# Install everything, then run every check: tests, ruff, mypy and the import-layering contracts.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
. .venv/bin/activate

ruff check src tests benchmarks
ruff format --check src tests benchmarks
mypy
lint-imports

set +e
python -m pytest -q "$@"
status=$?
set -e
if [ "$status" -eq 5 ]; then
  echo "pytest collected no tests: failing on purpose" >&2
  exit 1
fi
exit "$status"
