#!/usr/bin/env bash
# amm agenda: agreements and evaluations due across open casussen, as text, JSON and iCalendar.
. "$(dirname "$0")/common.sh"

setup_casussen() {
	amm nieuw --alias "Fam. J." --inbrenger Sanne >/dev/null
	amm nieuw --alias "Dhr. K." >/dev/null
	amm nieuw --alias "Dicht" >/dev/null
	for c in 2026-001 2026-002 2026-003; do amm --casus $c stap nieuw "Stap" >/dev/null; done
	amm --casus 2026-001 afspraak nieuw --stap 1 --wie Fatima --wat "Belt de corporatie; daarna, de bank" --wanneer 2026-11-20 >/dev/null
	amm --casus 2026-001 afspraak nieuw --stap 1 --wie "Sanne de Vries" --wat "Gaat mee" --wanneer 2027-01-04 >/dev/null
	amm --casus 2026-001 afspraak nieuw --stap 1 --wie Sanne --wat "Klaar al" --wanneer 2026-11-01 >/dev/null
	amm --casus 2026-001 afspraak klaar 3 >/dev/null
	amm --casus 2026-001 evalueer --volgende 2026-12-31 >/dev/null
	amm --casus 2026-002 afspraak nieuw --stap 1 --wie Karim --wat "Zoekt werk" --wanneer 2026-12-31 >/dev/null
	amm --casus 2026-003 afspraak nieuw --stap 1 --wie Niemand --wat "Niet tonen" --wanneer 2026-12-01 >/dev/null
	amm --casus 2026-003 afsluiten >/dev/null 2>&1
}

test_empty() {
	new_repo
	run agenda
	expect_exit 0
	expect_stdout ""
	run agenda --json
	expect_stdout "[]
"
}

test_text_and_filters() {
	new_repo
	setup_casussen
	run agenda
	expect_exit 0
	expect_stdout "2026-11-20  2026-001  afspraak 1 (stap 1)   Fatima: Belt de corporatie; daarna, de bank  TE LAAT
2026-12-31  2026-001  evaluatie             Sanne
2026-12-31  2026-002  afspraak 1 (stap 1)   Karim: Zoekt werk
2027-01-04  2026-001  afspraak 2 (stap 1)   Sanne de Vries: Gaat mee
"
	run agenda --te-laat
	expect_stdout "2026-11-20  2026-001  afspraak 1 (stap 1)   Fatima: Belt de corporatie; daarna, de bank  TE LAAT
"
	run agenda --tot 2026-12-31
	compare "until the year's end" <(cut -c1-10 "$out") "2026-11-20
2026-12-31
2026-12-31
"
	run agenda --wie sanne
	compare "--wie" <(cut -c13-20 "$out") "2026-001
2026-001
"
	run agenda --tot 2026-02-30
	expect_exit 3
	run agenda --json --ics
	expect_exit 2
}

test_json() {
	new_repo
	setup_casussen
	run agenda --json
	python3 - "$out" <<'PY' || fail "JSON of amm agenda"
import json, sys
d = json.load(open(sys.argv[1]))
assert [(x["datum"], x["casus"], x["soort"], x["nr"]) for x in d] == [
    ("2026-11-20", "2026-001", "afspraak", 1), ("2026-12-31", "2026-001", "evaluatie", None),
    ("2026-12-31", "2026-002", "afspraak", 1), ("2027-01-04", "2026-001", "afspraak", 2)], d
assert d[0]["te_laat"] is True and d[1]["te_laat"] is False and d[0]["alias"] == "Fam. J."
PY
}

test_ics() {
	new_repo
	setup_casussen
	amm --casus 2026-002 afspraak nieuw --stap 1 --wie "Karim" --wat "$(printf 'Een heel lange afspraak met één, twee; drie\\\\ en nog veel meer woorden zodat de regel gevouwen moet worden: ëëëëëëëëëëëëëë')" --wanneer 2027-01-02 >/dev/null
	run agenda --ics
	expect_exit 0
	cp "$out" "$root/first.ics"
	run agenda --ics
	compare "the same calendar twice" "$out" "$(cat "$root/first.ics")"$'\n'
	awk '{ if (length($0) > 76) bad = 1 } END { exit bad }' "$out" || fail "a line longer than 75 octets"
	grep -q $'\r$' "$out" || fail "lines do not end in CRLF"
	/usr/bin/python3 - "$out" <<'PY' || fail "iCalendar does not parse"
import sys
from icalendar import Calendar
cal = Calendar.from_ical(open(sys.argv[1], "rb").read())
ev = [c for c in cal.walk("VEVENT")]
assert len(ev) == 5, len(ev)
uids = [str(e["UID"]) for e in ev]
assert uids[0] == "2026-001-afspraak-1@amm" and len(set(uids)) == 5, uids
first = ev[0]
assert first.decoded("DTSTART").isoformat() == "2026-11-20", first.decoded("DTSTART")
assert str(first["SUMMARY"]) == "2026-001 Fatima: Belt de corporatie; daarna, de bank", first["SUMMARY"]
long = [e for e in ev if "lange" in str(e["SUMMARY"])][0]
assert str(long["SUMMARY"]).endswith("drie\\ en nog veel meer woorden zodat de regel gevouwen moet worden: ëëëëëëëëëëëëëë"), long["SUMMARY"]
PY
}

test_unreadable() {
	new_repo
	setup_casussen
	printf 'zomaar tekst\n' >>casussen/2026/2026-002/stappen.ini
	git commit -qam "met de hand"
	run agenda
	expect_exit 3
	expect_stdout "2026-11-20  2026-001  afspraak 1 (stap 1)   Fatima: Belt de corporatie; daarna, de bank  TE LAAT
2026-12-31  2026-001  evaluatie             Sanne
2027-01-04  2026-001  afspraak 2 (stap 1)   Sanne de Vries: Gaat mee
"
	expect_stderr "amm: casussen/2026/2026-002/stappen.ini, regel $(wc -l <casussen/2026/2026-002/stappen.ini): deze regel is geen 'sleutel = waarde', [sectie] of commentaar
amm: 1 casus(sen) niet te lezen; zie hierboven
"
}

run_tests test_empty test_text_and_filters test_json test_ics test_unreadable
