#!/usr/bin/env bash
# Install the Debian 12 packages that each PURPOSE needs, once: what is there already is
# left alone, and apt-get update runs only when something is missing. Run as root or with
# sudo available.
# Usage: tools/install-deps.sh PURPOSE...
#   build    build amm and run it: debian/control's Build-Depends, build-essential, git
#   test     what the test suite needs beyond build: Build-Depends marked <!nocheck>
#   package  what building and checking the Debian package needs beyond build and test
#   ci       what .ci/run needs beyond all of these: valgrind, clang for the fuzz targets,
#            gcovr for the coverage report
# Packages for building and testing are listed in debian/control only, so that the
# package build and a build from the source tree need the same.
set -euo pipefail
cd "$(dirname "$0")/.."

# Add debian/control's Build-Depends to packages, without versions and build profiles:
# those marked <!nocheck> for "test", the others for "build". debhelper-compat is left
# out: only the package build needs debhelper.
add_build_depends() {
	local keep='/<!nocheck>/!p'
	[ "$1" = test ] && keep='/<!nocheck>/p'
	mapfile -t -O "${#packages[@]}" packages < <(
		awk '/^[^ \t]/ { on = sub(/^Build-Depends:/, "") } on' debian/control | tr ',' '\n' |
			sed -n "$keep" | sed 's/[(<[].*//; s/[[:space:]]//g; /^$/d; /^debhelper-compat$/d'
	)
}

usage() {
	echo "usage: tools/install-deps.sh build|test|package|ci..." >&2
	exit 2
}
[ $# -gt 0 ] || usage

packages=()
for purpose in "$@"; do
	case $purpose in
	build)
		packages+=(build-essential git ca-certificates)
		add_build_depends build
		;;
	test) add_build_depends test ;;
	package) packages+=(debhelper lintian) ;;
	ci) packages+=(valgrind clang libclang-rt-14-dev gcovr) ;;
	*) usage ;;
	esac
done

missing=()
for p in "${packages[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo)
apt=("${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -qq)
"${apt[@]}" update
"${apt[@]}" install -y --no-install-recommends "${missing[@]}" >/dev/null
