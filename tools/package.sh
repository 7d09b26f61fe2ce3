#!/usr/bin/env bash
# Build the Debian package with dpkg-buildpackage (which runs the test suite too) from a
# copy of the tree, so that the tree stays clean; check it with lintian, which fails on
# errors; and put amm_*.deb in DIR.
# Usage: tools/package.sh DIR
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(realpath "${1:?usage: tools/package.sh DIR}")

bash tools/install-deps.sh build test package
work=$(mktemp -d "${TMPDIR:-/tmp}/amm-package.XXXXXX")
trap 'rm -rf "$work"' EXIT

# The tree's files, as git sees them (tracked or new, not ignored), with their changes.
mkdir "$work/amm"
git ls-files -z --cached --others --exclude-standard | tar --null --ignore-failed-read -T - -cf - | tar -C "$work/amm" -xf -
if ! (cd "$work/amm" && dpkg-buildpackage -us -uc -b) >"$work/build.log" 2>&1; then
	tail -n 60 "$work/build.log" >&2
	echo "tools/package.sh: dpkg-buildpackage failed" >&2
	exit 1
fi
lintian --fail-on error --display-info "$work"/amm_*.changes
cp "$work"/amm_*.deb "$out"/
