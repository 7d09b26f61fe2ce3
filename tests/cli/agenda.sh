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
	expect_stdout '{
  "schema": "amm/1",
  "agenda": []
}
'
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
d = json.load(open(sys.argv[1]))["agenda"]
assert [(x["datum"], x["casus"], x["soort"], x["nr"]) for x in d] == [
    ("2026-11-20", "2026-001", "afspraak", 1), ("2026-12-31", "2026-001", "evaluatie", None),
    ("2026-12-31", "2026-002", "afspraak", 1), ("2027-01-04", "2026-001", "afspraak", 2)], d
assert d[0]["te_laat"] is True and d[1]["te_laat"] is False and d[0]["alias"] == "Fam. J."
PY
}

# The events of a calendar file as "UID|STATUS|SEQUENCE|DTSTART|SUMMARY|DESCRIPTION" lines,
# read by three independent parsers that must agree: Python's icalendar, vobject, and libical
# (through its GObject bindings), which must also find no error.
ics_events() {
	/usr/bin/python3 - "$1" <<'PY'
import sys
import gi
gi.require_version("ICalGLib", "3.0")
from gi.repository import ICalGLib
import icalendar, vobject

data = open(sys.argv[1], "rb").read()
text = data.decode("utf-8")

def by_icalendar():
    cal = icalendar.Calendar.from_ical(data)
    assert str(cal["VERSION"]) == "2.0" and "PRODID" in cal
    return [(str(e["UID"]), str(e["STATUS"]), int(e["SEQUENCE"]), e.decoded("DTSTART").isoformat(),
             str(e["SUMMARY"]), str(e.get("DESCRIPTION", ""))) for e in cal.walk("VEVENT")]

def by_vobject():
    cal = vobject.readOne(text, validate=True)
    return [(e.uid.value, e.status.value, int(e.sequence.value), e.dtstart.value.isoformat(),
             e.summary.value, e.description.value if hasattr(e, "description") else "")
            for e in cal.contents.get("vevent", [])]

def by_libical():
    cal = ICalGLib.Component.new_from_string(text)
    assert cal is not None and cal.count_errors() == 0, cal and cal.as_ical_string()
    names = {ICalGLib.PropertyStatus.CONFIRMED: "CONFIRMED",
             ICalGLib.PropertyStatus.CANCELLED: "CANCELLED"}
    out, kind = [], ICalGLib.ComponentKind.VEVENT_COMPONENT
    ev = cal.get_first_component(kind)
    while ev is not None:
        d = ev.get_dtstart()
        p = ev.get_first_property(ICalGLib.PropertyKind.DESCRIPTION_PROPERTY)
        out.append((ev.get_uid(), names[ev.get_status()], ev.get_sequence(),
                    "%04d-%02d-%02d" % (d.get_year(), d.get_month(), d.get_day()),
                    ev.get_summary(), p.get_description() if p is not None else ""))
        ev = cal.get_next_component(kind)
    return out

a, b, c = by_icalendar(), by_vobject(), by_libical()
assert a == b == c, (a, b, c)
for e in a:
    print("|".join(str(x).replace("\n", "\\n") for x in e))
PY
}

# The repository's id, as amm.ini has it.
repo_id() { sed -n 's/^id = //p' amm.ini; }

test_ics() {
	new_repo
	setup_casussen
	amm --casus 2026-002 afspraak nieuw --stap 1 --wie "Karim" --wat "$(printf 'Een heel lange afspraak met één, twee; drie\\ en nog veel meer woorden zodat de regel gevouwen moet worden: ëëëëëëëëëëëëëë')" --wanneer 2027-01-02 >/dev/null
	id=$(repo_id)
	[[ $id =~ ^[0-9a-f]{32}$ ]] || fail "amm init made no id of 128 bits in hex: '$id'"
	run agenda --ics
	expect_exit 0
	cp "$out" "$root/first.ics"
	run agenda --ics
	compare "the same calendar twice" "$out" "$(cat "$root/first.ics")"$'\n'
	awk '{ if (length($0) > 76) bad = 1 } END { exit bad }' "$out" || fail "a line longer than 75 octets"
	grep -qv $'\r$' "$out" && fail "a line does not end in CRLF"
	grep -q "^DTSTAMP:$(date -u -d @1795000000 +%Y%m%dT%H%M%SZ)"$'\r$' "$out" || fail "DTSTAMP is not the casus's last commit"
	ics_events "$out" >"$root/events" || fail "iCalendar does not parse alike in icalendar, vobject and libical"
	# The done agreement and the closed casus's are there to be cancelled; wie and wat are not.
	compare "events" "$root/events" "afspraak-2026-001-3@$id.amm|CANCELLED|7|2026-11-01|Afspraak 3 van 2026-001 (Fam. J.): stap 1 (klaar)|
afspraak-2026-001-1@$id.amm|CONFIRMED|7|2026-11-20|Afspraak 1 van 2026-001 (Fam. J.): stap 1|
afspraak-2026-003-1@$id.amm|CANCELLED|4|2026-12-01|Afspraak 1 van 2026-003 (Dicht): stap 1 (vervallen)|
evaluatie-2026-001@$id.amm|CONFIRMED|7|2026-12-31|Evaluatie 2026-001 (Fam. J.)|
afspraak-2026-002-1@$id.amm|CONFIRMED|4|2026-12-31|Afspraak 1 van 2026-002 (Dhr. K.): stap 1|
afspraak-2026-002-2@$id.amm|CONFIRMED|4|2027-01-02|Afspraak 2 van 2026-002 (Dhr. K.): stap 1|
afspraak-2026-001-2@$id.amm|CONFIRMED|7|2027-01-04|Afspraak 2 van 2026-001 (Fam. J.): stap 1|
"
	run agenda --ics --details --wie karim
	ics_events "$out" | cut -d'|' -f6 >"$root/details" || fail "--details does not parse"
	compare "--details" "$root/details" 'Wie: Karim\nWat: Zoekt werk
Wie: Karim\nWat: Een heel lange afspraak met één, twee; drie\ en nog veel meer woorden zodat de regel gevouwen moet worden: ëëëëëëëëëëëëëë
'
	run agenda --details
	expect_exit 2
	expect_stderr "amm: --details hoort bij --ics
"
}

test_ics_summary_one_line() {
	new_repo
	amm nieuw --alias "$(printf 'Fam.\nJ; K, L\\')" >/dev/null
	amm stap nieuw "Stap" >/dev/null
	amm afspraak nieuw --stap 1 --wie "Fatima" --wat "$(printf 'Belt\nde bank')" --wanneer 2026-12-01 >/dev/null
	run agenda --ics
	grep -q '^SUMMARY:Afspraak 1 van 2026-001 (Fam. J\\; K\\, L\\\\): stap 1'$'\r$' "$out" ||
		fail "SUMMARY is not one escaped line: $(grep -A1 SUMMARY "$out")"
	grep -q 'Fatima\|bank' "$out" && fail "wie or wat in the calendar without --details"
	ics_events "$out" >/dev/null || fail "does not parse"
}

test_ics_empty() {
	new_repo
	run agenda --ics
	expect_exit 0
	expect_stdout "$(printf 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//amm//Amsterdamse Maatwerk Methode//NL\r\nCALSCALE:GREGORIAN\r\nEND:VCALENDAR\r')
"
	compare "no events" <(ics_events "$out") ""
}

# An old repository without an id gets the one derived from its first commit, the same in
# every clone: agenda --ics uses it before it is stored, the next write stores it.
test_ics_old_repository() {
	new_repo
	sed -i '/^id = /d' amm.ini
	git commit -qam "amm.ini van voor het id"
	root_id=$(git rev-list --max-parents=0 HEAD | cut -c1-32)
	amm nieuw --alias "Fam. J." >/dev/null
	amm stap nieuw "Stap" >/dev/null
	sed -i '/^id = /d' amm.ini
	git commit -qam "weer zonder id"
	amm afspraak nieuw --stap 1 --wie Fatima --wat "Belt" --wanneer 2026-12-01 >/dev/null
	run agenda --ics
	expect_exit 0
	grep -q "^UID:afspraak-2026-001-1@$root_id.amm"$'\r$' "$out" || fail "UID without the derived id"
	compare "id stored by the next write" <(repo_id) "$root_id
"
	compare "in that write's commit" <(last_files) "amm.ini
casussen/2026/2026-001/stappen.ini
"
	git log -1 --format=%B | grep -qF "amm.ini: id van de casusrepository vastgelegd" ||
		fail "the commit message does not say that amm.ini got an id"
}

# The same agenda before the id is stored as after.
test_ics_old_repository_stable() {
	new_repo
	amm nieuw --alias "Fam. J." >/dev/null
	amm stap nieuw "Stap" >/dev/null
	amm afspraak nieuw --stap 1 --wie Fatima --wat "Belt" --wanneer 2026-12-01 >/dev/null
	sed -i '/^id = /d' amm.ini
	git commit -qam "amm.ini van voor het id"
	amm agenda --ics | grep ^UID >"$root/before"
	# A hand edit of amm.ini that is not committed: the write goes on without storing the id.
	echo "# met de hand" >>amm.ini
	amm stap nieuw "Nog een" >/dev/null || fail "a write refused over amm.ini's hand edit"
	compare "hand edit kept" <(tail -n1 amm.ini) "# met de hand
"
	compare "nothing stored yet" <(git log --format=%s -1 -- amm.ini) "amm.ini van voor het id
"
	git checkout -q HEAD -- amm.ini
	amm afspraak verzet 1 2026-12-02 >/dev/null
	compare "UIDs before and after the id is stored" <(amm agenda --ics | grep ^UID) "$(cat "$root/before")"$'\n'
	compare "the first write stores it" <(git log --format=%s -1 -- amm.ini) "2026-001 stappen: afspraak 1 verzet van 2026-12-01 naar 2026-12-02
"
}

# Calendars that keep UIDs: khal. Two repositories' agendas imported together keep all their
# events (the same casus number in both); a re-import after an agreement is done cancels it.
test_ics_khal() {
	command -v khal >/dev/null || fail "khal is not installed (tools/install-deps.sh installs it)"
	local -x HOME=$root/home-khal
	rm -rf "$HOME" "$root/noord" "$root/zuid"
	mkdir -p "$HOME/.config/khal" "$HOME/agenda"
	printf '%s\n' '[calendars]' '[[amm]]' "path = $HOME/agenda" '[locale]' 'timeformat = %H:%M' \
		'dateformat = %Y-%m-%d' 'longdateformat = %Y-%m-%d' 'datetimeformat = %Y-%m-%d %H:%M' \
		'longdatetimeformat = %Y-%m-%d %H:%M' 'local_timezone = Europe/Amsterdam' \
		'default_timezone = Europe/Amsterdam' >"$HOME/.config/khal/config"
	for team in noord zuid; do
		new_repo "$team"
		amm nieuw --alias "Fam. $team" >/dev/null
		amm stap nieuw "Stap" >/dev/null
		amm afspraak nieuw --stap 1 --wie Fatima --wat "Belt" --wanneer 2026-12-01 >/dev/null
		amm afspraak nieuw --stap 1 --wie Karim --wat "Zoekt" --wanneer 2026-12-02 >/dev/null
		amm agenda --ics >"$root/$team.ics"
		khal import --batch -a amm "$root/$team.ics" || fail "khal import of $team"
	done
	khal_list() { khal list --day-format '' --format '{cancelled}{title}' 2026-11-30 2026-12-04; }
	compare "both teams' events" <(khal_list | sort) "Afspraak 1 van 2026-001 (Fam. noord): stap 1
Afspraak 1 van 2026-001 (Fam. zuid): stap 1
Afspraak 2 van 2026-001 (Fam. noord): stap 1
Afspraak 2 van 2026-001 (Fam. zuid): stap 1
"
	amm afspraak klaar 1 >/dev/null
	amm afspraak verzet 2 2026-12-03 >/dev/null
	amm agenda --ics >"$root/zuid.ics"
	khal import --batch -a amm "$root/zuid.ics" || fail "khal import again"
	compare "done cancelled" <(khal_list | sort) "Afspraak 1 van 2026-001 (Fam. noord): stap 1
Afspraak 2 van 2026-001 (Fam. noord): stap 1
Afspraak 2 van 2026-001 (Fam. zuid): stap 1
CANCELLED Afspraak 1 van 2026-001 (Fam. zuid): stap 1 (klaar)
"
	compare "moved" <(khal list --day-format '' --format '{title}' 2026-12-03 2026-12-03) "Afspraak 2 van 2026-001 (Fam. zuid): stap 1
"
	compare "one event file per UID" <(ls "$HOME/agenda" | wc -l) "4
"
}

# calcurse keeps no UIDs and ignores STATUS: the recipe of amm-agenda(1) rebuilds its own
# calendar file from the agendas of two repositories and drops what is done.
test_ics_calcurse() {
	command -v calcurse >/dev/null || fail "calcurse is not installed (tools/install-deps.sh installs it)"
	local -x HOME=$root/home-calcurse
	rm -rf "$HOME" "$root/noord" "$root/zuid"
	mkdir -p "$HOME"
	for team in noord zuid; do
		new_repo "$team"
		amm nieuw --alias "Fam. $team" >/dev/null
		amm stap nieuw "Stap" >/dev/null
		amm afspraak nieuw --stap 1 --wie Fatima --wat "Belt" --wanneer 2026-12-01 >/dev/null
		amm afspraak nieuw --stap 1 --wie Karim --wat "Zoekt" --wanneer 2026-12-02 >/dev/null
	done
	amm afspraak klaar 1 >/dev/null
	cal=$HOME/.amm-agenda
	: >"$cal"
	for team in noord zuid; do
		(cd "$root/$team" && amm agenda --ics) >"$root/$team.ics"
		calcurse -q -c "$cal" -i "$root/$team.ics" || fail "calcurse import of $team"
	done
	calcurse -c "$cal" -P --filter-pattern ' \((klaar|vervallen)\)$' || fail "calcurse purge"
	compare "calcurse" <(calcurse -c "$cal" -Q --from 11/30/2026 --days 4) "12/01/26:
 * Afspraak 1 van 2026-001 (Fam. noord): stap 1

12/02/26:
 * Afspraak 2 van 2026-001 (Fam. noord): stap 1
 * Afspraak 2 van 2026-001 (Fam. zuid): stap 1
"
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

run_tests test_empty test_text_and_filters test_json test_ics test_ics_summary_one_line \
	test_ics_empty test_ics_old_repository test_ics_old_repository_stable test_ics_khal \
	test_ics_calcurse test_unreadable
