#!/usr/bin/env bash
# Races and crashes: 50 writers to one file at once, and writers killed at random moments.
. "$(dirname "$0")/common.sh"

casus=casussen/2026/2026-001

# A repository with one casus and one stap in it: cd into it.
new_casus() {
	new_repo
	"$AMM" nieuw --alias "Fam. K." >/dev/null </dev/null || fail "amm nieuw failed"
	"$AMM" stap nieuw "Schuldhulp aanvragen" >/dev/null </dev/null || fail "amm stap nieuw failed"
}

# git fsck --strict finds nothing wrong; dangling objects (of a killed writer) are fine.
expect_fsck_clean() {
	if ! git fsck --strict --no-dangling --no-progress >"$root/fsck" 2>&1 ||
		[ -s "$root/fsck" ]; then
		fail "git fsck $*: $(head -c 500 "$root/fsck")"
	fi
}

# HEAD's history is one line, and every commit after amm init's names the casus.
expect_linear_history() {
	local first merges bad
	merges=$(git rev-list --min-parents=2 --count HEAD)
	[ "$merges" -eq 0 ] || fail "$merges merge commit(s) on HEAD"
	first=$(git rev-list --max-parents=0 HEAD)
	[ "$(wc -l <<<"$first")" -eq 1 ] || fail "more than one root commit: $first"
	# amm init's commit is repository-wide: it has no AMM-Casus trailer.
	bad=$(git log --format='%h|%(trailers:key=AMM-Casus,valueonly,separator=%x2C)' \
		"$first..HEAD" | grep -v '|2026-001$')
	[ -z "$bad" ] || fail "commits without 'AMM-Casus: 2026-001': $(head -c 300 <<<"$bad")"
}

test_concurrent_afspraken() {
	new_casus
	local before i n pids=()
	before=$(commits)
	for i in $(seq 1 50); do
		${AMM_WRAPPER:-} "$AMM" afspraak nieuw --stap 1 --wie "W$i" --wat "taak $i" \
			--wanneer +7 >"$root/out.$i" 2>&1 </dev/null &
		pids+=($!)
	done
	for i in $(seq 1 50); do
		wait "${pids[i - 1]}" || fail "writer $i exited $?: $(head -c 300 "$root/out.$i")"
	done
	expect_commits $((before + 50))
	# Each afspraak landed once, numbered 1..50 without gaps or doubles.
	compare "afspraak sections" <(grep '^\[afspraak ' $casus/stappen.ini | sort -V) \
		"$(for i in $(seq 1 50); do echo "[afspraak $i]"; done)"$'\n'
	compare "wat of the afspraken" <(grep '^wat = ' $casus/stappen.ini | sort) \
		"$(for i in $(seq 1 50); do echo "wat = taak $i"; done | sort)"$'\n'
	# One commit per afspraak in the file's own history (besides nieuw's and the stap's).
	n=$(git log --format=%h -- $casus/stappen.ini | wc -l)
	[ "$n" -ge 50 ] || fail "$n commits touched stappen.ini, expected 50 or more"
	expect_linear_history
	expect_fsck_clean
	[ -z "$(git status --porcelain)" ] || fail "work tree not clean: $(git status --porcelain)"
}

# A commit, on no branch, of HEAD with the work tree's version of one file: for amm toon --op.
worktree_commit() {
	local idx="$root/crash-index" tree
	rm -f "$idx"
	GIT_INDEX_FILE=$idx git read-tree HEAD &&
		GIT_INDEX_FILE=$idx git update-index --add -- "$1" &&
		tree=$(GIT_INDEX_FILE=$idx git write-tree) &&
		git commit-tree "$tree" -p HEAD -m "crash.sh: work tree"
}

# The files that differ from HEAD in the work tree, and untracked files, one a line. Only the
# work tree counts: a writer killed after it moved the branch leaves a stale index, which the
# next write repairs. git ignores the temporary file of a killed writer (<file>.amm-tmp).
changed_files() {
	{
		git diff --name-only HEAD --
		git status --porcelain --untracked-files=all | sed -n 's/^?? //p'
	} | sort -u
}

test_kill_loop() {
	new_casus
	# Something for "afspraak verzet 1" to move.
	"$AMM" afspraak nieuw --stap 1 --wie Sanne --wat bellen --wanneer +7 >/dev/null </dev/null ||
		fail "amm afspraak nieuw failed"
	local rounds=300 i pid rc file changed delay sha locks tip blob why was_stale=""
	local killed=0 finished=0 clean=0 stale=0 dirty=0 locked="" cmd=() next=()
	# Under valgrind every start takes a second or more: fewer rounds, longer delays.
	[ -z "${AMM_WRAPPER:-}" ] || rounds=15
	# The first failure ends the loop: what follows it would only repeat it.
	for ((i = 1; i <= rounds && current_failed == 0; i++)); do
		# Rotate through writes to stappen.ini and spin.ini; next is a write to the same file.
		case $((i % 4)) in
		0) cmd=(afspraak nieuw --stap 1 --wie "W$i" --wat "taak $i" --wanneer +7) ;;
		1) cmd=(spin financien "schuld van $i euro") ;;
		2) cmd=(stap nieuw "Stap $i") ;;
		3) cmd=(afspraak verzet 1 "+$((i % 50 + 8))") ;;
		esac
		if [ $((i % 4)) -eq 1 ]; then
			file=$casus/spin.ini next=(spin financien "schuld van $i euro en 10 cent")
		else
			file=$casus/stappen.ini next=(stap nieuw "Na de crash $i")
		fi
		if [ -z "${AMM_WRAPPER:-}" ]; then
			delay=0.0$((RANDOM % 3))$((RANDOM % 10)) # 0 to 29 ms; a write takes 15 to 20
		else
			delay=$((RANDOM % 3)).$((RANDOM % 10))
		fi
		# Started directly (not through the amm function), so that $! is amm itself.
		${AMM_WRAPPER:-} "$AMM" "${cmd[@]}" >"$out" 2>"$err" </dev/null &
		pid=$!
		sleep "$delay"
		kill -KILL "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null # no "Killed" notice
		rc=$?
		if [ "$rc" -eq 137 ]; then
			killed=$((killed + 1))
		else
			# A write the kill came too late for must have worked, also on a stale index.
			finished=$((finished + 1))
			why=${was_stale:+" (the index was stale since round $was_stale)"}
			[ "$rc" -eq 0 ] ||
				fail "round $i: amm ${cmd[*]} exited $rc$why: $(head -c 300 "$err")"
		fi
		# A kill while libgit2 held a lock file (the index's, the branch's) leaves it behind.
		# The next write names it and writes nothing; the user removes it, as git asks too.
		locks=$(find .git -name '*.lock' ! -name amm.lock)
		if [ -n "$locks" ]; then
			locked+=" $i:${locks//$'\n'/,}"
			tip=$(git rev-parse HEAD)
			run "${next[@]}"
			expect_exit 5
			expect_stderr_has "'$PWD/$(head -n 1 <<<"$locks")' bestaat"
			[ "$(git rev-parse HEAD)" = "$tip" ] || fail "round $i: a write past a lock committed"
			xargs rm -f <<<"$locks"
		fi
		expect_fsck_clean "after round $i (amm ${cmd[*]})"
		# What HEAD has must read: amm check reads HEAD and exits 3 on a file it cannot parse.
		run check
		[ "$rc" -le 1 ] || fail "round $i: amm check exited $rc: $(head -c 300 "$err")"
		changed=$(changed_files)
		if [ -z "$changed" ]; then
			clean=$((clean + 1))
			# The branch moved but the kill came before the index was updated.
			if git diff --cached --quiet HEAD --; then
				was_stale=""
			else
				stale=$((stale + 1)) was_stale=${was_stale:-$i}
			fi
			continue
		fi
		dirty=$((dirty + 1))
		if [ "$changed" != "$file" ]; then
			fail "round $i (amm ${cmd[*]}): files other than $file changed: $changed"
			continue
		fi
		# The killed writer's own file is whole: renamed into place, not half written.
		sha=$(worktree_commit "$file") || fail "round $i: cannot commit the work tree"
		run toon --op "$sha"
		[ "$rc" -eq 0 ] ||
			fail "round $i: the work tree's $file does not read: $(head -c 300 "$err")"
		# The next write to the file refuses to overwrite it, names it and changes nothing.
		tip=$(git rev-parse HEAD) blob=$(git hash-object "$file")
		run "${next[@]}"
		expect_exit 5
		[[ "$(head -n 1 "$err")" == "amm: '$file' heeft wijzigingen die nog niet"* ]] ||
			fail "round $i: amm ${next[*]} does not name $file: $(head -c 300 "$err")"
		[ "$(git rev-parse HEAD)" = "$tip" ] || fail "round $i: a refused write made a commit"
		[ "$(git hash-object "$file")" = "$blob" ] || fail "round $i: a refused write changed $file"
		# Throw the change away, as the message says, and go on.
		git checkout HEAD -- "$file"
		git diff --quiet HEAD -- "$file" ||
			fail "round $i: 'git checkout HEAD -- $file' did not bring back HEAD's version"
	done
	expect_linear_history
	[ -z "$(changed_files)" ] || fail "work tree not as HEAD at the end: $(changed_files)"
	echo "# $current: $((i - 1)) rounds: $killed killed, $finished finished;" \
		"$clean clean ($stale with a stale index), $dirty with one changed file;" \
		"lock files left:${locked:- none};" \
		"temporary files left: $(find $casus -name '*.amm-*' | wc -l)"
}

run_tests test_concurrent_afspraken test_kill_loop
