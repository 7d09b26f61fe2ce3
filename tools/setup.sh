#!/usr/bin/env bash
# Set everything up on a fresh Debian 12 machine and show amm at work on a demo casus.
# Installs what building and running amm needs; tools/test.sh adds what the tests need.
set -euo pipefail
cd "$(dirname "$0")/.."

bash tools/install-deps.sh build
[ -f build/build.ninja ] || meson setup build >/dev/null
ninja -C build >/dev/null
bash tools/demo.sh build/cmd/amm
