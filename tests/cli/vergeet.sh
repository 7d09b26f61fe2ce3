#!/usr/bin/env bash
# amm vergeet across clones: the erasure record travels, amm sync applies it in every clone and
# on the server, the server's hook refuses the old history from amm and from plain git, the
# destruction list, a kill during an erasure, two erasures at once, records edited by hand.
. "$(dirname "$0")/common.sh"
here=$(cd "$(dirname "$0")" && pwd)
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}fast_unwind_on_malloc=0"

as_ann() { GIT_AUTHOR_NAME=Ann GIT_COMMITTER_NAME=Ann "$@"; }
as_bob() { GIT_AUTHOR_NAME=Bob GIT_COMMITTER_NAME=Bob "$@"; }
as_cyd() { GIT_AUTHOR_NAME=Cyd GIT_COMMITTER_NAME=Cyd "$@"; }

# The shared server, made by amm with its hooks.
new_server() {
	"$AMM" init --gedeeld "$root/srv/casussen.git" >/dev/null || fail "amm init --gedeeld failed"
}
. "$here/server.sh"

# Ann shares two casussen, 2026-001 holding a secret; Bob and Cyd clone; oud is a plain git
# clone that keeps the old history.
team() {
	url=$1
	[ -d "$root/srv/casussen.git" ] || new_server
	cd "$root" || exit 1
	as_ann "$AMM" init ann --remote "$url" >/dev/null || fail "amm init --remote"
	cd "$root/ann" || exit 1
	as_ann "$AMM" nieuw --alias een >/dev/null
	as_ann "$AMM" nieuw --alias twee >/dev/null
	as_ann "$AMM" --casus 2026-001 spin financien "GEHEIM schuld 4.711 euro" >/dev/null
	as_ann "$AMM" --casus 2026-002 spin wonen "Een flat in Noord" >/dev/null
	as_ann "$AMM" sync >/dev/null || fail "Ann's sync"
	cd "$root" || exit 1
	as_bob "$AMM" kloon "$url" bob >/dev/null || fail "Bob's kloon"
	as_cyd "$AMM" kloon "$url" cyd >/dev/null || fail "Cyd's kloon"
	git clone -q "$url" oud 2>/dev/null || fail "plain git clone"
}

# Nothing of the secret in the objects, packs, reflogs or any file of a repository.
expect_no_secret() {
	local dir=$1 gitdir
	gitdir=$(git -C "$dir" rev-parse --absolute-git-dir)
	if git -C "$dir" cat-file --batch-all-objects --batch 2>/dev/null | grep -qa GEHEIM; then
		fail "an object in $dir still holds the secret"
	fi
	grep -rqa GEHEIM "$gitdir" && fail "a file under $gitdir holds the secret"
	[ -d "$dir/casussen/2026/2026-001" ] && fail "the casus is still in the work tree of $dir"
	git -C "$dir" fsck --full --strict >/dev/null 2>&1 || fail "git fsck --full in $dir"
	[ -z "$(git -C "$dir" fsck --unreachable --no-reflogs 2>/dev/null)" ] ||
		fail "unreachable objects in $dir"
}

expect_casussen() {
	local dir=$1 want=$2
	compare "casussen in $dir" <(ls "$dir/casussen/2026" | tr '\n' ' ') "$want"
}

test_erasure_reaches_every_clone() {
	team "$root/srv/casussen.git"
	# Bob and Cyd work on without sharing; Bob also edits the casus that will be erased.
	cd "$root/bob" || return
	as_bob "$AMM" --casus 2026-002 spin netwerk "De buren helpen" >/dev/null
	as_bob "$AMM" --casus 2026-001 spin wonen "GEHEIM adres" >/dev/null
	echo "# GEHEIM kladje" >>casussen/2026/2026-001/spin.ini
	cd "$root/cyd" || return
	as_cyd "$AMM" --casus 2026-002 spin dagbesteding "Vrijwilligerswerk" >/dev/null
	cd "$root/ann" || return
	run vergeet 2026-001 --bevestig 2026-001
	expect_exit 2
	expect_stderr_has "--grond"
	run vergeet 2026-001 --bevestig 2026-001 --grond zomaar
	expect_exit 2
	as_ann "$AMM" vergeet 2026-001 --bevestig 2026-001 --grond verzoek >"$out" 2>"$err"
	rc=$?
	expect_exit 0
	expect_stdout_has "Casus 2026-001 is gewist uit de hele geschiedenis"
	expect_stdout_has "Doe nu 'amm sync'"
	grep -qx "grond = verzoek" vergeten.ini || fail "no record: $(cat vergeten.ini)"
	grep -qx "door = Ann" vergeten.ini || fail "the record does not say who erased"
	grep -q GEHEIM vergeten.ini && fail "the record holds personal data"
	as_ann "$AMM" sync >"$out" 2>"$err"
	rc=$?
	expect_exit 0
	expect_stdout_has "Casus 2026-001 stond nog op de server"
	expect_no_secret "$root/srv/casussen.git"

	cd "$root/bob" || return
	as_bob "$AMM" sync >"$out" 2>"$err"
	rc=$?
	expect_exit 0
	expect_stdout_has "Casus 2026-001 is gewist volgens vergeten.ini"
	expect_stdout_has "1 eigen, nog niet gedeelde commit met wijzigingen aan een gewiste casus is vervallen"
	expect_stdout_has "Niet vastgelegde wijziging aan een gewiste casus weggegooid: casussen/2026/2026-001/spin.ini"
	grep -q "GEHEIM" "$out" && fail "sync printed the content of a dropped change"
	# Cyd was offline during all of this.
	cd "$root/cyd" || return
	as_cyd "$AMM" sync >"$out" 2>"$err"
	rc=$?
	expect_exit 0
	expect_stdout_has "Casus 2026-001 is gewist volgens vergeten.ini"
	for who in ann bob; do
		cd "$root/$who" || return
		"$AMM" sync >/dev/null 2>&1 || fail "$who's last sync"
	done
	for dir in ann bob cyd srv/casussen.git; do
		expect_no_secret "$root/$dir"
	done
	for dir in ann bob cyd; do
		expect_casussen "$root/$dir" "2026-002 "
		grep -qx "netwerk = De buren helpen" "$root/$dir/casussen/2026/2026-002/spin.ini" ||
			fail "Bob's change is missing in $dir"
		grep -qx "dagbesteding = Vrijwilligerswerk" "$root/$dir/casussen/2026/2026-002/spin.ini" ||
			fail "Cyd's change is missing in $dir"
		(cd "$root/$dir" && "$AMM" vergeet --controleer 2026-001 >/dev/null) ||
			fail "amm vergeet --controleer finds traces in $dir"
	done

	# The old history, pushed with plain git: refused, the server unchanged.
	cd "$root/oud" || return
	before=$(git -C "$root/srv/casussen.git" rev-parse main)
	git push --force "file://$root/srv/casussen.git" main >"$out" 2>"$err" &&
		fail "a forced push of the old history was taken"
	expect_stderr_has "verliest de gewiste casus(sen) 2026-001"
	git push origin main:refs/heads/oud >"$out" 2>"$err" && fail "the old history as a new branch was taken"
	# A commit on top of the new history that brings the casus back.
	git fetch -q origin && git checkout -q -b terug origin/main &&
		git checkout -q main -- casussen/2026/2026-001 && git commit -qm terug
	git push origin terug:main >"$out" 2>"$err" && fail "the casus came back with a plain push"
	expect_stderr_has "bevat de gewiste casus 2026-001"
	[ "$(git -C "$root/srv/casussen.git" rev-parse main)" = "$before" ] || fail "the server moved"
	expect_no_secret "$root/srv/casussen.git"

	# The erasure arrives by plain git pull: amm stops and says how to finish it.
	git checkout -q main && git pull -q --no-rebase -X theirs origin main >/dev/null 2>&1 ||
		fail "git pull failed"
	run status --casus 2026-002
	expect_exit 5
	expect_stderr_has "casus 2026-001 is gewist (vergeten.ini), maar staat nog in deze kloon"
	run vergeet --toepassen
	expect_exit 0
	git branch -D terug >/dev/null 2>&1
	run vergeet --toepassen
	expect_exit 0
	git remote remove origin
	run vergeet --toepassen
	expect_exit 0
	expect_no_secret "$root/oud"
	run status --casus 2026-002
	expect_exit 0
}

test_hook_over_git_daemon() {
	start_daemon || return
	team "$url"
	cd "$root/ann" || return
	as_ann "$AMM" vergeet 2026-001 --bevestig 2026-001 --grond bewaartermijn >/dev/null ||
		fail "vergeet"
	as_ann "$AMM" sync >"$out" 2>"$err"
	rc=$?
	expect_exit 0
	# The server's post-receive hook cleared the replaced history away.
	expect_no_secret "$root/srv/casussen.git"
	cd "$root/oud" || return
	before=$(git -C "$root/srv/casussen.git" rev-parse main)
	git push --force "$url" main >"$out" 2>"$err" && fail "git push --force of the old history was taken"
	expect_stderr_has "geweigerd"
	[ "$(git -C "$root/srv/casussen.git" rev-parse main)" = "$before" ] || fail "the server moved"
	cd "$root/bob" || return
	as_bob "$AMM" sync >/dev/null 2>&1 || fail "Bob's sync over git daemon"
	expect_no_secret "$root/bob"
	stop_daemon
}

test_destruction_list() {
	new_repo
	amm nieuw --alias een >/dev/null
	amm nieuw --alias twee >/dev/null
	amm nieuw --alias drie >/dev/null
	amm --casus 2026-001 spin financien "GEHEIM een" >/dev/null
	amm --casus 2026-002 spin financien "GEHEIM twee" >/dev/null
	AMM_VANDAAG=2019-05-01 amm --casus 2026-001 afsluiten >/dev/null 2>&1
	AMM_VANDAAG=2019-06-02 amm --casus 2026-002 afsluiten >/dev/null 2>&1
	AMM_VANDAAG=2026-11-01 amm --casus 2026-003 afsluiten >/dev/null 2>&1
	run bewaartermijn
	expect_exit 0
	expect_stdout "2026-001  afgesloten 2019-05-01, bewaren tot 2026-05-01
2026-002  afgesloten 2019-06-02, bewaren tot 2026-06-02

Wis ze met: amm bewaartermijn --csv > lijst.csv && amm vergeet --lijst lijst.csv
"
	run bewaartermijn --csv
	expect_exit 0
	expect_stdout "id,afgesloten,bewaren_tot
2026-001,2019-05-01,2026-05-01
2026-002,2019-06-02,2026-06-02
"
	cp "$out" "$root/lijst.csv"
	run bewaartermijn --csv --json
	expect_exit 2
	# Not on a terminal and no --ja: nothing is erased.
	head=$(git rev-parse HEAD)
	run vergeet --lijst "$root/lijst.csv"
	expect_exit 2
	expect_stderr_has "bevestig met --ja"
	[ "$(git rev-parse HEAD)" = "$head" ] || fail "something was committed"
	# A list with a casus whose retention has not passed: refused whole.
	printf 'id\n2026-001\n2026-003\n' >"$root/fout.csv"
	run vergeet --lijst "$root/fout.csv" --ja
	expect_exit 3
	expect_stderr_has "casus 2026-003 staat op"
	printf 'id\n2026-0x1\n' >"$root/kapot.csv"
	run vergeet --lijst "$root/kapot.csv" --ja
	expect_exit 3
	expect_stderr_has "kapot.csv:2: '2026-0x1' is geen casusnummer"
	[ "$(git rev-parse HEAD)" = "$head" ] || fail "something was committed"
	run vergeet --lijst "$root/lijst.csv" --ja
	expect_exit 0
	expect_stdout_has "Gewist: 2 casussen; de lijst staat in vernietigd/2026-11-24.csv"
	compare "the kept list" vernietigd/2026-11-24.csv "id,afgesloten,bewaren_tot,vernietigd
2026-001,2019-05-01,2026-05-01,2026-11-24
2026-002,2019-06-02,2026-06-02,2026-11-24
"
	[ "$(grep -c '^grond = bewaartermijn$' vergeten.ini)" = 2 ] || fail "two records expected"
	grep -qx "lijst = vernietigd/2026-11-24.csv" vergeten.ini || fail "the record names no list"
	expect_casussen . "2026-003 "
	expect_no_secret .
	run bewaartermijn
	expect_exit 0
	expect_stdout ""
}

# A kill at any moment of an erasure leaves a repository that the next amm sync finishes.
test_kill_during_erasure() {
	local rounds=12 t
	[ -n "${AMM_WRAPPER:-}" ] && rounds=2
	team "$root/srv/casussen.git"
	cd "$root/bob" && as_bob "$AMM" --casus 2026-002 spin netwerk "De buren helpen" >/dev/null
	cd "$root" && cp -a srv srv.0 && cp -a ann ann.0 && cp -a bob bob.0
	for i in $(seq 1 "$rounds"); do
		cd "$root" && rm -rf srv ann bob && cp -a srv.0 srv && cp -a ann.0 ann && cp -a bob.0 bob
		cd "$root/ann" || return
		t=$(printf '0.%02d' $((RANDOM % 25)))
		as_ann timeout -s KILL "$t" "$AMM" vergeet 2026-001 --bevestig 2026-001 --grond verzoek \
			>/dev/null 2>&1
		# The record counts once committed: a write killed before its branch moved leaves
		# vergeten.ini in the work tree, and the next amm takes that write back.
		if ! git show HEAD:vergeten.ini 2>/dev/null | grep -q '^\[vergeten 2026-001\]'; then
			# Killed before the record: nothing happened; it is erased again.
			[ -d casussen/2026/2026-001 ] || fail "round $i: the casus went without a record"
			as_ann "$AMM" vergeet 2026-001 --bevestig 2026-001 --grond verzoek >/dev/null 2>&1 ||
				fail "round $i: vergeet after a kill before the record"
		fi
		as_ann "$AMM" sync >/dev/null 2>&1 || fail "round $i: Ann's sync after the kill"
		cd "$root/bob" || return
		t=$(printf '0.%02d' $((RANDOM % 30)))
		as_bob timeout -s KILL "$t" "$AMM" sync >/dev/null 2>&1
		# A push to a folder is written by amm itself, without the server's git: a kill
		# there leaves the server's lock, which its administrator clears; a real server
		# (ssh, git daemon) runs its own git and leaves none.
		rm -f "$root/srv/casussen.git/refs/heads/main.lock"
		as_bob "$AMM" sync >"$out" 2>"$err" || fail "round $i: Bob's sync after the kill: $(cat "$err")"
		for dir in ann bob srv/casussen.git; do
			expect_no_secret "$root/$dir"
		done
		grep -qx "netwerk = De buren helpen" "$root/bob/casussen/2026/2026-002/spin.ini" ||
			fail "round $i: Bob's change was lost"
		[ -z "$(git -C "$root/bob" status --porcelain)" ] || fail "round $i: Bob's work tree"
		[ "$current_failed" -eq 0 ] || return
	done
	rm -rf "$root"/*.0
}

test_two_erasures_at_once() {
	team "$root/srv/casussen.git"
	cd "$root/ann" || return
	as_ann "$AMM" nieuw --alias drie >/dev/null
	as_ann "$AMM" --casus 2026-002 spin financien "GEHEIM ook" >/dev/null
	as_ann "$AMM" sync >/dev/null || fail "sync"
	cd "$root/bob" && as_bob "$AMM" sync >/dev/null || fail "Bob's sync"
	as_bob "$AMM" --casus 2026-003 spin netwerk "Een zus" >/dev/null
	cd "$root/ann" && as_ann "$AMM" --casus 2026-003 spin wonen "Een huurhuis" >/dev/null
	as_ann "$AMM" vergeet 2026-001 --bevestig 2026-001 --grond verzoek >/dev/null || fail "Ann's vergeet"
	cd "$root/bob" || return
	as_bob "$AMM" vergeet 2026-002 --bevestig 2026-002 --grond onrechtmatig >/dev/null ||
		fail "Bob's vergeet"
	# Both share at the same moment, then once more each.
	(cd "$root/ann" && as_ann "$AMM" sync >/dev/null 2>&1) &
	(cd "$root/bob" && as_bob "$AMM" sync >/dev/null 2>&1) &
	wait
	for who in ann bob ann bob; do
		(cd "$root/$who" && "$AMM" sync >/dev/null 2>&1) || fail "$who's sync after both"
	done
	for dir in ann bob srv/casussen.git; do
		expect_no_secret "$root/$dir"
	done
	for dir in ann bob; do
		expect_casussen "$root/$dir" "2026-003 "
		grep -q '^\[vergeten 2026-001\]' "$root/$dir/vergeten.ini" &&
			grep -q '^\[vergeten 2026-002\]' "$root/$dir/vergeten.ini" ||
			fail "$dir lacks a record"
		grep -qx "netwerk = Een zus" "$root/$dir/casussen/2026/2026-003/spin.ini" &&
			grep -qx "wonen = Een huurhuis" "$root/$dir/casussen/2026/2026-003/spin.ini" ||
			fail "a change to 2026-003 was lost in $dir"
	done
}

test_record_edited_by_hand() {
	team "$root/srv/casussen.git"
	cd "$root/ann" || return
	as_ann "$AMM" vergeet 2026-001 --bevestig 2026-001 --grond verzoek >/dev/null || fail "vergeet"
	as_ann "$AMM" sync >/dev/null || fail "sync"
	# Someone changes the record by hand and pushes it with plain git.
	sed -i 's/^datum = .*/datum = 2026-01-01/' vergeten.ini
	git commit -qam "datum" && git push -q origin main 2>/dev/null || fail "plain push"
	cd "$root/bob" || return
	head=$(git rev-parse HEAD)
	run sync
	expect_exit 3
	expect_stderr_has "vergeten.ini:5: [vergeten 2026-001]: de controle klopt niet"
	[ "$(git rev-parse HEAD)" = "$head" ] || fail "Bob's branch moved"
	[ -d casussen/2026/2026-001 ] || fail "something was erased on a bad record"
	# A record made by hand for a casus that is still there.
	cd "$root/cyd" || return
	printf '[vergeten 2026-002]\ndatum = 2026-11-24\ndoor = X\ngrond = verzoek\nvervangen = %s\ncontrole = 0\n' \
		"$(git rev-parse HEAD)" >vergeten.ini
	git add vergeten.ini && git commit -qm "met de hand"
	run lijst
	expect_exit 3
	expect_stderr_has "vergeten.ini:1: [vergeten 2026-002]"
	[ -d casussen/2026/2026-002 ] || fail "a hand-made record erased a casus"
}

test_vergeet_unknown_casus() {
	new_repo
	amm nieuw >/dev/null
	run vergeet 2026-009 --bevestig 2026-009 --grond verzoek
	expect_exit 4
	[ -e vergeten.ini ] && fail "a record for a casus that does not exist"
	run vergeet --controleer 2026-001
	expect_exit 1
	expect_stdout_has "de map casussen/2026/2026-001 staat nog in de werkmap"
	# The summary of every casus names it too.
	amm lijst >/dev/null
	run vergeet --controleer 2026-001
	expect_exit 1
	expect_stdout_has "amm-overzicht noemt de casus"
	run vergeet --controleer nee
	expect_exit 2
}

# A casus folder replaced by a link: the link goes, never what it points to.
test_vergeet_through_a_link() {
	new_repo
	amm nieuw >/dev/null
	amm nieuw >/dev/null
	mkdir "$root/buiten" && echo bewaren >"$root/buiten/casus.ini"
	rm -r casussen/2026/2026-001 && ln -s "$root/buiten" casussen/2026/2026-001
	run vergeet 2026-001 --bevestig 2026-001 --grond verzoek
	expect_exit 0
	[ -e "$root/buiten/casus.ini" ] || fail "erasure removed a file outside the repository"
	[ -L casussen/2026/2026-001 ] && fail "the link is still there"
	expect_casussen . "2026-002 "
	rm -r "$root/buiten"
}

run_tests test_erasure_reaches_every_clone test_hook_over_git_daemon test_destruction_list \
	test_kill_during_erasure test_two_erasures_at_once test_record_edited_by_hand \
	test_vergeet_unknown_casus test_vergeet_through_a_link
