#!/usr/bin/env bash
# The main job on the examples: validate, lint, score and render them into ./site (open
# site/index.html). Installs what it needs first (Graphviz from apt, the project into .venv).
set -euo pipefail
cd "$(dirname "$0")/.."
JOURNEYKIT_SKIP_BROWSER=1 JOURNEYKIT_SKIP_MERMAID=1 bash scripts/setup.sh
. .venv/bin/activate

echo "== journey validate examples/"
journey validate examples/
echo "== journey lint examples/"
journey lint examples/
echo "== journey score examples/"
journey score examples/
echo "== journey render examples/ -o site/"
journey render examples/ -o site/
echo
echo "Done: open site/index.html"
