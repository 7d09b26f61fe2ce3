#!/bin/bash
# The layer check (tests/layers.py) on copies of lib/ and cmd/, each with one rule broken: it
# must fail and name the file and the include. Usage: layers.sh PYTHON SOURCE-ROOT.
set -u
py=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
n=0

# A fresh copy of the tree in $tmp/t.
copy() {
	rm -rf "$tmp/t"
	mkdir -p "$tmp/t"
	cp -r "$src/lib" "$src/cmd" "$tmp/t/"
}

# expect NAME WANT: the check fails (exit 1) and one line of its output is WANT.
expect() {
	local out rc
	n=$((n + 1))
	out=$("$py" "$src/tests/layers.py" "$tmp/t")
	rc=$?
	if [ "$rc" -eq 1 ] && grep -qxF -- "$2" <<<"$out"; then
		echo "ok $n - $1"
	else
		echo "not ok $n - $1 (exit $rc)"
		printf '# want: %s\n# got:  %s\n' "$2" "$out"
		fails=$((fails + 1))
	fi
}

copy
n=$((n + 1))
if out=$("$py" "$src/tests/layers.py" "$tmp/t") && [ -z "$out" ]; then
	echo "ok $n - the tree as it is keeps every rule"
else
	echo "not ok $n - the tree as it is keeps every rule"
	printf '# %s\n' "$out"
	fails=$((fails + 1))
fi

copy
printf '#include "casus.h"\n' >>"$tmp/t/lib/snap.c"
expect "an include from a layer above" \
	'lib/snap.c: includes "casus.h" of layer 3 casus, above its own layer 2 store'

copy
printf 'int x;\n' >"$tmp/t/lib/nieuw.c"
expect "a file that is not in the table" \
	'lib/nieuw.c: not in the table of layers of lib/README.md'

copy
rm "$tmp/t/lib/template.c"
expect "a file in the table that is gone" \
	'lib/README.md: names template.c, which is not in lib/'

copy
printf '#include <git2.h>\n' >>"$tmp/t/lib/casus.c"
expect "libgit2 outside its users" \
	'lib/casus.c: includes <git2.h>, which brings in libgit2; only the libgit2 users of lib/README.md may'

copy
printf '#include "store_priv.h"\n' >>"$tmp/t/lib/diff.c"
expect "libgit2 through a private header" \
	'lib/diff.c: includes "store_priv.h", which brings in libgit2; only the libgit2 users of lib/README.md may'

copy
printf '#include "history_priv.h"\n' >>"$tmp/t/cmd/log.c"
expect "libgit2 in cmd/" \
	"cmd/log.c: includes \"history_priv.h\", which brings in libgit2; cmd/ uses lib/'s public headers only"

copy
printf '#include "merge.h"\n' >>"$tmp/t/lib/inidoc.c"
expect "a cycle inside a layer" \
	'lib/: the modules include each other in a cycle: inidoc -> merge -> inidoc'

echo "1..$n"
[ "$fails" -eq 0 ]
