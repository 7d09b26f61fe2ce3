# Shared by the CLI tests: a pinned environment, a temporary root per test script, exact
# comparison of stdout, stderr and exit code, and git fsck after every test.
# Each script defines test functions and ends with: run_tests name1 name2 ...
# The script reports TAP: "1..N", then "ok K - name", "not ok K - name" followed by what went
# wrong as "#" lines, or "ok K - name # SKIP reason" for a test that cannot run here.
set -u

export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1 LC_ALL=C.UTF-8 TZ=UTC NO_COLOR=1 AMM_PAGER=cat
export GIT_AUTHOR_NAME='Sanne de Vries' GIT_AUTHOR_EMAIL='sanne@example.org'
export GIT_COMMITTER_NAME='Sanne de Vries' GIT_COMMITTER_EMAIL='sanne@example.org'
export GIT_AUTHOR_DATE='@1795000000 +0100' GIT_COMMITTER_DATE='@1795000000 +0100'
export AMM_VANDAAG=2026-11-24
unset AMM_CASUS EDITOR VISUAL PAGER LESS GIT_DIR GIT_WORK_TREE SSH_AUTH_SOCK GIT_ASKPASS SSH_ASKPASS AMM_GEBRUIKER \
	AMM_WACHTWOORD
: "${AMM:?AMM must name the amm binary}"
# Under AddressSanitizer: leaks inside third-party libraries are not amm's (tests/lsan.supp).
export LSAN_OPTIONS="suppressions=${AMM_SRC:-.}/tests/lsan.supp:print_suppressions=0"

root=$(mktemp -d "${TMPDIR:-/tmp}/amm-cli.XXXXXX")
export HOME="$root/home" TMPDIR="$root/tmp"
mkdir -p "$HOME" "$TMPDIR"
out="$root/stdout" err="$root/stderr" tap_log="$root/tap.log" failures=0 current="" current_skip=""

# AMM_WRAPPER runs amm under a checker, e.g. valgrind (meson test --setup valgrind).
amm() { ${AMM_WRAPPER:-} "$AMM" "$@"; }

# Run amm, keeping stdout, stderr and the exit code for the expect_* checks.
run() {
	${AMM_WRAPPER:-} "$AMM" "$@" >"$out" 2>"$err" </dev/null
	rc=$?
}

# A test's own stdout (fail's messages among it) follows its TAP line as "#" lines.
fail() {
	echo "# $*"
	failures=$((failures + 1))
	current_failed=1
}

# The test cannot run here (a tool or a permission is missing): say why and return, e.g.
#   command -v zsh >/dev/null || { skip "zsh is not installed"; return; }
skip() { current_skip=$*; }

expect_exit() {
	[ "$rc" -eq "$1" ] || fail "exit code $rc, expected $1 (stderr: $(head -c 300 "$err"))"
}

# Compare a file with the expected text exactly.
compare() {
	local what=$1 file=$2 want=$3
	if ! diff -u --label expected --label actual <(printf '%s' "$want") "$file" >"$root/diff"; then
		fail "$what differs:"
		sed 's/^/#     /' "$root/diff"
	fi
}

expect_stdout() { compare stdout "$out" "$1"; }
expect_stderr() { compare stderr "$err" "$1"; }
expect_stdout_has() { grep -qF -- "$1" "$out" || fail "stdout lacks '$1': $(head -c 300 "$out")"; }
expect_stderr_has() { grep -qF -- "$1" "$err" || fail "stderr lacks '$1': $(head -c 300 "$err")"; }

# A new casus repository with one casus: cd into it.
new_repo() {
	local dir="$root/${1:-repo}"
	"$AMM" init "$dir" >/dev/null || fail "amm init failed"
	cd "$dir" || exit 1
}

commits() { git rev-list --count HEAD; }
# The files the last commit touched, one a line.
last_files() { git show --name-only --format= HEAD; }

expect_commits() {
	local n
	n=$(commits)
	[ "$n" -eq "$1" ] || fail "$n commits, expected $1"
}

# The last commit touched exactly these files, with the fixed author and the trailers.
expect_last_commit() { # casus onderdeel file...
	local casus=$1 deel=$2
	shift 2
	compare "files of the last commit" <(last_files) "$(printf '%s\n' "$@")"$'\n'
	compare "author" <(git log -1 --format='%an <%ae>') "Sanne de Vries <sanne@example.org>
"
	git log -1 --format=%B | grep -qx "AMM-Casus: $casus" || fail "no trailer AMM-Casus: $casus"
	git log -1 --format=%B | grep -qx "AMM-Onderdeel: $deel" || fail "no trailer AMM-Onderdeel: $deel"
	[ -z "$(git status --porcelain)" ] || fail "work tree not clean: $(git status --porcelain)"
}

# Run one test, then check that every repository it made is consistent.
run_test() {
	cd "$root" || exit 1
	rm -rf "$root/repo"
	"$1"
	for g in "$root"/*/.git; do
		[ -d "$g" ] || continue
		git -C "${g%/.git}" fsck --strict >/dev/null 2>&1 || fail "git fsck in ${g%/.git}"
	done
}

# The TAP line of test number $1 named $2, then its output ($tap_log) as "#" lines. meson test
# --print-errorlogs shows only the stderr of a TAP test: a failure goes there as well.
report() {
	local line="ok $1 - $2"
	[ "$current_failed" -eq 0 ] || line="not $line"
	[ "$current_failed" -ne 0 ] || [ -z "$current_skip" ] || line+=" # SKIP $current_skip"
	sed '/^#/!s/^/# /' "$tap_log" >"$root/diagnostics"
	printf '%s\n' "$line" | cat - "$root/diagnostics"
	[ "$current_failed" -eq 0 ] || printf '%s\n' "$line" | cat - "$root/diagnostics" >&2
}

# Run at the end of the script however it ends: a test cut short by an exit is reported as
# failed, then what the script added to cleanup runs.
cleanup=()
running=0
at_exit() {
	local rc=$? f
	if [ "$running" -ne 0 ]; then
		current_failed=1
		echo "# the script stopped in this test (exit $rc); data kept in $root" >>"$tap_log"
		report "$running" "$current" >&3
	fi
	for f in "${cleanup[@]}"; do "$f"; done
	[ "$running" -eq 0 ] || exit 1
}
trap at_exit EXIT

run_tests() {
	local t k=0
	exec 3>&1
	echo "1..$#"
	for t in "$@"; do
		k=$((k + 1))
		current=$t current_failed=0 current_skip="" running=$k
		run_test "$t" >"$tap_log"
		running=0
		report "$k" "$t"
		# A failed test keeps its data for a look; a passed one makes room.
		[ "$current_failed" -eq 0 ] || continue
		for g in "$root"/*/; do
			[ "$g" = "$root/home/" ] || [ "$g" = "$root/tmp/" ] || rm -rf "$g"
		done
	done
	if [ "$failures" -gt 0 ]; then
		echo "# $failures failure(s); data kept in $root"
		exit 1
	fi
	rm -rf "$root"
	exit 0
}
