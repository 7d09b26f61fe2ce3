#!/usr/bin/env bash
# The six steps of the method: a fictional casus walked through perspectief, spin, analyse,
# stap, afspraak and evalueer; after each write exactly one commit touching the one file.
. "$(dirname "$0")/common.sh"

C=casussen/2026/2026-001

# Run a write, expect exit 0, its one-line report and one new commit touching these files.
write() { # report onderdeel file... -- amm-args...
	local report=$1 deel=$2 before files=()
	shift 2
	while [ "$1" != "--" ]; do
		files+=("$C/$1")
		shift
	done
	shift
	before=$(commits)
	run "$@"
	expect_exit 0
	expect_stdout "2026-001 $deel: $report
"
	expect_commits $((before + 1))
	expect_last_commit 2026-001 "$deel" "${files[@]}"
}

test_walk() {
	new_repo
	amm nieuw --alias "Fam. J." >/dev/null
	write "perspectief vastgelegd" perspectief perspectief.md -- \
		perspectief "Ik wil een dak boven mijn hoofd en zelf mijn geld verdienen"
	expect_stderr ""
	write "financien ingevuld" spin spin.ini -- spin financiën "Schuld 9.500 euro; huur 987 euro"
	write "financien aangevuld" spin spin.ini -- spin financien --toevoegen "Bijstand 1.310 euro"
	write "wonen ingevuld" spin spin.ini -- spin woonsituatie "Huurwoning in Noord"
	write "probleem 1 toegevoegd (systeem)" analyse analyse.ini -- \
		analyse nieuw systeem "Wachtlijst schuldhulp is 4 maanden"
	write "probleem 2 toegevoegd (persoonlijk)" analyse analyse.ini -- \
		analyse nieuw persoonlijk "Schaamt zich om hulp te vragen"
	write "probleem 2 verwijderd" analyse analyse.ini -- analyse verwijder 2
	write "analyse gedeeld met de Amsterdammer op 2026-11-20" analyse analyse.ini -- \
		analyse gedeeld 2026-11-20
	write "stap 1 toegevoegd" stappen stappen.ini -- stap nieuw "Betalingsregeling huur"
	write "afspraak 1 toegevoegd bij stap 1" stappen stappen.ini -- afspraak nieuw --stap 1 \
		--wie Fatima --wat "Belt de corporatie" --wanneer +7
	write "afspraak 1 verzet van 2026-12-01 naar 2026-12-15" stappen stappen.ini -- \
		afspraak verzet 1 2026-12-15
	write "afspraak 1 klaar" stappen stappen.ini -- afspraak klaar 1
	write "stap 1 klaar" stappen stappen.ini -- stap klaar 1
	write "evaluatie 1 vastgelegd (deels); volgende evaluatie 2026-12-22" evaluaties \
		casus.ini evaluaties.ini -- evalueer --stap 1 --resultaat deels --werkte "Samen bellen" \
		--nodig "Overzicht vaste lasten" --volgende +4w
	write "stap 2 toegevoegd" stappen stappen.ini -- stap nieuw "Werk zoeken"
	write "stap 2 gestopt" stappen stappen.ini -- stap gestopt 2 --reden "Eerst rust thuis"
	# The old date stays in the history.
	git log -p --no-textconv -- "$C/stappen.ini" | grep -q "^-wanneer = 2026-12-01" || fail "old date not in history"
	run status
	expect_stdout_has "1 Perspectief:           ingevuld"
	expect_stdout_has "2 Spin:                  2 van 9 velden ingevuld"
	expect_stdout_has "3 Wat is er aan de hand: 1 probleem/problemen; gedeeld met de Amsterdammer"
	expect_stdout_has "6 Evaluatie:             1 evaluatie(s); volgende: 2026-12-22"
	run toon --json
	python3 - "$out" <<'PY' || fail "plan as JSON"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["perspectief"]["tekst"].startswith("Ik wil een dak"), d["perspectief"]
assert d["spin"]["velden"]["financien"] == "Schuld 9.500 euro; huur 987 euro\nBijstand 1.310 euro"
assert [p["nr"] for p in d["analyse"]["problemen"]] == [1]
assert d["analyse"]["gedeeld"] == "2026-11-20"
s = {x["nr"]: x for x in d["stappen"]["stappen"]}
assert s[1]["status"] == "klaar" and s[2]["status"] == "gestopt" and s[2]["reden"] == "Eerst rust thuis"
a = d["stappen"]["afspraken"][0]
assert a["wie"] == "Fatima" and a["wanneer"] == "2026-12-15" and a["status"] == "klaar"
e = d["evaluaties"]["evaluaties"][0]
assert e["resultaat"] == "deels" and e["stap"] == 1 and d["evaluaties"]["volgende_evaluatie"] == "2026-12-22"
assert a["stap"] == 1 and a["te_laat"] is False and d["schema"] == "amm/1"
PY
}

test_spin_keeps_hand_edits() {
	new_repo
	amm nieuw >/dev/null
	sed -i 's/^wonen =$/wonen =\n# Sanne: navragen bij de corporatie\nhuisdier = kat/' $C/spin.ini
	git commit -qam "met de hand"
	run spin financien "Schuld 9.500 euro"
	expect_exit 0
	grep -qx "# Sanne: navragen bij de corporatie" $C/spin.ini || fail "comment lost"
	grep -qx "huisdier = kat" $C/spin.ini || fail "unknown key lost"
	compare "diff" <(git diff --no-textconv HEAD~1 HEAD -- $C/spin.ini | grep '^[-+][^-+]') "-financien =
+financien = Schuld 9.500 euro
"
}

test_perspectief_warnings_and_history() {
	new_repo
	amm nieuw >/dev/null
	run perspectief "Ik wil op Czaar Peterstraat 333 wonen"
	expect_exit 0
	expect_stderr "amm: waarschuwing: het perspectief noemt één concrete oplossing ('Czaar Peterstraat 333') in plaats van een richting: een goed perspectief is bij voorkeur op meerdere manieren te bereiken
"
	run perspectief "Ik wil piloot bij de KLM worden"
	expect_stderr_has "('bij KLM')"
	GIT_COMMITTER_DATE='@1795600000 +0100' run perspectief "Ik wil een dak boven mijn hoofd"
	expect_stderr ""
	run perspectief
	expect_stdout "Ik wil een dak boven mijn hoofd

(vastgelegd op 2026-11-25 door Sanne de Vries)
"
	run perspectief --geschiedenis
	expect_stdout "2026-11-25  Sanne de Vries  (huidig)
  Ik wil een dak boven mijn hoofd

2026-11-18  Sanne de Vries
  Ik wil piloot bij de KLM worden

2026-11-18  Sanne de Vries
  Ik wil op Czaar Peterstraat 333 wonen
"
	printf 'Ik wil werk\r\nen rust\r\n' | "$AMM" perspectief - >/dev/null
	run perspectief --json
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["tekst"]=="Ik wil werk\nen rust", d' "$out" ||
		fail "perspectief from stdin"
	printf '#!/bin/sh\necho "Ik wil een baan om zelf mijn geld te verdienen" > "$1"\n' >"$root/ed"
	chmod +x "$root/ed"
	EDITOR="$root/ed" run perspectief --bewerk
	expect_exit 0
	expect_stdout "2026-001 perspectief: perspectief gewijzigd
"
}

test_bad_input() {
	new_repo
	amm nieuw >/dev/null
	amm stap nieuw "Stap" >/dev/null
	before=$(commits)
	run spin schoenmaat "42"
	expect_exit 2
	expect_stderr "amm: 'schoenmaat' is geen veld van de spin; de velden zijn: profiel, financien, wonen, veiligheid, dagbesteding, krachten, successen, netwerk, bijzonderheden
"
	run afspraak nieuw --stap 1 --wat "bellen" --wanneer morgen
	expect_exit 3
	expect_stderr "amm: een afspraak is concreet: wie doet wat, en wanneer is het klaar of wordt het besproken (stap 5 van de methode); --wie ontbreekt
"
	run afspraak nieuw --stap 9 --wie a --wat b --wanneer morgen
	expect_exit 4
	expect_stderr "amm: stap 9 bestaat niet in deze casus
"
	run afspraak nieuw --stap 1 --wie a --wat b --wanneer 2026-02-29
	expect_exit 3
	expect_stderr "amm: '2026-02-29' is geen bestaande datum
"
	run afspraak nieuw --stap 1 --wie a --wat b --wanneer 2026-13-01
	expect_exit 3
	run afspraak klaar 7
	expect_exit 4
	run stap klaar x
	expect_exit 2
	run analyse nieuw gevoel "tekst"
	expect_exit 2
	run perspectief ""
	expect_exit 3
	expect_stderr "amm: perspectief: lege tekst; er is niets vastgelegd
"
	printf 'Ik wil\xff' >"$root/bad"
	"$AMM" perspectief - <"$root/bad" >"$out" 2>"$err"
	rc=$?
	expect_exit 3
	expect_stderr "amm: perspectief: de tekst is geen geldige UTF-8
"
	run evalueer --werkte "iets"
	expect_exit 2
	run evalueer --resultaat prima
	expect_exit 2
	expect_commits "$before"
	# A 1 MB text is handled, not a crash.
	head -c 1000000 /dev/zero | tr '\0' 'a' >"$root/big"
	"$AMM" spin netwerk - <"$root/big" >/dev/null 2>"$err"
	rc=$?
	expect_exit 0
	expect_commits $((before + 1))
	compare "one line" <(git diff --no-textconv HEAD~1 HEAD --numstat | cut -f1,2) "1	1
"
}

test_show_commands() {
	new_repo
	amm nieuw >/dev/null
	amm stap nieuw "Schuldhulp" >/dev/null
	amm afspraak nieuw --stap 1 --wie Sanne --wat "Zoekt brief op" --wanneer 2026-11-20 >/dev/null
	amm afspraak nieuw --stap 1 --wie Fatima --wat "Belt" --wanneer 2026-12-01 >/dev/null
	run afspraak
	expect_stdout "Wie doet wat: de afspraken op datum
-----------------------------------
    1  2026-11-20: Sanne Zoekt brief op (stap 1) (te laat)
    2  2026-12-01: Fatima Belt (stap 1)
"
	run stap
	expect_stdout "De stappen en wie wat doet
--------------------------

Stap 1: Schuldhulp (open)
    1  2026-11-20: Sanne Zoekt brief op (te laat)
    2  2026-12-01: Fatima Belt
"
	run spin --svg
	expect_exit 0
	head -c 4 "$out" | grep -q "<svg" || fail "spin --svg"
	run spin --svg -o "$root/spin.svg"
	grep -c 'class="veld leeg"' "$root/spin.svg" | grep -qx 9 || fail "nine empty fields"
	for c in analyse evalueer spin stap afspraak; do
		run "$c" --json
		python3 -m json.tool "$out" >/dev/null || fail "$c --json is no JSON"
	done
}

run_tests test_walk test_spin_keeps_hand_edits test_perspectief_warnings_and_history \
	test_bad_input test_show_commands
