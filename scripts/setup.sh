#!/usr/bin/env bash
# Install what journeykit needs on a fresh Debian/Ubuntu machine: Graphviz, librsvg (the poster's
# PDF and PNG), Chromium and poppler (for the browser and print tests) from apt, the project and
# its dev tools into .venv, at the versions of constraints.txt. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v dot >/dev/null 2>&1 || need+=(graphviz)
if [ "${JOURNEYKIT_SKIP_BROWSER:-0}" != 1 ] && ! command -v chromium >/dev/null 2>&1; then
  need+=(chromium fonts-dejavu-core)
fi
# pdftotext reads the printed page and the poster in the tests (tests/test_render_print.py)
command -v pdftotext >/dev/null 2>&1 || need+=(poppler-utils)
# rsvg-convert turns the poster (journey render --view map) into PDF and PNG
command -v rsvg-convert >/dev/null 2>&1 || need+=(librsvg2-bin)
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

# Exactly the versions of constraints.txt (regenerated on purpose by scripts/lock.sh), so that an
# upstream release cannot turn the tests red overnight. --system-only: the system packages alone
# (scripts/test-latest.sh installs the newest releases into its own virtualenv).
if [ "${1:-}" != --system-only ]; then
  python3 -m venv .venv
  .venv/bin/python -m pip install -q -c constraints.txt -e ".[dev]"
fi

# mermaid-cli outside the repository, with Debian's chromium instead of a downloaded browser.
# Pinned like constraints.txt, so a Mermaid release cannot change what the tests accept overnight.
MMDC_VERSION=11.17.0
mmdc_dir="${HOME}/.cache/journeykit/mermaid-cli"
mmdc_pkg="${mmdc_dir}/node_modules/@mermaid-js/mermaid-cli/package.json"
if [ "${JOURNEYKIT_SKIP_MERMAID:-0}" != 1 ] && command -v npm >/dev/null 2>&1 \
    && ! grep -qs "\"version\": \"${MMDC_VERSION}\"" "${mmdc_pkg}"; then
  mkdir -p "${mmdc_dir}"
  (cd "${mmdc_dir}" && PUPPETEER_SKIP_DOWNLOAD=1 npm install --no-audit --no-fund \
      --loglevel=error "@mermaid-js/mermaid-cli@${MMDC_VERSION}" >/dev/null) \
    || echo "setup: could not install mermaid-cli; its test will be skipped" >&2
fi
