# Shared by the CLI tests: a pinned environment, a temporary root per test script, exact
# comparison of stdout, stderr and exit code, and git fsck after every test.
# Each script defines test functions and ends with: run_tests name1 name2 ...
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
out="$root/stdout" err="$root/stderr" failures=0 current=""

# AMM_WRAPPER runs amm under a checker, e.g. valgrind (meson test --setup valgrind).
amm() { ${AMM_WRAPPER:-} "$AMM" "$@"; }

# Run amm, keeping stdout, stderr and the exit code for the expect_* checks.
run() {
	${AMM_WRAPPER:-} "$AMM" "$@" >"$out" 2>"$err" </dev/null
	rc=$?
}

fail() {
	echo "#   $current: $*"
	failures=$((failures + 1))
	current_failed=1
}

expect_exit() {
	[ "$rc" -eq "$1" ] || fail "exit code $rc, expected $1 (stderr: $(head -c 300 "$err"))"
}

# Compare a file with the expected text exactly.
compare() {
	local what=$1 file=$2 want=$3
	if ! diff -u <(printf '%s' "$want") "$file" >"$root/diff"; then
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

run_tests() {
	local t
	for t in "$@"; do
		current=$t current_failed=0
		cd "$root" || exit 1
		rm -rf "$root/repo"
		"$t"
		# Every test leaves every repository it made consistent.
		for g in "$root"/*/.git; do
			[ -d "$g" ] || continue
			git -C "${g%/.git}" fsck --strict >/dev/null 2>&1 || fail "git fsck in ${g%/.git}"
		done
		if [ "$current_failed" -eq 0 ]; then
			echo "ok - $t"
		else
			echo "not ok - $t"
		fi
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
