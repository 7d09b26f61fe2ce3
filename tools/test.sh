#!/usr/bin/env bash
# Run the whole test suite: cmocka unit tests of lib/ and CLI tests of the real binary.
# Installs once what building and testing need (see tools/install-deps.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

bash tools/install-deps.sh build test
[ -f build/build.ninja ] || meson setup build >/dev/null
meson test -C build --print-errorlogs "$@"
