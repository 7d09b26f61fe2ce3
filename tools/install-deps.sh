#!/usr/bin/env bash
# Install the Debian 12 packages that building, testing and documenting amm need.
# Idempotent; run as root (or with sudo available).
set -euo pipefail

packages=(
	build-essential meson ninja-build pkg-config git python3 ca-certificates
	libgit2-dev libinih-dev libjansson-dev libcmark-dev libcmocka-dev scdoc
	clang libclang-rt-14-dev valgrind python3-icalendar chromium poppler-utils openssh-client openssh-server
	python3-vobject python3-gi gir1.2-ical-3.0 khal calcurse zsh
)

missing=()
for p in "${packages[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

sudo=()
[ "$(id -u)" -eq 0 ] || sudo=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
