#!/usr/bin/env bash
# The main job on the examples: validate, lint, score and render them into ./site (open
# site/index.html), then measure the SaaS example on its event log with the embedded DuckDB
# engine: the report goes to site/measure.html and a measured copy of the map (--write on a copy,
# never on the committed example) is rendered into site/measured/. Installs what it needs first
# (Graphviz from apt, the project into .venv) unless JOURNEYKIT_DEMO_SKIP_SETUP=1 (the tests).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${JOURNEYKIT_DEMO_SKIP_SETUP:-0}" != 1 ]; then
  JOURNEYKIT_SKIP_BROWSER=1 JOURNEYKIT_SKIP_MERMAID=1 bash scripts/setup.sh
  . .venv/bin/activate
fi

echo "== journey validate examples/"
journey validate examples/
echo "== journey lint examples/"
journey lint examples/
echo "== journey score examples/"
journey score examples/
echo "== journey render examples/ -o site/"
journey render examples/ -o site/

map=examples/saas-trial-to-paid.journey.yaml
log=examples/events/saas-trial-to-paid.csv.gz
measure=(--window 14d --score-col score)
echo "== journey measure $map $log ${measure[*]} --by variant"
journey measure "$map" "$log" "${measure[@]}" --by variant
echo "== journey measure ... --format html > site/measure.html"
journey measure "$map" "$log" "${measure[@]}" --by variant --format html > site/measure.html

measured=$(mktemp -d)
trap 'rm -rf "$measured"' EXIT
cp examples/*.yaml "$measured/"
echo "== journey measure <a copy of the map> $log ${measure[*]} --write"
journey measure "$measured/saas-trial-to-paid.journey.yaml" "$log" "${measure[@]}" --write >/dev/null
echo "== journey diff $map <the measured copy>"
journey diff "$map" "$measured/saas-trial-to-paid.journey.yaml"
echo "== journey render <the measured copy> -o site/measured/"
journey render "$measured/saas-trial-to-paid.journey.yaml" -o site/measured/saas-trial-to-paid.html

echo
echo "Done: open site/index.html, site/measure.html and site/measured/saas-trial-to-paid.html"
