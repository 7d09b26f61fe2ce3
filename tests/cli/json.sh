#!/usr/bin/env bash
# Every --json output, on a rich casus and on one with hostile values committed with plain
# git, validated against docs/amm.schema.json by a real JSON Schema validator (amm-json(7)).
. "$(dirname "$0")/common.sh"

C=casussen/2026/2026-001
schema="$AMM_SRC/docs/amm.schema.json"

# Validate files against definitions of the schema: DEFINITION=FILE...
validate() {
	python3 "$AMM_SRC/tests/cli/validate.py" "$schema" "$@" 2>"$root/invalid" ||
		fail "not valid: $(head -c 1500 "$root/invalid")"
}
# Validate stdout against one definition.
expect_valid() { validate "$1=$out"; }

# A value of stdout's JSON, by a Python expression on d.
json_value() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(json.dumps(eval(sys.argv[2]), ensure_ascii=False))' "$out" "$1"; }

expect_json() { # expression expected
	local got
	got=$(json_value "$1")
	[ "$got" = "$2" ] || fail "$1 is $got, expected $2"
}

rich_casus() {
	new_repo
	amm nieuw --alias "Fam. J." --inbrenger "Sanne de Vries" --organisatie Buurtteam >/dev/null
	amm perspectief "Ik wil een dak boven mijn hoofd" >/dev/null
	amm spin financien "Schuld 9.500 euro; huur 987 euro" >/dev/null
	amm spin netwerk "Broer Karim" >/dev/null
	amm analyse nieuw systeem "Wachtlijst schuldhulp" >/dev/null
	amm analyse nieuw persoonlijk "Post blijft liggen" >/dev/null
	amm analyse gedeeld 2026-11-20 >/dev/null
	amm stap nieuw "Betalingsregeling voor de huur" >/dev/null
	amm stap nieuw "Dagbesteding zoeken" >/dev/null
	amm stap gestopt 2 --reden "Eerst de huur" >/dev/null
	amm afspraak nieuw --stap 1 --wie Fatima --wat "Belt de corporatie" --wanneer 2026-11-01 >/dev/null
	amm afspraak nieuw --stap 1 --wie Sanne --wat "Regelt bewindvoering" --wanneer 2026-12-10 >/dev/null
	amm afspraak klaar 2 >/dev/null
	amm evalueer --stap 1 --resultaat deels --werkte "Samen bellen" --nodig "Meer tijd" \
		--volgende 2026-12-22 >/dev/null
	amm uitzondering nieuw --over "Wachtlijst" --gewone-route "Wachten" --maatwerk "Direct" \
		--kosten-gewoon 9500 --kosten-maatwerk "1.200,50" --maatwerkcoach "Els" >/dev/null
	amm uitzondering 1 legitimiteit "Past bij de wet" >/dev/null
	amm uitzondering 1 betrokkenheid "Het gezin wil het" >/dev/null
	amm uitzondering 1 rendement "Goedkoper dan wachten" >/dev/null
	amm uitzondering 1 besluit akkoord >/dev/null
	amm team nieuw Karim --rol lid --organisatie GGD >/dev/null
	amm nieuw --alias "Fam. K." >/dev/null
	amm --casus 2026-002 afsluiten --reden "Verhuisd" >/dev/null
}

# Every reading command with --json, each validated against its definition.
check_every_reader() {
	local c def n=0 docs=()
	while read -r def c; do
		# shellcheck disable=SC2086
		run $c
		[ "$rc" -le 1 ] || fail "amm $c: exit code $rc: $(head -c 300 "$err")"
		n=$((n + 1))
		cp "$out" "$root/$n.json"
		docs+=("$def=$root/$n.json")
	done <<-'END'
		plan toon --casus 2026-001 --json
		plan toon --casus 2026-001 --op 2026-12-31 --json
		casus toon casus --casus 2026-001 --json
		toon_perspectief toon perspectief --casus 2026-001 --json
		spin toon spin --casus 2026-001 --json
		analyse toon analyse --casus 2026-001 --json
		stappen toon stappen --casus 2026-001 --json
		evaluaties toon evaluaties --casus 2026-001 --json
		uitzonderingen toon uitzonderingen --casus 2026-001 --json
		team toon team --casus 2026-001 --json
		perspectief perspectief --casus 2026-001 --json
		perspectief_geschiedenis perspectief --casus 2026-001 --geschiedenis --json
		spin spin --casus 2026-001 --json
		spin_veld spin financien --casus 2026-001 --json
		spin_veld spin wonen --casus 2026-001 --json
		analyse analyse --casus 2026-001 --json
		stappen stap --casus 2026-001 --json
		stappen afspraak --casus 2026-001 --json
		evaluaties evalueer --casus 2026-001 --json
		uitzonderingen uitzondering --casus 2026-001 --json
		uitzondering uitzondering 1 --casus 2026-001 --json
		team team --casus 2026-001 --json
		status status --casus 2026-001 --json
		status status --casus 2026-002 --json
		lijst lijst --json
		lijst lijst --status afgesloten --json
		check check --casus 2026-001 --json
		check check --alle --json
		check_regels check --regels --json
		agenda agenda --json
		agenda agenda --te-laat --json
		rapport rapport --json
		log log --casus 2026-001 --json
		log log --alle --json
		diff diff --casus 2026-001 --json
		diff diff HEAD~5 HEAD --alle --json
		bewaartermijn bewaartermijn --json
	END
	run export --casus 2026-001 --formaat json
	docs+=("plan=$out")
	validate "${docs[@]}"
}

test_rich_casus() {
	rich_casus
	check_every_reader
	# The convention, as a script reads it.
	run toon --casus 2026-001 --json
	expect_json 'd["schema"]' '"amm/1"'
	expect_json 'd["casus"], d["procesbegeleider"], d["volgende_evaluatie"]' '["2026-001", null, "2026-12-22"]'
	expect_json '[a["stap"] for a in d["stappen"]["afspraken"]]' '[1, 1]'
	expect_json '[a["te_laat"] for a in d["stappen"]["afspraken"]]' '[true, false]'
	expect_json 'd["evaluaties"]["evaluaties"][0]["stap"], d["evaluaties"]["evaluaties"][0]["perspectief_behaald"]' '[1, false]'
	expect_json 'd["uitzonderingen"]["uitzonderingen"][0]["kosten_maatwerk"]' '"1200.50"'
	expect_json 'd["spin"]["velden"]["wonen"], d["spin"]["ingevuld"]' '[null, 2]'
	expect_json 'd["commit"]' "\"$(git rev-parse HEAD)\""
	run agenda --json
	expect_json '[(a["soort"], a["stap"]) for a in d["agenda"]]' '[["afspraak", 1], ["evaluatie", null]]'
	run rapport --json
	expect_json 'd["casussen_per_status"]' '{"open": 1, "afgesloten": 1}'
	expect_json 'd["uitzonderingen_per_besluit"]["akkoord"]' '{"aantal": 1, "kosten_gewoon": "9500.00", "kosten_maatwerk": "1200.50"}'
	run lijst --json
	expect_json '[(c["casus"], c["status"], c["reden_afsluiten"]) for c in d["casussen"]]' '[["2026-001", "open", null], ["2026-002", "afgesloten", "Verhuisd"]]'
}

# Each writing command with --json says what it recorded, in the envelope.
test_writes() {
	local c n=0 docs=()
	new_repo
	run nieuw --alias "Fam. J." --json
	expect_exit 0
	expect_valid vastgelegd
	expect_json 'd["casus"], d["onderdeel"], d["commit"]' "[\"2026-001\", \"casus\", \"$(git rev-parse HEAD)\"]"
	while read -r c; do
		# shellcheck disable=SC2086
		run $c --json
		expect_exit 0
		expect_json 'd["commit"]' "\"$(git rev-parse HEAD)\""
		n=$((n + 1))
		cp "$out" "$root/$n.json"
		docs+=("vastgelegd=$root/$n.json")
	done <<-'END'
		perspectief Ik_wil_een_dak_boven_mijn_hoofd
		spin financien Schuld_9.500_euro
		analyse nieuw systeem Wachtlijst
		analyse verwijder 1
		analyse gedeeld 2026-11-20
		stap nieuw Betalingsregeling
		stap nieuw Tweede
		stap klaar 2
		afspraak nieuw --stap 1 --wie Fatima --wat Belt --wanneer 2026-12-01
		afspraak verzet 1 2026-12-08
		afspraak klaar 1
		evalueer --resultaat deels --volgende 2026-12-22
		uitzondering nieuw --over a --gewone-route b --maatwerk c --maatwerkcoach Els
		uitzondering 1 legitimiteit Past
		uitzondering 1 betrokkenheid Samen
		uitzondering 1 rendement Goedkoper
		uitzondering 1 besluit akkoord
		team nieuw Karim --rol lid
		team verwijder Karim
		afsluiten --reden Klaar
		heropen
	END
	validate "${docs[@]}"
	run stap nieuw Derde --json
	expect_json 'd["onderdeel"], d["bericht"], d["items"]' '["stappen", "stap 3 toegevoegd", [{"soort": "stap", "nr": 3}]]'
	expect_json '[(w["sleutel"], w["oud"], w["nieuw"]) for w in d["wijzigingen"]]' '[["tekst", null, "Derde"], ["status", null, "open"], ["aangemaakt", null, "2026-11-24"]]'
	# Nothing changed: no commit, still the envelope.
	run spin financien Schuld_9.500_euro --json
	expect_exit 0
	expect_valid vastgelegd
	expect_json 'd["commit"], d["wijzigingen"]' '[null, []]'
	# bewerk, with an editor that changes one value.
	EDITOR="sed -i s/^wonen\ =.*/wonen\ =\ Flat/" run bewerk spin --json
	expect_exit 0
	expect_valid vastgelegd
	expect_json '[(w["sleutel"], w["nieuw"]) for w in d["wijzigingen"]]' '[["wonen", "Flat"]]'
}

# Every command with --json is validated above; every other one refuses --json.
test_every_command() {
	local c tested=" toon perspectief spin analyse stap afspraak evalueer uitzondering team status lijst check agenda rapport log diff bewaartermijn nieuw bewerk afsluiten heropen "
	new_repo
	for c in $("$AMM" help | sed -n 's/^  \([a-z-]*\) .*/\1/p'); do
		if "$AMM" "$c" --help | grep -q -- '--json'; then
			[ "${tested#* $c }" != "$tested" ] || fail "amm $c has --json, but this test does not validate it"
		else
			run "$c" --json
			expect_exit 2
			expect_stderr_has "amm $c heeft geen JSON-uitvoer"
		fi
	done
}

# Values no amm command would write, committed with plain git: every output stays valid,
# and a value that is not valid for its field is marked, never passed on as valid.
test_hostile() {
	local esc=$'\033[31m' rlo=$'\u202e' ctl=$'\001\002\037'
	local h="<script>alert(1)</script> <img src=x onerror=alert(1)> rood${esc} rlo${rlo} ctl${ctl}"
	rich_casus
	sed -i "s|^alias =.*|alias = ${h}|; s|^volgende-evaluatie =.*|volgende-evaluatie = 2026-02-30|" $C/casus.ini
	sed -i "s|^wonen =.*|wonen = ${h}|" $C/spin.ini
	sed -i "s|^wanneer = 2026-11-01|wanneer = 2026-02-30|; s|^wat = Belt.*|wat = ${h}|; s|^stap = 1|stap = een|" $C/stappen.ini
	sed -i "s|^resultaat =.*|resultaat = ${h}|; s|^datum =.*|datum = morgen|" $C/evaluaties.ini
	sed -i "s|^kosten-gewoon =.*|kosten-gewoon = 1.000.000.000|; s|^kosten-maatwerk =.*|kosten-maatwerk = veel|" $C/uitzonderingen.ini
	printf '%s\n\nongeldig \xff\x9b\xc3 einde\n' "Ik wil ${h}" >$C/perspectief.md
	git add -A && GIT_AUTHOR_NAME="Karim${esc}${rlo}" git commit -qm "met de hand ${h}"
	check_every_reader
	run toon --casus 2026-001 --json
	expect_json 'd["volgende_evaluatie"]' '{"ongeldig": "2026-02-30"}'
	expect_json 'd["stappen"]["afspraken"][0]["wanneer"], d["stappen"]["afspraken"][0]["stap"]' '[{"ongeldig": "2026-02-30"}, {"ongeldig": "een"}]'
	expect_json 'd["evaluaties"]["evaluaties"][0]["datum"]' '{"ongeldig": "morgen"}'
	expect_json 'd["uitzonderingen"]["uitzonderingen"][0]["kosten_maatwerk"]' '{"ongeldig": "veel"}'
	expect_json 'd["spin"]["velden"]["wonen"]' "$(python3 -c 'import json,sys; print(json.dumps(sys.argv[1], ensure_ascii=False))' "$h")"
	expect_json '"ongeldig" in d["perspectief"]["tekst"]' 'true'
	# Escaped on the wire: no raw control character reaches the terminal or a pipe.
	LC_ALL=C grep -q $'[\001-\010\016-\037\177]' "$out" && fail "raw control characters in JSON"
	grep -qF "$rlo" "$out" && fail "a raw U+202E in JSON"
	expect_stdout_has 'rlo\u202E ctl\u0001\u0002\u001F'
	[ -z "$(git status --porcelain)" ] || fail "a read changed the work tree"
}

# The validator does fail on output that drifts from the schema.
test_drift_is_caught() {
	local drift
	rich_casus
	run toon --casus 2026-001 --json
	cp "$out" "$root/plan.json"
	for drift in 'd["stappen"]["afspraken"][0]["stap"] = "1"' 'd["schema"] = "amm/2"' \
		'd["volgende-evaluatie"] = d.pop("volgende_evaluatie")' 'd["procesbegeleider"] = ""' \
		'd["stappen"]["afspraken"][0]["wanneer"] = "1 december"' 'd["spin"]["ingevuld"] = "2"'; do
		python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); exec(sys.argv[2]); json.dump(d, open(sys.argv[3], "w"))' \
			"$root/plan.json" "$drift" "$out"
		python3 "$AMM_SRC/tests/cli/validate.py" "$schema" "plan=$out" 2>/dev/null &&
			fail "the schema takes a plan with $drift"
	done
	cp "$root/plan.json" "$out"
	expect_valid plan
}

run_tests test_rich_casus test_writes test_every_command test_hostile test_drift_is_caught
