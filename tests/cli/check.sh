#!/usr/bin/env bash
# amm check: every rule on a casus that triggers it, and a casus that keeps them all.
. "$(dirname "$0")/common.sh"

C=casussen/2026/2026-001

# A casus that keeps every rule of the method.
good_casus() {
	amm nieuw >/dev/null
	amm perspectief "Ik wil een dak boven mijn hoofd" >/dev/null
	for kv in "profiel:moeder (34), twee kinderen" "financien:schuld 9.500 euro" "wonen:huur 987 euro" \
		"veiligheid:veilig" "dagbesteding:vrijwilliger" "krachten:zorgzaam" "successen:diploma" \
		"netwerk:zus in Noord" "bijzonderheden:geen"; do
		amm spin "${kv%%:*}" "${kv#*:}" >/dev/null
	done
	amm analyse nieuw systeem "Wachtlijst schuldhulp" >/dev/null
	amm analyse gedeeld >/dev/null
	amm stap nieuw "Schuldhulp" >/dev/null
	amm afspraak nieuw --stap 1 --wie Fatima --wat belt --wanneer +7 >/dev/null
	amm evalueer --volgende +4w >/dev/null
}

# Make a hand edit, commit it, and expect exactly one finding of that rule.
expect_rule() { # rule ernst shell-code [option]
	git stash -q 2>/dev/null
	eval "$3"
	git commit -qam "met de hand" >/dev/null 2>&1
	run check ${4:-}
	grep -q "^$1 $2 2026-001 " "$out" || fail "$1 not found: $(cat "$out")"
	compare "only $1" <(cut -d' ' -f1 "$out" | sort -u) "$1
"
	# As amm would write them: git itself follows the umask (see test_modes).
	(umask 077 && git reset -q --hard HEAD~1 2>/dev/null)
}

test_clean() {
	new_repo
	good_casus
	run check
	expect_exit 0
	expect_stdout ""
	run check --streng
	expect_exit 0
}

test_each_rule() {
	new_repo
	good_casus
	amm team nieuw Sanne --rol casusinbrenger >/dev/null
	P="$C/perspectief.md"
	expect_rule onleesbaar fout "echo 'zomaar tekst' >> $C/stappen.ini" --alle
	expect_rule dubbele-sectie fout "printf '\n[stap 1]\ntekst = x\n' >> $C/stappen.ini"
	expect_rule dubbele-sleutel fout "sed -i 's/^\(wie = .*\)$/\1\nwie = Karim/' $C/stappen.ini"
	expect_rule dubbel-nummer fout "printf '\n[stap 01]\ntekst = x\n' >> $C/stappen.ini"
	expect_rule ongeldige-tekst fout "sed -i 's/^wonen = .*/wonen = huur\\\\x1b[31m/' $C/spin.ini"
	expect_rule ongeldige-datum fout "sed -i 's/^wanneer = .*/wanneer = 2026-02-30/' $C/stappen.ini"
	expect_rule ongeldig-bedrag fout "printf '[uitzondering 1]\ngewone-route = a\nmaatwerk = b\nmaatwerkcoach = c\nlegitimiteit = a\nbetrokkenheid = b\nrendement = c\nkosten-gewoon = 1.000.000.000\n' >> $C/uitzonderingen.ini"
	expect_rule ongeldig-getal fout "printf '[evaluatie 1]\ndatum = 2026-11-01\nresultaat = deels\nstap = een\n' >> $C/evaluaties.ini"
	expect_rule onbekende-stap fout "printf '[evaluatie 1]\ndatum = 2026-11-01\nresultaat = deels\nstap = 7\n' >> $C/evaluaties.ini"
	expect_rule onbekende-waarde fout "sed -i 's/^status = open/status = bezig/' $C/stappen.ini"
	expect_rule waarde-ontbreekt fout "printf '[probleem 2]\ntekst = x\n' >> $C/analyse.ini"
	expect_rule perspectief-ontbreekt fout "sed -i '/^Ik wil/d' $P"
	expect_rule perspectief-ik-vorm waarschuwing "sed -i 's/^Ik wil een dak boven mijn hoofd/Fatima wil een dak boven haar hoofd/' $P"
	expect_rule perspectief-negatief waarschuwing "sed -i 's/^Ik wil een dak.*/Ik wil geen schulden/' $P"
	expect_rule perspectief-oplossing waarschuwing "sed -i 's/^Ik wil een dak.*/Ik wil op Czaar Peterstraat 333 wonen/' $P"
	expect_rule perspectief-oud waarschuwing "sed -i 's/^geopend = .*/geopend = 2025-01-01/' $C/casus.ini"
	expect_rule spin-leeg waarschuwing "sed -i 's/^netwerk = .*/netwerk =/' $C/spin.ini"
	expect_rule spin-vaag waarschuwing "sed -i 's/^financien = .*/financien = er zijn schulden/' $C/spin.ini"
	expect_rule analyse-ontbreekt waarschuwing "sed -i '/^\[probleem 1\]/,\$d' $C/analyse.ini"
	expect_rule analyse-niet-gedeeld waarschuwing "sed -i 's/^gedeeld = .*/gedeeld =/' $C/analyse.ini"
	expect_rule stap-ontbreekt waarschuwing "printf '' > $C/stappen.ini"
	expect_rule stappen-te-veel waarschuwing "for i in 2 3 4; do printf '[stap %s]\n[afspraak %s]\nstap = %s\nwie = a\nwat = b\nwanneer = 2026-12-01\n' \$i \$i \$i >> $C/stappen.ini; done"
	expect_rule stap-zonder-afspraak waarschuwing "printf '[stap 2]\ntekst = x\n' >> $C/stappen.ini"
	expect_rule afspraak-onvolledig fout "sed -i '/^wie = /d' $C/stappen.ini"
	expect_rule afspraak-te-laat waarschuwing "sed -i 's/^wanneer = .*/wanneer = 2026-11-01/' $C/stappen.ini"
	expect_rule evaluatie-niet-gepland waarschuwing "sed -i 's/^volgende-evaluatie = .*/volgende-evaluatie =/' $C/casus.ini"
	expect_rule evaluatie-te-laat fout "sed -i 's/^volgende-evaluatie = .*/volgende-evaluatie = 2026-11-01/' $C/casus.ini"
	expect_rule uitzondering-maatwerkcoach fout "printf '[uitzondering 1]\ngewone-route = a\nmaatwerk = b\nlegitimiteit = a\nbetrokkenheid = b\nrendement = c\n' >> $C/uitzonderingen.ini"
	expect_rule uitzondering-waardendriehoek fout "printf '[uitzondering 1]\ngewone-route = a\nmaatwerk = b\nmaatwerkcoach = c\n' >> $C/uitzonderingen.ini"
	expect_rule uitzondering-routes fout "printf '[uitzondering 1]\nmaatwerkcoach = c\nlegitimiteit = a\nbetrokkenheid = b\nrendement = c\n' >> $C/uitzonderingen.ini"
	expect_rule team-te-groot waarschuwing "for i in 2 3 4 5 6 7; do printf '[lid %s]\nnaam = lid %s\nrol = lid\n' \$i \$i >> $C/team.ini; done"
	expect_rule bsn fout "echo '# bsn van de vader: 1234.56.782' >> $C/team.ini"
	expect_rule iban waarschuwing "echo '# rekening NL91 ABNA 0417 1643 00' >> $C/team.ini"
	expect_rule sync-conflict fout "printf '[conflict spin.netwerk]\nmijn = zus in Noord\nhun = zus in Oost\n' >> $C/spin.ini"
	# Last: a mode is not committed, so the commit to undo is an empty one.
	expect_rule bestandsrechten waarschuwing "chmod 664 $C/spin.ini && git commit -q --allow-empty -m rechten"
	# Every rule of the table was exercised above.
	compare "rules" <(amm check --regels | cut -d' ' -f1 | sort) "$(grep -o 'expect_rule [a-z-][a-z-]*' "$0" | cut -d' ' -f2 | sort -u)"$'\n'
}

test_exit_codes_and_json() {
	new_repo
	good_casus
	sed -i 's/^netwerk = .*/netwerk =/' $C/spin.ini && git commit -qam x
	run check
	expect_exit 0
	run check --streng
	expect_exit 1
	sed -i 's/^volgende-evaluatie = .*/volgende-evaluatie = 2026-11-01/' $C/casus.ini && git commit -qam x
	run check --json
	expect_exit 1
	python3 - "$out" <<'PY' || fail "JSON of amm check"
import json, sys
d = json.load(open(sys.argv[1]))["bevindingen"]
assert {f["regel"] for f in d} == {"spin-leeg", "evaluatie-te-laat"}, d
f = [f for f in d if f["regel"] == "evaluatie-te-laat"][0]
assert f["ernst"] == "fout" and f["casus"] == "2026-001" and f["bestand"] == "casus.ini" and f["reden"], f
PY
}

test_all() {
	new_repo
	good_casus
	amm nieuw >/dev/null
	amm nieuw >/dev/null
	amm --casus 2026-003 afsluiten >/dev/null 2>&1
	run check --alle
	expect_exit 1
	compare "casussen" <(cut -d' ' -f3 "$out" | sort -u) "2026-002
"
	run check
	expect_exit 2
}

# Duplicates committed with plain git are findings; one unreadable casus hides no other.
test_duplicates_and_unreadable() {
	local first
	new_repo
	good_casus
	amm nieuw >/dev/null
	amm nieuw >/dev/null
	first=$(grep -n '^\[stap 1\]' $C/stappen.ini | cut -d: -f1)
	printf '\n[stap 1]\ntekst = Tweede\n' >>$C/stappen.ini
	sed -i 's/^\(wonen = .*\)$/\1\nwonen = koop/' $C/spin.ini
	printf '[casus\n' >casussen/2026/2026-003/casus.ini
	git commit -qam "met de hand"
	run check --casus 2026-001
	expect_exit 1
	expect_stdout "dubbele-sleutel fout 2026-001 spin.ini: regel $(grep -n '^wonen = koop' $C/spin.ini | cut -d: -f1): sleutel wonen staat twee keer in sectie [spin] (eerder op regel $(grep -n '^wonen = ' $C/spin.ini | head -n 1 | cut -d: -f1))
dubbele-sectie fout 2026-001 stappen.ini: regel $(($(wc -l <$C/stappen.ini) - 1)): sectie [stap 1] staat er twee keer (eerder op regel $first)
"
	run check --casus 2026-003
	expect_exit 3
	expect_stderr "amm: casussen/2026/2026-003/casus.ini, regel 1: sectiekop zonder afsluitende ']'
"
	run check --alle
	expect_exit 1
	compare "findings" <(cut -d' ' -f1,3,4 "$out" | sort -u) "analyse-ontbreekt 2026-002 analyse.ini:
dubbele-sectie 2026-001 stappen.ini:
dubbele-sleutel 2026-001 spin.ini:
onleesbaar 2026-003 casus.ini:
perspectief-ontbreekt 2026-002 perspectief.md:
spin-leeg 2026-002 spin.ini:
"
	expect_stdout_has "onleesbaar fout 2026-003 casus.ini: casussen/2026/2026-003/casus.ini, regel 1: sectiekop zonder afsluitende ']'"
	run check --alle --json
	expect_exit 1
	python3 - "$out" <<'PY' || fail "JSON of amm check --alle"
import json, sys
d = json.load(open(sys.argv[1]))["bevindingen"]
f = [f for f in d if f["regel"] == "onleesbaar"]
assert len(f) == 1 and f[0]["casus"] == "2026-003" and f[0]["ernst"] == "fout", d
assert f[0]["bestand"] == "casus.ini" and "regel 1" in f[0]["bericht"], f
PY
}


# Files and folders others may access, as a git checkout under umask 022 leaves them.
test_modes() {
	new_repo
	good_casus
	rm -r $C && (umask 022 && git checkout -q HEAD -- $C)
	ln -s casus.ini $C/koppeling
	run check
	expect_exit 0
	compare "findings" <(head -3 "$out") "bestandsrechten waarschuwing 2026-001 .: de map $C is toegankelijk voor groep of anderen (rechten 0755); 'amm check --herstel' maakt haar 0700
bestandsrechten waarschuwing 2026-001 analyse.ini: $C/analyse.ini is toegankelijk voor groep of anderen (rechten 0644); 'amm check --herstel' maakt het 0600
bestandsrechten waarschuwing 2026-001 casus.ini: $C/casus.ini is toegankelijk voor groep of anderen (rechten 0644); 'amm check --herstel' maakt het 0600
"
	compare "files reported" <(cut -d' ' -f4 "$out") ".:
analyse.ini:
casus.ini:
evaluaties.ini:
perspectief.md:
spin.ini:
stappen.ini:
team.ini:
uitzonderingen.ini:
"
	run check --streng
	expect_exit 1
	run check --herstel
	expect_exit 0
	expect_stdout ""
	compare "fixes" <(head -2 "$err") "amm: rechten hersteld: $C van 0755 naar 0700
amm: rechten hersteld: $C/analyse.ini van 0644 naar 0600
"
	[ "$(wc -l <"$err")" -eq 9 ] || fail "not 9 fixes: $(cat "$err")"
	compare "modes" <(stat -c %a $C $C/*.ini $C/*.md | sort -u) "600
700
"
	[ -L $C/koppeling ] || fail "the link was touched"
	run check --streng
	expect_exit 0
	expect_stdout ""
	expect_stderr ""
	# Every open casus with --alle; the JSON names the folder as ".".
	amm nieuw >/dev/null
	chmod 750 casussen/2026/2026-002
	run check --alle --json
	python3 - "$out" <<'PY' || fail "JSON of bestandsrechten"
import json, sys
d = [f for f in json.load(open(sys.argv[1]))["bevindingen"] if f["regel"] == "bestandsrechten"]
assert len(d) == 1 and d[0]["casus"] == "2026-002" and d[0]["bestand"] == "." and "0750" in d[0]["bericht"], d
PY
	run check --alle --herstel
	expect_stderr_has "amm: rechten hersteld: casussen/2026/2026-002 van 0750 naar 0700"
	[ "$(stat -c %a casussen/2026/2026-002)" = 700 ] || fail "not fixed with --alle"
}


run_tests test_clean test_each_rule test_exit_codes_and_json test_all test_duplicates_and_unreadable \
	test_modes
