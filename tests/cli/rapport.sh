#!/usr/bin/env bash
# amm rapport: counts across casussen for the team.
. "$(dirname "$0")/common.sh"

test_empty() {
	new_repo
	run rapport --json
	expect_exit 0
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["casussen_per_status"]=={"open":0,"afgesloten":0} and d["systeemproblemen"]==[]' "$out" ||
		fail "empty rapport"
}

test_counts() {
	new_repo
	amm nieuw >/dev/null && amm nieuw >/dev/null && amm nieuw >/dev/null
	amm --casus 2026-001 perspectief "Ik wil rust" >/dev/null
	amm --casus 2026-001 analyse nieuw systeem "Wachtlijst sociale huur" >/dev/null
	amm --casus 2026-002 analyse nieuw systeem "Wachtlijst sociale huur" >/dev/null
	amm --casus 2026-002 analyse nieuw systeem "Psycholoog pas over maanden" >/dev/null
	amm --casus 2026-002 analyse nieuw persoonlijk "Schaamte" >/dev/null
	amm --casus 2026-001 uitzondering nieuw --over a --gewone-route b --maatwerk c \
		--kosten-gewoon 9.500 --kosten-maatwerk "1.250,50" >/dev/null
	amm --casus 2026-002 uitzondering nieuw --over a --gewone-route b --maatwerk c \
		--kosten-gewoon 500 --kosten-maatwerk 700 --maatwerkcoach Ahmed >/dev/null
	for f in legitimiteit betrokkenheid rendement; do amm --casus 2026-002 uitzondering 1 $f x >/dev/null; done
	amm --casus 2026-002 uitzondering 1 besluit afgewezen >/dev/null
	amm --casus 2026-003 afsluiten >/dev/null 2>&1
	run rapport
	expect_exit 0
	expect_stdout "Casussen: 2 open, 1 afgesloten

Open casussen naar voortgang (stappen van de methode met iets erin):
  0 van 6  0
  1 van 6  1
  2 van 6  1
  3 van 6  0
  4 van 6  0
  5 van 6  0
  6 van 6  0

Systeemproblemen (signalen voor de maatwerkcommunity):
    2  Wachtlijst sociale huur
    1  Psycholoog pas over maanden

Uitzonderingen:
  in behandeling    1   gewone route € 9.500,00, maatwerk € 1.250,50
  akkoord           0   gewone route € 0,00, maatwerk € 0,00
  afgewezen         1   gewone route € 500,00, maatwerk € 700,00
"
	run rapport --json
	python3 - "$out" <<'PY' || fail "JSON of amm rapport"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["casussen_per_status"] == {"open": 2, "afgesloten": 1}
assert d["open_naar_voortgang"] == [0, 1, 1, 0, 0, 0, 0]
assert d["systeemproblemen"][0] == {"tekst": "Wachtlijst sociale huur", "aantal": 2}
assert d["uitzonderingen_per_besluit"]["afgewezen"] == {"aantal": 1, "kosten_gewoon": "500.00", "kosten_maatwerk": "700.00"}
PY
}

test_unreadable() {
	new_repo
	amm nieuw >/dev/null && amm nieuw >/dev/null && amm nieuw >/dev/null
	printf '[casus]\nstatus = open\n' >>casussen/2026/2026-002/casus.ini
	git commit -qam "met de hand"
	run rapport --json
	expect_exit 3
	expect_stderr_has "amm: casussen/2026/2026-002/casus.ini:"
	expect_stderr_has "amm: 1 casus(sen) niet te lezen; zie hierboven"
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["casussen_per_status"]=={"open":2,"afgesloten":0}, d' "$out" ||
		fail "rapport of the readable casussen"
}

run_tests test_empty test_counts test_unreadable
