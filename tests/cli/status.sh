#!/usr/bin/env bash
# amm status and the casus selection rule: --casus, $AMM_CASUS, the folder, the only open one.
. "$(dirname "$0")/common.sh"

test_only_open_casus() {
	new_repo
	amm nieuw --alias "Fam. J." --inbrenger "Sanne de Vries" >/dev/null
	run status
	expect_exit 0
	expect_stdout "Casus 2026-001  Fam. J.  (open sinds 2026-11-24)
================================================
  Casusinbrenger:   Sanne de Vries
  Procesbegeleider: -
  Maatwerkcoach:    -

De zes stappen
--------------
  1 Perspectief:           nog leeg
  2 Spin:                  0 van 9 velden ingevuld
  3 Wat is er aan de hand: 0 probleem/problemen; nog niet gedeeld
  4 Eerste stap(pen):      0 stap(pen), 0 open
  5 Wie doet wat:          0 afspra(a)k(en), 0 open, 0 te laat
  6 Evaluatie:             0 evaluatie(s); volgende: niet gepland

Let op
------
  - stap 1: er is nog geen perspectief van de Amsterdammer
  - stap 2: 9 van de 9 velden van de spin zijn nog leeg
"
}

test_selection() {
	new_repo
	amm nieuw --alias een >/dev/null
	amm nieuw --alias twee >/dev/null
	run status
	expect_exit 2
	expect_stderr "amm: geen casus gekozen: er zijn 2 open casussen. Kies er een met --casus ID, met AMM_CASUS=ID, of door in de map van de casus te staan (zie 'amm lijst')
"
	run status --casus 2026-002
	expect_exit 0
	expect_stdout_has "Casus 2026-002  twee"
	run --casus 2026-002 status
	expect_stdout_has "Casus 2026-002  twee"
	AMM_CASUS=2026-001 run status
	expect_stdout_has "Casus 2026-001  een"
	(cd casussen/2026/2026-002 && run status && grep -q "Casus 2026-002" "$out") ||
		fail "the casus folder you stand in"
	cd "$root" || return
	run -C repo status --casus 2026-001
	expect_exit 0
	expect_stdout_has "Casus 2026-001  een"
}

test_json() {
	new_repo
	amm nieuw --alias "Fam. J." >/dev/null
	amm stap nieuw "Schuldhulp aanvragen" >/dev/null
	run status --json
	expect_exit 0
	python3 - "$out" <<'PY' || fail "JSON of amm status"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["schema"] == "amm/1" and d["casus"] == "2026-001" and d["alias"] == "Fam. J." and d["status"] == "open", d
assert d["voortgang"]["aantal_stappen"] == 1 and d["voortgang"]["stappen_open"] == 1, d
assert d["volgende_evaluatie"] is None
assert "stap 6: er is geen volgende evaluatie gepland" in d["waarschuwingen"], d
PY
}

test_warnings() {
	new_repo
	amm nieuw >/dev/null
	for i in 1 2 3 4; do amm stap nieuw "Stap $i" >/dev/null 2>&1; done
	amm afspraak nieuw --stap 1 --wie Fatima --wat belt --wanneer 2026-11-20 >/dev/null
	amm evalueer --volgende 2026-11-01 >/dev/null
	run status
	expect_stdout_has "stap 4: 4 stappen staan tegelijk open; de methode vraagt om focus (hoogstens 3)"
	expect_stdout_has "stap 5: 1 afspraak/afspraken over de datum"
	expect_stdout_has "stap 6: de evaluatie van 2026-11-01 is verstreken"
}

run_tests test_only_open_casus test_selection test_json test_warnings
