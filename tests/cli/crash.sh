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

# Lock files of git's in .git (amm.lock is amm's own, and always there), one a line.
git_locks() { find .git -name '*.lock' ! -name amm.lock; }

# The kill storm: writes of six kinds, each killed at a random moment (or finishing first),
# each followed by a write that is not killed. That next amm write finishes or takes back
# what the killed one left half-way, and removes the lock files it left, by itself: it exits
# 0, no lock file is left, the work tree and the index are HEAD. Every write that said it
# succeeded is in the history.
test_kill_loop() {
	new_casus
	local rounds=300 i pid rc delay locks changed klaar=1 next=() k t0 ms
	local killed=0 finished=0 repaired=0 bad=0 bad_rounds="" cmd=() done_tokens=() words=()
	# Under valgrind every start takes a second or more: fewer rounds.
	[ -z "${AMM_WRAPPER:-}" ] || rounds=15
	# Open afspraken for "afspraak klaar" to close, one a round of that kind; and how long a
	# write takes here and now (in ms), for kills spread over the whole of one.
	t0=${EPOCHREALTIME/./}
	for ((k = 2; k <= rounds / 6 + 2; k++)); do
		${AMM_WRAPPER:-} "$AMM" afspraak nieuw --stap 1 --wie "W$k" --wat "vooraf $k" \
			--wanneer +7 >/dev/null </dev/null || fail "amm afspraak nieuw failed"
	done
	ms=$(((${EPOCHREALTIME/./} - t0) / (k - 2) / 1000 + 1))
	# Bounded in time too, for a slow or busy machine: at most 45 seconds of rounds.
	local until=$((SECONDS + 45))
	for ((i = 1; i <= rounds && SECONDS < until; i++)); do
		# Every write carries a token of its round (r<i>) that the history must show if it
		# said it succeeded; "afspraak klaar" closes the next open afspraak.
		case $((i % 6)) in
		0) cmd=(perspectief "Ik wil r$i weer rust") next=(perspectief "Ik wil n$i verder") ;;
		1) cmd=(spin financien "schuld r$i") next=(spin financien "schuld n$i") ;;
		2) cmd=(afspraak nieuw --stap 1 --wie "W$i" --wat "taak r$i" --wanneer +7)
			next=(stap nieuw "Na n$i") ;;
		3) cmd=(afspraak klaar "$klaar") next=(stap nieuw "Na n$i") ;;
		4) cmd=(stap nieuw "Stap r$i") next=(stap nieuw "Na n$i") ;;
		5) cmd=(team nieuw "Lid r$i" --rol lid) next=(team nieuw "Na n$i" --rol lid) ;;
		esac
		# Somewhere in one write's time: most kills land in it, some writes finish first.
		delay=$(((RANDOM * 32768 + RANDOM) % ms))
		delay=$((delay / 1000)).$(printf %03d $((delay % 1000)))
		# Started directly (not through the amm function), so that $! is amm itself.
		${AMM_WRAPPER:-} "$AMM" "${cmd[@]}" >"$out" 2>"$err" </dev/null &
		pid=$!
		sleep "$delay"
		kill -KILL "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null # no "Killed" notice
		rc=$?
		if [ "$rc" -eq 137 ]; then
			killed=$((killed + 1))
		elif [ "$rc" -eq 0 ]; then
			finished=$((finished + 1))
			done_tokens+=("$(head -n 1 "$out")")
			[ "${cmd[1]}" = klaar ] || words+=("r$i")
		else
			fail "round $i: amm ${cmd[*]} exited $rc: $(head -c 300 "$err")"
		fi
		[ "${cmd[0]} ${cmd[1]}" != "afspraak klaar" ] ||
			klaar=$((klaar + 1)) # done or not: the next round of its kind takes the next one
		run "${next[@]}"
		! grep -q afgebroken "$err" || repaired=$((repaired + 1))
		locks=$(git_locks)
		changed=$(git status --porcelain --untracked-files=all)
		# (git status shows an index that is not HEAD as well.)
		if [ "$rc" -ne 0 ] || [ -n "$locks" ] || [ -n "$changed" ]; then
			# Counted, not stopped at: how many rounds leave a mess says how bad it is.
			bad=$((bad + 1))
			[ "$bad" -gt 5 ] || bad_rounds+=" [round $i, amm ${cmd[*]}: next write exited $rc" \
				bad_rounds+="${locks:+, locks: ${locks//$'\n'/ }}${changed:+, changed: ${changed//$'\n'/ }}"
			[ "$bad" -gt 5 ] || bad_rounds+=": $(head -c 200 "$err" | tr "\n" " ")]"
			# Clean up by hand for the next round, as a user would have to.
			xargs rm -f <<<"$locks"
			git reset -q --hard HEAD
			continue
		fi
		done_tokens+=("$(head -n 1 "$out")") words+=("n$i")
		# Every 50 rounds: git finds nothing wrong, and what HEAD has reads.
		if [ $((i % 50)) -eq 0 ] || [ "$i" -eq "$rounds" ]; then
			expect_fsck_clean "after round $i (amm ${cmd[*]})"
			run check
			[ "$rc" -le 1 ] || fail "round $i: amm check exited $rc: $(head -c 300 "$err")"
		fi
	done
	[ "$bad" -eq 0 ] || fail "$bad of $((i - 1)) rounds left a lock, a changed file or a" \
		"stale index after the next write:$bad_rounds"
	expect_linear_history
	# Each write that said so is in the history, under the subject it printed.
	git log --format=%s >"$root/subjects"
	for k in "${done_tokens[@]}"; do
		grep -qxF -- "$k" "$root/subjects" || fail "'$k' was reported but is not in the history"
	done
	git log -p --no-textconv >"$root/history"
	for k in "${words[@]}"; do
		grep -qw -- "$k" "$root/history" || fail "the write with '$k' said it succeeded, but is not in the history"
	done
	[ -z "$(git status --porcelain --untracked-files=all)" ] || fail "work tree not clean at the end"
	[ -z "$(git_locks)" ] || fail "lock files left at the end: $(git_locks)"
	echo "# $current: $((i - 1)) rounds (a write took $ms ms): $killed killed, $finished finished;" \
		"$repaired next writes repaired something; $bad left a mess;" \
		"temporary files left: $(find $casus -name '*.amm-*' | wc -l)"
}

# The marker of a killed write, as amm writes it: the old tip, the commit, one path.
write_marker() { # old-tip commit old-blob new-blob path
	printf 'amm-write 1\n%s %s\n%s %s %s\n' "$@" >.git/amm-write
}

# A write killed after it renamed spin.ini into place, before it moved the branch: the next
# write takes it back, says so, and then writes the file as asked.
test_killed_write_rolled_back() {
	new_casus
	local f=$casus/spin.ini old tip new commit
	run spin financien "schuld a"
	old=$(git rev-parse HEAD:$f)
	run spin financien "schuld b"
	new=$(git rev-parse HEAD:$f) commit=$(git rev-parse HEAD)
	git reset -q HEAD~1 # the branch back where it was; the work tree has b
	tip=$(git rev-parse HEAD)
	write_marker "$tip" "$commit" "$old" "$new" "$f"
	# A reading command already takes it back.
	run toon spin
	expect_exit 0
	expect_stderr "amm: een afgebroken wijziging was niet vastgelegd; amm heeft de bestanden teruggezet zoals de laatste commit ze heeft"$'\n'
	[ -z "$(git status --porcelain)" ] || fail "a reading command left the work tree: $(git status --porcelain)"
	[ ! -e .git/amm-write ] || fail "the marker is still there after reading"
	run spin financien "schuld c"
	expect_exit 0
	expect_stdout "2026-001 spin: financien gewijzigd"$'\n'
	expect_stderr ""
	[ "$(git rev-parse HEAD~1)" = "$tip" ] || fail "the write did not go on top of the old tip"
	git show HEAD~1:$f | grep -q "schuld a" || fail "the tip changed"
	grep -q "schuld c" $f || fail "spin.ini was not written"
	[ ! -e .git/amm-write ] || fail "the marker is still there"
	[ -z "$(git status --porcelain)" ] || fail "work tree not clean: $(git status --porcelain)"
}

# A write killed after it moved the branch, before it wrote the index, or before it wrote the
# file (the order does not matter to the marker): the next write finishes it.
test_killed_write_finished() {
	new_casus
	local f=$casus/spin.ini old new
	run spin financien "schuld a"
	old=$(git rev-parse HEAD:$f)
	run spin financien "schuld b"
	new=$(git rev-parse HEAD:$f)
	git checkout -q HEAD~1 -- $f # work tree and index as before the write
	write_marker "$(git rev-parse HEAD~1)" "$(git rev-parse HEAD)" "$old" "$new" "$f"
	run stap nieuw "Daarna"
	expect_exit 0
	expect_stderr "amm: een afgebroken wijziging was al vastgelegd; amm heeft de werkmap en de git-index bijgewerkt"$'\n'
	grep -q "schuld b" $f || fail "spin.ini is not as HEAD has it"
	[ -z "$(git status --porcelain)" ] || fail "work tree not clean: $(git status --porcelain)"
}

# A marker does not make amm overwrite a hand edit: that is still refused.
test_killed_write_hand_edit() {
	new_casus
	local f=$casus/spin.ini old new blob commit
	run spin financien "schuld a"
	old=$(git rev-parse HEAD:$f)
	run spin financien "schuld b"
	new=$(git rev-parse HEAD:$f) commit=$(git rev-parse HEAD)
	git reset -q HEAD~1
	write_marker "$(git rev-parse HEAD)" "$commit" "$old" "$new" "$f"
	echo "# met de hand" >>$f
	blob=$(git hash-object $f)
	run spin financien "schuld c"
	expect_exit 5
	expect_stderr_has "'$f' heeft wijzigingen die nog niet zijn vastgelegd"
	[ "$(git hash-object $f)" = "$blob" ] || fail "the hand edit was overwritten"
}

# A dead process's pid (it has exited and been waited for).
dead_pid() {
	sleep 0 &
	local pid=$!
	wait "$pid"
	echo "$pid"
}

# Lock files of git's that an amm left when it died taking them are removed, with a notice;
# any other is a running git's: amm waits, names it and leaves it.
test_stale_locks() {
	new_casus
	local pid boot lock
	pid=$(dead_pid)
	boot=$(cat /proc/sys/kernel/random/boot_id 2>/dev/null || echo -)
	for lock in index refs/heads/main; do
		echo "$pid 0 $boot $lock" >.git/amm.lock
		: >".git/$lock.lock"
		run spin financien "schuld $lock"
		expect_exit 0
		expect_stderr "amm: '$PWD/.git/$lock.lock' bleef achter van een afgebroken amm (pid $pid); amm heeft het verwijderd"$'\n'
		[ ! -e ".git/$lock.lock" ] || fail "$lock.lock is still there"
		[ ! -s .git/amm.lock ] || fail "amm.lock was not emptied: $(cat .git/amm.lock)"
	done
	[ -z "$(git status --porcelain)" ] || fail "work tree not clean: $(git status --porcelain)"
	# No dead amm behind it: a git at work.
	: >.git/index.lock
	run spin financien "schuld c"
	expect_exit 5
	expect_stderr_has "'$PWD/.git/index.lock' bestaat"
	[ -e .git/index.lock ] || fail "a lock of a running git was removed"
	# A dead amm, but the lock file is older than the step it died in: not its own.
	echo "$pid 0 $boot index" >.git/amm.lock
	touch -d '1 minute ago' .git/index.lock
	run spin financien "schuld c"
	expect_exit 5
	[ -e .git/index.lock ] || fail "a lock older than the dead amm's step was removed"
	# Nor one the dead amm was not taking when it died.
	touch .git/index.lock
	echo "$pid 0 $boot refs/heads/main" >.git/amm.lock
	run spin financien "schuld c"
	expect_exit 5
	[ -e .git/index.lock ] || fail "a lock the dead amm was not taking was removed"
	rm .git/index.lock
}

# A file-size limit (ulimit -f) makes a write fail with a message, not a kill by SIGXFSZ.
test_file_size_limit() {
	# valgrind's own start-up files exceed so small a limit: amm is not what it would test.
	[ -z "${AMM_WRAPPER:-}" ] || return 0
	new_casus
	local tip text
	tip=$(git rev-parse HEAD)
	text=$(head -c 200000 /dev/urandom | tr -dc 'a-z' | head -c 20000) # does not compress
	(
		ulimit -f 4 # KiB
		run perspectief "Ik wil $text"
		echo "$rc" >"$root/rc"
	)
	rc=$(cat "$root/rc")
	expect_exit 6
	expect_stderr_has "amm: kan '$casus/perspectief.md' niet schrijven: "
	expect_stderr_has "File too large"
	[ "$(git rev-parse HEAD)" = "$tip" ] || fail "a commit was made"
	[ -z "$(git status --porcelain)" ] || fail "work tree not clean: $(git status --porcelain)"
}

# The commit is made but the index cannot be written (it is larger than ulimit -f allows):
# exit 0 with a warning; the next write puts the index right.
test_index_not_updated() {
	new_casus
	local i
	mkdir extra
	for i in $(seq 1 300); do echo "$i" >"extra/bestand-met-een-lange-naam-$i"; done
	git add extra && git commit -qm "extra files"
	(
		ulimit -f 8 # KiB; the index is larger
		run spin financien "schuld a"
		echo "$rc" >"$root/rc"
	)
	rc=$(cat "$root/rc")
	expect_exit 0
	expect_stdout "2026-001 spin: financien ingevuld"$'\n'
	expect_stderr_has "amm: waarschuwing: de wijziging is vastgelegd, maar de git-index kon niet worden bijgewerkt"
	git show HEAD:$casus/spin.ini | grep -q "schuld a" || fail "the commit was not made"
	git diff --cached --quiet HEAD -- && fail "the index was updated after all"
	run stap nieuw "Daarna"
	expect_exit 0
	[ -z "$(git status --porcelain)" ] || fail "work tree not clean: $(git status --porcelain)"
}

run_tests test_concurrent_afspraken test_killed_write_rolled_back test_killed_write_finished \
	test_killed_write_hand_edit test_stale_locks test_file_size_limit test_index_not_updated \
	test_kill_loop
