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
	# Open afspraken for "afspraak klaar" to close, one a round of that kind.
	local k
	for k in $(seq 2 60); do
		"$AMM" afspraak nieuw --stap 1 --wie "W$k" --wat "vooraf $k" --wanneer +7 \
			>/dev/null </dev/null || fail "amm afspraak nieuw failed"
	done
	local rounds=300 i pid rc delay locks changed klaar=1 next=()
	local killed=0 finished=0 repaired=0 bad=0 bad_rounds="" cmd=() done_tokens=() words=()
	# Under valgrind every start takes a second or more: fewer rounds, longer delays.
	[ -z "${AMM_WRAPPER:-}" ] || rounds=15
	for ((i = 1; i <= rounds; i++)); do
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
		if [ -z "${AMM_WRAPPER:-}" ]; then
			delay=0.0$((RANDOM % 6))$((RANDOM % 10)) # 0 to 59 ms; a write takes 15 to 40
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
		if [ "$rc" -ne 0 ] || [ -n "$locks" ] || [ -n "$changed" ] ||
			! git diff --cached --quiet HEAD --; then
			# Counted, not stopped at: how many rounds leave a mess says how bad it is.
			bad=$((bad + 1))
			[ "$bad" -gt 5 ] || bad_rounds+=" [round $i, amm ${cmd[*]}: next write exited $rc" \
				bad_rounds+="${locks:+, locks: ${locks//$'\n'/ }}${changed:+, changed: ${changed//$'\n'/ }}"
			[ "$bad" -gt 5 ] || bad_rounds+=": $(head -c 200 "$err")]"
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
	[ "$bad" -eq 0 ] || fail "$bad of $rounds rounds left a lock, a changed file or a" \
		"stale index after the next write:$bad_rounds"
	expect_linear_history
	# Each write that said so is in the history, under the subject it printed.
	git log --format=%s >"$root/subjects"
	for k in "${done_tokens[@]}"; do
		grep -qxF -- "$k" "$root/subjects" || fail "'$k' was reported but is not in the history"
	done
	git log -p >"$root/history"
	for k in "${words[@]}"; do
		grep -qw -- "$k" "$root/history" || fail "the write with '$k' said it succeeded, but is not in the history"
	done
	[ -z "$(git status --porcelain --untracked-files=all)" ] || fail "work tree not clean at the end"
	[ -z "$(git_locks)" ] || fail "lock files left at the end: $(git_locks)"
	echo "# $current: $((i - 1)) rounds: $killed killed, $finished finished;" \
		"$repaired next writes repaired something; $bad left a mess;" \
		"temporary files left: $(find $casus -name '*.amm-*' | wc -l)"
}

run_tests test_concurrent_afspraken test_kill_loop
