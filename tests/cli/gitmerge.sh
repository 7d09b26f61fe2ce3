#!/usr/bin/env bash
# amm's merge inside plain git: amm init and amm kloon register amm merge-bestand as git's merge
# driver (and diff textconv) for casus files, so git merge and git pull merge as amm sync does.
. "$(dirname "$0")/common.sh"

casus=casussen/2026/2026-001
as_ann() { GIT_AUTHOR_NAME=Ann GIT_COMMITTER_NAME=Ann "$@"; }
as_bob() { GIT_AUTHOR_NAME=Bob GIT_COMMITTER_NAME=Bob "$@"; }

test_registered() {
	new_repo
	compare "merge driver" <(git config merge.amm.driver) "'$AMM' merge-bestand %O %A %B %P
"
	compare "textconv" <(git config diff.amm.textconv) "'$AMM' merge-bestand --velden
"
	compare "attributes" <(git check-attr merge diff -- amm.ini vergeten.ini $casus/stappen.ini \
		$casus/perspectief.md) "amm.ini: merge: amm
amm.ini: diff: amm
vergeten.ini: merge: amm
vergeten.ini: diff: amm
$casus/stappen.ini: merge: amm
$casus/stappen.ini: diff: amm
$casus/perspectief.md: merge: amm
$casus/perspectief.md: diff: unspecified
"
	compare "committed" <(git ls-files) ".gitattributes
amm.ini
"
	# An older repository, without them, gets them on the next amm init.
	git rm -q .gitattributes && git commit -qm "zonder" && git config --remove-section merge.amm
	run init
	expect_exit 0
	compare "message" <(git log -1 --format=%s) ".gitattributes: git voegt casusbestanden samen zoals amm sync
"
	git cat-file -e HEAD:.gitattributes || fail ".gitattributes not committed again"
	[ -n "$(git config merge.amm.driver)" ] || fail "driver not registered again"
	run init
	expect_stdout "$root/repo/ is al een casusrepository; er is niets veranderd
"
}

test_textconv() {
	new_repo
	"$AMM" nieuw --alias "Fam. J." >/dev/null
	"$AMM" spin financien "schuld van 9500 euro" >/dev/null
	"$AMM" spin financien $'schuld van 9800 euro\nbij twee schuldeisers' >/dev/null
	git diff HEAD~1 HEAD -- $casus/spin.ini | grep '^[-+][^-+]' >"$out"
	expect_stdout "-[spin] financien: schuld van 9500 euro
+[spin] financien: schuld van 9800 euro / bij twee schuldeisers
"
}

# Ann and Bob make the same conflicting change: a spin field changed differently, and a stap
# with an agreement added on both sides under the same numbers. Bob merges once with amm sync
# and once (in a copy of his clone) with plain git: the files are the same.
test_git_merge_equals_sync() {
	git init -q --bare "$root/srv.git"
	as_ann "$AMM" init ann --remote "file://$root/srv.git" >/dev/null || fail "amm init --remote"
	cd "$root/ann" || return
	as_ann "$AMM" nieuw --alias "Fam. J." >/dev/null
	as_ann "$AMM" stap nieuw "Schulden op een rij" >/dev/null
	as_ann "$AMM" sync >/dev/null || fail "Ann's first sync"
	cd "$root" && as_bob "$AMM" kloon "file://$root/srv.git" bob >/dev/null || fail "amm kloon"
	cd "$root/ann" || return
	as_ann "$AMM" spin financien "schuld van 9500 euro" >/dev/null
	as_ann "$AMM" stap nieuw "Werk zoeken" >/dev/null
	as_ann "$AMM" afspraak nieuw --stap 2 --wie Ann --wat "belt het UWV" --wanneer +7 >/dev/null
	as_ann "$AMM" sync >/dev/null || fail "Ann's sync"
	cd "$root/bob" || return
	as_bob "$AMM" spin financien "schuld van 9800 euro" >/dev/null
	as_bob "$AMM" stap nieuw "Een huis" >/dev/null
	as_bob "$AMM" afspraak nieuw --stap 2 --wie Bob --wat "belt de woningcorporatie" \
		--wanneer +3 >/dev/null
	cp -a "$root/bob" "$root/bobgit"

	as_bob run sync
	expect_exit 5
	cd "$root/bobgit" || return
	as_bob git fetch -q origin && as_bob git merge --no-edit origin/main >"$out" 2>"$err"
	rc=$?
	[ "$rc" -ne 0 ] || fail "git merge reported no conflict"
	grep -q "1 conflict(en) in $casus/spin.ini" "$err" || fail "no message from amm: $(cat "$err")"
	compare "conflicted files" <(git diff --name-only --diff-filter=U) "$casus/spin.ini
"
	for f in spin.ini stappen.ini; do
		compare "$f after git merge and after amm sync" "$casus/$f" "$(cat "$root/bob/$casus/$f")
"
	done
	grep -qx "\[stap 3\]" $casus/stappen.ini || fail "Bob's stap not renumbered"
	# Recorded with git, the conflict waits for a choice as after amm sync.
	as_bob git commit -qa --no-edit || fail "git commit of the merge"
	as_bob run sync
	expect_exit 5
	expect_stderr_has "er staan nog conflicten van een eerdere sync in $casus/spin.ini;"
	as_bob run sync --kies hun spin
	expect_exit 0
	grep -qx "financien = schuld van 9500 euro" $casus/spin.ini || fail "hun value not chosen"
	git -C "$root/ann" pull -q --no-rebase --no-edit 2>"$err" || fail "Ann's git pull: $(cat "$err")"
	compare "Ann's spin after git pull" "$root/ann/$casus/spin.ini" "$(cat $casus/spin.ini)
"
}

test_driver_by_hand() {
	mkdir -p "$root/hand" && cd "$root/hand" || return
	printf '[spin]\nfinancien = a\nwonen = b\n' >base.ini
	printf '[spin]\nfinancien = c\nwonen = b\n' >mijn.ini
	printf '[spin]\nfinancien = a\nwonen = d\n' >hun.ini
	run merge-bestand base.ini mijn.ini "$root/hand/hun.ini" spin.ini
	expect_exit 0
	compare "clean merge" mijn.ini "[spin]
financien = c
wonen = d
"
	run merge-bestand base.ini mijn.ini
	expect_exit 2
	run merge-bestand base.ini mijn.ini ontbreekt.ini
	expect_exit 4
	printf 'geen ini\n' >kapot.ini
	run merge-bestand base.ini kapot.ini hun.ini spin.ini
	expect_exit 3
	run merge-bestand --velden kapot.ini
	expect_exit 0
	expect_stdout "geen ini
"
}

run_tests test_registered test_textconv test_git_merge_equals_sync test_driver_by_hand
