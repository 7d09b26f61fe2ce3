#!/usr/bin/env bash
# amm uitzondering: an exception with both routes, costs, the waardendriehoek and a maatwerkcoach.
. "$(dirname "$0")/common.sh"

U=casussen/2026/2026-001/uitzonderingen.ini

nieuw() {
	amm nieuw >/dev/null
	run uitzondering nieuw --over "Schuldhulp pas na 3 maanden" --gewone-route "Wachten; de huurachterstand loopt op" \
		--maatwerk "Direct starten" --kosten-gewoon "€ 9.500" --kosten-maatwerk "1.250,50"
}

test_new_and_amounts() {
	new_repo
	nieuw
	expect_exit 0
	expect_stdout "2026-001 uitzonderingen: uitzondering 1 toegevoegd
"
	expect_last_commit 2026-001 uitzonderingen $U
	grep -qx "kosten-gewoon = 9500.00" $U || fail "amount not canonical"
	grep -qx "kosten-maatwerk = 1250.50" $U || fail "amount not canonical"
	run uitzondering 1
	expect_stdout_has "Kosten gewone route: € 9.500,00
  Kosten maatwerk:     € 1.250,50
  Verschil:            de maatwerkoplossing is € 8.249,50 goedkoper"
	for bad in "9.50.0" "negen" "-5" "1,234"; do
		run uitzondering 1 kosten-gewoon "$bad"
		expect_exit 3
	done
	run uitzondering 1 kosten-gewoon "12.000,-"
	expect_exit 0
	grep -qx "kosten-gewoon = 12000.00" $U || fail "12.000,-"
	run uitzondering 1 kosten-gewoon "9.500 euro"
	expect_exit 0
	grep -qx "kosten-gewoon = 9500.00" $U || fail "9.500 euro"
	# A dot never starts the cents of a typed amount: 1.50 is refused, saying what to write.
	run uitzondering 1 kosten-gewoon "1.50"
	expect_exit 3
	expect_stderr "amm: '1.50' is geen bedrag: een punt groepeert duizendtallen per drie cijfers; schrijf centen na een komma (1,50) of duizendtallen met drie cijfers (1.500)
"
	run uitzondering 1 kosten-gewoon "1.000.000.000"
	expect_exit 3
	expect_stderr "amm: '1.000.000.000' is geen bedrag van een casus: het hoogste bedrag is € 10.000.000
"
	grep -qx "kosten-gewoon = 9500.00" $U || fail "a refused amount changed the file"
	run uitzondering nieuw --over x --maatwerk y
	expect_exit 3
	expect_stderr "amm: een uitzondering beschrijft waarvan wordt afgeweken, de gewone route en de maatwerkoplossing; --gewone-route ontbreekt
"
}

test_decision_refused_until_complete() {
	new_repo
	nieuw
	before=$(commits)
	run uitzondering 1 besluit akkoord
	expect_exit 3
	expect_stderr "amm: uitzondering 1 kan nog niet besloten worden, want er ontbreekt: een maatwerkcoach, legitimiteit, betrokkenheid, rendement. Een uitzondering wordt altijd samen met een maatwerkcoach onderbouwd met de waardendriehoek (legitimiteit, betrokkenheid, rendement), en zet de gewone route af tegen de maatwerkoplossing
"
	for kv in "maatwerkcoach:Ahmed B." "legitimiteit:Past bij de bedoeling van de regel" \
		"betrokkenheid:Fatima en de corporatie doen mee"; do
		amm uitzondering 1 "${kv%%:*}" "${kv#*:}" >/dev/null
		run uitzondering 1 besluit afgewezen
		expect_exit 3
	done
	expect_stderr_has "want er ontbreekt: rendement."
	amm uitzondering 1 gewone-route "" >/dev/null 2>&1 # an empty text is refused, the route stays
	amm uitzondering 1 rendement "Voorkomt een ontruiming" >/dev/null
	run uitzondering 1 besluit akkoord --toelichting "Besproken met de maatwerkcoach"
	expect_exit 0
	expect_stdout "2026-001 uitzonderingen: uitzondering 1 akkoord
"
	grep -qx "besluit = akkoord" $U || fail "no decision"
	grep -qx "besluit-datum = 2026-11-24" $U || fail "no decision date"
	expect_commits $((before + 5))
	run uitzondering
	expect_stdout_has "Maatwerkcoach:       Ahmed B.
  Besluit:             akkoord"
}

test_svg_and_json() {
	new_repo
	nieuw
	amm uitzondering 1 legitimiteit "<script>alert(1)</script>" >/dev/null
	run uitzondering 1 --svg
	expect_exit 0
	grep -c 'class="hoek leeg"' "$out" | grep -qx 2 || fail "two empty corners"
	grep -q '<script>' "$out" && fail "text not escaped in SVG"
	run uitzondering 1 --json
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["schema"]=="amm/1" and d["nr"]==1 and d["kosten_gewoon"]=="9500.00"' "$out" ||
		fail "uitzondering --json"
	run uitzondering 7
	expect_exit 4
	run uitzondering 1 schoenmaat 42
	expect_exit 2
}

run_tests test_new_and_amounts test_decision_refused_until_complete test_svg_and_json
