#!/usr/bin/env bash
# Run the whole test suite: cmocka unit tests of lib/ and CLI tests of the real binary.
set -euo pipefail
cd "$(dirname "$0")/.."

[ -f build/build.ninja ] || meson setup build >/dev/null
meson test -C build --print-errorlogs "$@"
