#!/usr/bin/env bash
# Installs dependencies, builds, and runs the demo of the main job on a local warehouse.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh release >/dev/null
exec examples/demo.sh build/paimon
