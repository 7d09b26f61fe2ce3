#!/usr/bin/env bash
# amm init: a new casus repository, adopting an existing git repository, idempotence.
. "$(dirname "$0")/common.sh"

test_new() {
	run init "$root/repo"
	expect_exit 0
	expect_stdout "Nieuwe casusrepository gemaakt in $root/repo/
"
	cd "$root/repo" || return
	expect_commits 1
	compare "files" <(last_files) ".gitattributes
amm.ini
"
	compare "message" <(git log -1 --format=%B) "amm.ini: casusrepository ingericht

AMM-Onderdeel: amm.ini

"
	compare "branch" <(git symbolic-ref HEAD) "refs/heads/main
"
	compare "modes" <(stat -c %a amm.ini .git) "600
700
"
}

test_twice() {
	new_repo
	run init "$root/repo"
	expect_exit 0
	expect_stdout "$root/repo/ is al een casusrepository; er is niets veranderd
"
	expect_commits 1
	run init
	expect_exit 0
	expect_commits 1
}

test_adopt() {
	git init -q -b werk "$root/repo" && cd "$root/repo" || return
	echo "oud" >notities.txt && git add notities.txt && git commit -qm "oude notities"
	run init
	expect_exit 0
	expect_stdout "Bestaande git-repository ingericht als casusrepository: $root/repo/
"
	expect_commits 2
	compare "history" <(git log --format=%s) "amm.ini: casusrepository ingericht
oude notities
"
	compare "branch" <(git symbolic-ref HEAD) "refs/heads/werk
"
}

test_uncommitted_amm_ini() {
	git init -q "$root/repo" && cd "$root/repo" || return
	echo "[amm]" >amm.ini
	git add amm.ini
	run init
	expect_exit 5
	expect_stderr_has "'amm.ini' heeft wijzigingen die nog niet zijn vastgelegd"
	compare "hand-written amm.ini kept" amm.ini "[amm]
"
}

run_tests test_new test_twice test_adopt test_uncommitted_amm_ini
