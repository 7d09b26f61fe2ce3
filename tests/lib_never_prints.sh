#!/usr/bin/env bash
# lib/ never prints: progress and warnings go to the caller (a callback or an event list), and
# cmd/ shows them. This fails on a write to standard output or standard error in lib/*.c.
cd "${1:?usage: lib_never_prints.sh SOURCE_DIR}/lib" || exit 2
if grep -nE '\b(stdout|stderr|STDOUT_FILENO|STDERR_FILENO)\b|(^|[^a-z_])(printf|puts|putchar|perror|vprintf)\(' ./*.c; then
	echo "lib/ writes to standard output or standard error (above): report to the caller instead" >&2
	exit 1
fi
