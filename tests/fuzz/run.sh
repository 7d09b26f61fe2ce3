#!/usr/bin/env bash
# Replay a fuzz target's seed corpus, then fuzz it for a while with new inputs kept in a
# temporary folder (the seeds in the source tree stay as they are).
#   run.sh TARGET CORPUS SECONDS
set -euo pipefail
target=$1 corpus=$2 seconds=$3
work=$(mktemp -d "${TMPDIR:-/tmp}/amm-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
# libFuzzer's own failure code, 77, would read as "skipped" to meson: make it 1.
"$target" -error_exitcode=1 -artifact_prefix="$work/" -runs=0 "$corpus"
if [ "$seconds" -gt 0 ]; then
	if ! "$target" -error_exitcode=1 -artifact_prefix="$work/" -max_total_time="$seconds" \
		-max_len=4096 -timeout=10 "$work" "$corpus" >"$work/log" 2>&1; then
		tail -n 40 "$work/log"
		for f in "$work"/crash-* "$work"/leak-* "$work"/timeout-*; do
			[ -e "$f" ] && { echo "input $f:"; od -c "$f" | head -n 20; }
		done
		exit 1
	fi
	tail -n 2 "$work/log"
fi
