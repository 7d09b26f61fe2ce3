#!/usr/bin/env bash
# Hostile and malformed values committed with plain git, not with amm: amm check names each
# with its rule, file and line; lijst, agenda and rapport neither crash nor print a control
# character nor count an invalid value; no command writes a part that holds one.
. "$(dirname "$0")/common.sh"

C=casussen/2026/2026-001

# Bytes on stdout a terminal would act on: controls but newline and tab, DEL, C1, bidi
# overrides, and anything that is not UTF-8.
expect_clean_stdout() {
	python3 - "$out" <<'PY' || fail "stdout of $1 holds raw control characters: $(head -c 300 "$out" | od -c | head -5)"
import re, sys
text = open(sys.argv[1], "rb").read().decode("utf-8")
sys.exit(1 if re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]", text) else 0)
PY
}

# The line number of the first line of file that matches the pattern.
line_of() { grep -an -- "$2" "$1" | head -n 1 | cut -d: -f1; }

hostile_casus() {
	amm nieuw >/dev/null
	amm perspectief "Ik wil een dak boven mijn hoofd" >/dev/null
	amm stap nieuw "Schuldhulp" >/dev/null
	amm afspraak nieuw --stap 1 --wie Fatima --wat belt --wanneer +7 >/dev/null
	sed -i 's/^wonen =$/wonen = <script>alert(1)<\/script>/' $C/spin.ini
	sed -i "s/^veiligheid =\$/veiligheid = rood $(printf '\033')[31m en $(printf '\033')]0;titel$(printf '\007')/" $C/spin.ini
	sed -i "s/^netwerk =\$/netwerk = zus $(printf '\342\200\256')gnikcah/" $C/spin.ini
	printf 'Met een NUL: \000 erin\nEn \377\376 geen UTF-8\n' >>$C/perspectief.md
	sed -i 's/^wanneer = .*/wanneer = 2026-02-30/' $C/stappen.ini
	printf '\n[afspraak 2]\nstap = 9\nwie = Karim\nwat = zoekt op\nwanneer = 2026-12-01\nstatus = open\n' >>$C/stappen.ini
	printf '\n[afspraak 02]\nstap = 1\nwie = Els\nwat = dubbel\nwanneer = 2026-12-02\n' >>$C/stappen.ini
	printf '[probleem 1]\ntype = systeem\ntekst = <img src=x onerror=alert(1)>\n' >>$C/analyse.ini
	printf '[uitzondering 1]\nover = wachttijd\ngewone-route = wachten\nmaatwerk = voorrang\nkosten-gewoon = 1.000.000.000\nkosten-maatwerk = 1.250,00\nmaatwerkcoach = Els\nlegitimiteit = a\nbetrokkenheid = b\nrendement = c\n' >>$C/uitzonderingen.ini
	git add -A && git commit -qm "met de hand, zonder amm"
}

test_check_names_each_value() {
	new_repo
	hostile_casus
	run check
	expect_exit 1
	expect_clean_stdout check
	expect_stdout_has "ongeldige-tekst fout 2026-001 spin.ini:$(line_of $C/spin.ini '^veiligheid'): [spin] veiligheid: de tekst bevat stuurtekens"
	expect_stdout_has "ongeldige-tekst fout 2026-001 spin.ini:$(line_of $C/spin.ini '^netwerk'): [spin] netwerk:"
	expect_stdout_has "ongeldige-tekst fout 2026-001 perspectief.md:$(line_of $C/perspectief.md '^Met een NUL'): de tekst is geen geldige UTF-8"
	expect_stdout_has "ongeldige-datum fout 2026-001 stappen.ini:$(line_of $C/stappen.ini '^wanneer = 2026-02-30'): [afspraak 1] wanneer: '2026-02-30' is geen bestaande datum; schrijf JJJJ-MM-DD"
	expect_stdout_has "onbekende-stap fout 2026-001 stappen.ini:$(line_of $C/stappen.ini '^stap = 9'): [afspraak 2] stap: stap 9 bestaat niet"
	expect_stdout_has "dubbel-nummer fout 2026-001 stappen.ini:$(line_of $C/stappen.ini '^\[afspraak 02\]'): [afspraak 02]: afspraak 2 staat er al als [afspraak 2] op regel $(line_of $C/stappen.ini '^\[afspraak 2\]')"
	expect_stdout_has "ongeldig-bedrag fout 2026-001 uitzonderingen.ini:$(line_of $C/uitzonderingen.ini '^kosten-gewoon'): [uitzondering 1] kosten-gewoon: '1.000.000.000' is geen bedrag"
	# Markup is text, not a finding; an impossible date is not also late.
	grep -q "^afspraak-te-laat" "$out" && fail "an impossible date counted as late"
	grep -q "spin.ini:$(line_of $C/spin.ini '^wonen')" "$out" && fail "markup taken for an invalid value"
	run check --alle
	expect_exit 1
	expect_clean_stdout "check --alle"
	compare "rules of check --alle" <(grep -o '^[a-z-]* fout 2026-001 [a-z.]*:[0-9]*' "$out" | cut -d' ' -f1 | sort | uniq -c | awk '{print $2, $1}') "dubbel-nummer 1
onbekende-stap 1
ongeldig-bedrag 1
ongeldige-datum 1
ongeldige-tekst 3
"
	run check --json
	expect_exit 1
	python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$out" || fail "check --json is no JSON"
	[ -z "$(git status --porcelain)" ] || fail "a file changed: $(git status --porcelain)"
}

test_reading_commands() {
	local head
	new_repo
	hostile_casus
	head=$(git rev-parse HEAD)
	run lijst
	expect_exit 0
	expect_clean_stdout lijst
	expect_stdout_has "2026-001   open"
	run lijst --json
	expect_exit 0
	python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$out" || fail "lijst --json is no JSON"
	# Only the agreement with a real date, and the evaluation is not planned.
	run agenda
	expect_exit 0
	expect_clean_stdout agenda
	expect_stdout "2026-12-01  2026-001  afspraak 2 (stap 9)   Karim: zoekt op
"
	run agenda --json
	expect_exit 0
	python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); assert [i["nr"] for i in d["agenda"]] == [2], d' "$out" ||
		fail "agenda --json: $(cat "$out")"
	run agenda --ics
	expect_exit 0
	grep -q "afspraak-2026-001-1@" "$out" && fail "an impossible date in the calendar"
	# The amount that is no amount adds nothing; the system problem counts.
	run rapport
	expect_exit 0
	expect_clean_stdout rapport
	expect_stdout_has "  in behandeling    1   gewone route € 0,00, maatwerk € 1.250,00"
	expect_stdout_has "    1  <img src=x onerror=alert(1)>"
	run rapport --json
	expect_exit 0
	python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$out" || fail "rapport --json is no JSON"
	[ "$(git rev-parse HEAD)" = "$head" ] || fail "a reading command committed"
	[ -z "$(git status --porcelain)" ] || fail "a file changed: $(git status --porcelain)"
}

# A write is refused while a part it changes holds an invalid value; other parts can change.
test_writes() {
	local before
	new_repo
	hostile_casus
	before=$(commits)
	cp $C/stappen.ini "$root/stappen.before"
	run afspraak nieuw --stap 1 --wie Sanne --wat belt --wanneer +3
	expect_exit 3
	expect_stderr_has "amm: $C/stappen.ini:$(line_of $C/stappen.ini '^wanneer = 2026-02-30'): [afspraak 1] wanneer: '2026-02-30' is geen bestaande datum"
	expect_commits "$before"
	cmp -s $C/stappen.ini "$root/stappen.before" || fail "stappen.ini changed"
	run spin profiel "moeder (34)"
	expect_exit 3
	expect_stderr_has "amm: $C/spin.ini:$(line_of $C/spin.ini '^veiligheid'): [spin] veiligheid: de tekst bevat stuurtekens"
	expect_clean_stdout spin
	run team nieuw Sanne --rol casusinbrenger
	expect_exit 0
	expect_commits $((before + 1))
	[ -z "$(git status --porcelain)" ] || fail "work tree not clean: $(git status --porcelain)"
}

run_tests test_check_names_each_value test_reading_commands test_writes
