#!/usr/bin/env bash
# Install what journeykit needs on a fresh Debian/Ubuntu machine: Graphviz and Chromium (for the
# browser tests) from apt, the project and its dev tools into .venv. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v dot >/dev/null 2>&1 || need+=(graphviz)
if [ "${JOURNEYKIT_SKIP_BROWSER:-0}" != 1 ] && ! command -v chromium >/dev/null 2>&1; then
  need+=(chromium fonts-dejavu-core)
fi
# Mermaid's own renderer checks `journey render --format mermaid` (tests/test_render_mermaid_cli.py)
if [ "${JOURNEYKIT_SKIP_MERMAID:-0}" != 1 ] && ! command -v npm >/dev/null 2>&1; then
  need+=(nodejs npm)
fi
# journey measure --engine pyspark runs in local mode in the tests (the `spark` marker)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[dev]"

# mermaid-cli outside the repository, with Debian's chromium instead of a downloaded browser
mmdc_dir="${HOME}/.cache/journeykit/mermaid-cli"
if [ "${JOURNEYKIT_SKIP_MERMAID:-0}" != 1 ] && command -v npm >/dev/null 2>&1 \
    && [ ! -x "${mmdc_dir}/node_modules/.bin/mmdc" ]; then
  mkdir -p "${mmdc_dir}"
  (cd "${mmdc_dir}" && PUPPETEER_SKIP_DOWNLOAD=1 npm install --no-audit --no-fund \
      --loglevel=error "@mermaid-js/mermaid-cli@11" >/dev/null) \
    || echo "setup: could not install mermaid-cli; its test will be skipped" >&2
fi
