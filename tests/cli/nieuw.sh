#!/usr/bin/env bash
# amm nieuw: ids, the files of a new casus, one commit, privacy of names and modes.
. "$(dirname "$0")/common.sh"

files_of() {
	for f in analyse.ini casus.ini evaluaties.ini perspectief.md spin.ini stappen.ini \
		team.ini uitzonderingen.ini; do
		echo "casussen/${1:0:4}/$1/$f"
	done
}

test_first_casus() {
	new_repo
	run nieuw --alias "Fam. J." --inbrenger "Sanne de Vries" --organisatie "Buurtteam Noord"
	expect_exit 0
	expect_stdout "2026-001
"
	expect_commits 2
	expect_last_commit 2026-001 casus $(files_of 2026-001)
	compare "subject" <(git log -1 --format=%s) "2026-001 casus: nieuwe casus
"
	git log -1 --format=%B | grep -q "Fam. J." && fail "the alias is in the commit message"
	for kv in "id = 2026-001" "alias = Fam. J." "status = open" "geopend = 2026-11-24" \
		"casusinbrenger = Sanne de Vries" "organisatie = Buurtteam Noord"; do
		grep -qx "$kv" casussen/2026/2026-001/casus.ini || fail "casus.ini lacks '$kv'"
	done
	compare "modes" <(stat -c %a casussen/2026/2026-001 casussen/2026/2026-001/spin.ini) "700
600
"
	# The templates carry the method's guidance.
	grep -q "ik-vorm" casussen/2026/2026-001/perspectief.md || fail "no guidance in perspectief.md"
	grep -q "need to know" casussen/2026/2026-001/spin.ini || fail "no guidance in spin.ini"
}

test_sequence_and_year() {
	new_repo
	run nieuw
	expect_stdout "2026-001
"
	run nieuw
	expect_stdout "2026-002
"
	AMM_VANDAAG=2027-01-05 run nieuw
	expect_stdout "2027-001
"
	[ -d casussen/2027/2027-001 ] || fail "no folder of 2027"
}

test_organisation_from_config() {
	new_repo
	sed -i 's/^naam =$/naam = Buurtteam Zuid/' amm.ini
	git commit -qam "organisatie"
	run nieuw --alias x
	grep -qx "organisatie = Buurtteam Zuid" casussen/2026/2026-001/casus.ini ||
		fail "organisation of amm.ini not used"
}

test_bad_alias() {
	new_repo
	run nieuw --alias "$(printf 'a\033[31mb')"
	expect_exit 3
	expect_stderr "amm: --alias: de tekst bevat stuurtekens
"
	run nieuw --alias ""
	expect_exit 3
	expect_commits 1
}

test_concurrent() {
	new_repo
	for i in $(seq 1 50); do
		"$AMM" nieuw --alias "Casus $i" >"$root/id.$i" 2>&1 </dev/null &
	done
	wait
	expect_commits 51
	compare "ids" <(cat "$root"/id.* | sort -u | wc -l) "50
"
	compare "folders" <(ls casussen/2026 | wc -l) "50
"
	[ -z "$(git status --porcelain)" ] || fail "work tree not clean"
}

run_tests test_first_casus test_sequence_and_year test_organisation_from_config test_bad_alias \
	test_concurrent
