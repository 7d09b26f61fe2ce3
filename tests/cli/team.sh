#!/usr/bin/env bash
# amm team and amm afsluiten / heropen.
. "$(dirname "$0")/common.sh"

test_team() {
	new_repo
	amm nieuw >/dev/null
	run team nieuw "Sanne de Vries" --rol procesbegeleider --organisatie "Buurtteam Noord"
	expect_exit 0
	expect_stdout "2026-001 team: lid 1 toegevoegd (procesbegeleider)
"
	expect_last_commit 2026-001 team casussen/2026/2026-001/casus.ini casussen/2026/2026-001/team.ini
	grep -qx "procesbegeleider = Sanne de Vries" casussen/2026/2026-001/casus.ini ||
		fail "procesbegeleider not in casus.ini"
	amm team nieuw "Ahmed B." --rol maatwerkcoach >/dev/null
	run team
	expect_stdout "Casusteam
---------
  - Sanne de Vries, procesbegeleider, bereikbaar via Buurtteam Noord
  - Ahmed B., maatwerkcoach
"
	run team verwijder "Ahmed B."
	expect_exit 0
	grep -qx "maatwerkcoach =" casussen/2026/2026-001/casus.ini || fail "maatwerkcoach not cleared"
	run team nieuw "Sanne de Vries" --rol lid
	expect_exit 3
	run team nieuw X --rol baas
	expect_exit 2
	run team verwijder Niemand
	expect_exit 4
	for i in 1 2 3 4 5; do amm team nieuw "Lid $i" --rol lid >/dev/null 2>&1; done
	run team nieuw "Lid 6" --rol lid
	expect_stderr "amm: waarschuwing: het casusteam telt nu 7 leden (meer dan 6): maak het casusteam zo klein als mogelijk
"
}

test_close_and_reopen() {
	new_repo
	amm nieuw >/dev/null
	amm stap nieuw "Stap" >/dev/null
	amm afspraak nieuw --stap 1 --wie a --wat b --wanneer +7 >/dev/null
	run afsluiten --reden "Verhuisd naar een andere stad"
	expect_exit 0
	expect_stdout "2026-001 casus: casus afgesloten
"
	expect_stderr "amm: waarschuwing: er is geen evaluatie vastgelegd: evalueer met de Amsterdammer wat de activiteiten hebben opgeleverd (amm evalueer)
amm: waarschuwing: 1 afspraak/afspraken staan nog open
"
	grep -qx "afgesloten = 2026-11-24" casussen/2026/2026-001/casus.ini || fail "closing date"
	grep -qx "reden-afsluiten = Verhuisd naar een andere stad" casussen/2026/2026-001/casus.ini ||
		fail "reason"
	before=$(commits)
	for w in "spin wonen Flat" "stap nieuw X" "afspraak klaar 1" "evalueer --volgende +7" \
		"team nieuw Y --rol lid" "perspectief Rust" "afsluiten"; do
		# shellcheck disable=SC2086
		run $w
		expect_exit 3
	done
	expect_commits "$before"
	run heropen --reden "Terug in Amsterdam; de schulden lopen weer op"
	expect_exit 0
	expect_stdout "2026-001 casus: casus heropend
"
	grep -q "^afgesloten" casussen/2026/2026-001/casus.ini && fail "closing date kept after reopening"
	grep -qx "reden-heropenen = Terug in Amsterdam; de schulden lopen weer op" \
		casussen/2026/2026-001/casus.ini || fail "reason of reopening"
	# The commit that reopens keeps the closing it undoes: date and reason.
	compare "body of the reopening commit" <(git log -1 --format=%b | grep -v '^AMM-\|^$') \
		"Afgesloten op 2026-11-24; reden: Verhuisd naar een andere stad
Heropend omdat: Terug in Amsterdam; de schulden lopen weer op
"
	run afsluiten
	run heropen --reden ""
	expect_exit 3
	run heropen
	expect_exit 0
	compare "body without reasons" <(git log -1 --format=%b | grep -v '^AMM-\|^$') \
		"Afgesloten op 2026-11-24; reden: geen reden vastgelegd
"
	grep -q "^reden-heropenen" casussen/2026/2026-001/casus.ini && fail "an old reason of reopening kept"
	run heropen
	expect_exit 3
	expect_stderr "amm: casus 2026-001 is al open
"
	run spin wonen Flat
	expect_exit 0
}

run_tests test_team test_close_and_reopen
