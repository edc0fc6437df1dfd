#!/usr/bin/env bash
# Run the whole test suite against the newest releases of every dependency, ignoring
# constraints.txt, in a separate virtualenv (.venv-latest), to see whether the lock can move on
# (then run scripts/lock.sh). Arguments go to pytest. See docs/maintainers.md.
set -euo pipefail
cd "$(dirname "$0")/.."
JOURNEYKIT_SKIP_BROWSER=${JOURNEYKIT_SKIP_BROWSER:-0} bash scripts/setup.sh --system-only

extras=$(python3 - <<'PY'
import tomllib

with open("pyproject.toml", "rb") as stream:
    project = tomllib.load(stream)["project"]
print(",".join(sorted(project.get("optional-dependencies", {}))))
PY
)
python3 -m venv .venv-latest
.venv-latest/bin/python -m pip install -q --upgrade --upgrade-strategy eager -e ".[${extras}]"
. .venv-latest/bin/activate
python -m pip list --format=freeze 2>/dev/null | grep -iE '^(pyyaml|pydantic|typer|rich|jinja2)=='

export JOURNEYKIT_LATEST=1
ruff check src tests benchmarks
mypy
lint-imports
set +e
python -m pytest -q "$@"
status=$?
set -e
[ "$status" -eq 5 ] && { echo "pytest collected no tests: failing on purpose" >&2; exit 1; }
exit "$status"
