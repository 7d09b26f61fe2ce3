#!/usr/bin/env bash
# amm lijst: all casussen with their progress, as text and as JSON.
. "$(dirname "$0")/common.sh"

test_empty() {
	new_repo
	run lijst
	expect_exit 0
	expect_stdout ""
	run lijst --json
	expect_stdout '{
  "schema": "amm/1",
  "casussen": []
}
'
}

test_text_and_json() {
	new_repo
	amm nieuw --alias "Fam. J." --inbrenger Sanne >/dev/null
	amm nieuw --alias "Dhr. K." >/dev/null
	amm --casus 2026-001 perspectief "Ik wil een dak boven mijn hoofd" >/dev/null
	amm --casus 2026-001 spin financien "Schuld 9.500 euro" >/dev/null
	amm --casus 2026-002 afsluiten >/dev/null 2>&1
	run lijst
	expect_exit 0
	expect_stdout "CASUS      STATUS      STAPPEN  EVALUATIE   ALIAS
2026-001   open        12----   -           Fam. J.
2026-002   afgesloten  ------   -           Dhr. K.
"
	run lijst --status open
	expect_stdout "CASUS      STATUS      STAPPEN  EVALUATIE   ALIAS
2026-001   open        12----   -           Fam. J.
"
	run lijst --json
	expect_exit 0
	python3 - "$out" <<'PY' || fail "JSON of amm lijst"
import json, sys
d = json.load(open(sys.argv[1]))["casussen"]
assert [c["casus"] for c in d] == ["2026-001", "2026-002"], d
assert d[0]["alias"] == "Fam. J." and d[0]["status"] == "open", d[0]
assert d[0]["casusinbrenger"] == "Sanne" and d[0]["volgende_evaluatie"] is None
v = d[0]["voortgang"]
assert v["perspectief_vastgelegd"] is True and v["spin_ingevuld"] == 1 and v["spin_totaal"] == 9, v
assert v["stappen_van_de_methode"] == 2, v
assert d[1]["status"] == "afgesloten"
PY
	run lijst --status afgesloten --json
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))["casussen"]; assert [c["casus"] for c in d]==["2026-002"]' "$out" ||
		fail "--status afgesloten --json"
}

test_bad_status() {
	new_repo
	run lijst --status dicht
	expect_exit 2
	expect_stderr "amm: ongeldige waarde 'dicht' voor --status; kies uit: open afgesloten alle
"
}

# One casus that cannot be read (committed with plain git) is marked; the others are listed.
test_unreadable() {
	local C=casussen/2026/2026-002 first
	new_repo
	amm nieuw --alias "Fam. J." >/dev/null
	amm nieuw --alias "Dhr. K." >/dev/null
	amm nieuw --alias "Mw. L." >/dev/null
	amm --casus 2026-002 stap nieuw "Eerste" >/dev/null
	first=$(grep -n '^\[stap 1\]' $C/stappen.ini | cut -d: -f1)
	printf '\n[stap 1]\ntekst = Tweede\n' >>$C/stappen.ini
	git commit -qam "met de hand"
	why="$C/stappen.ini:$((first + 5)): sectie [stap 1] staat er twee keer (eerder op regel $first)"
	run lijst
	expect_exit 3
	expect_stdout "CASUS      STATUS      STAPPEN  EVALUATIE   ALIAS
2026-001   open        ------   -           Fam. J.
2026-002   onleesbaar  -        -           $why
2026-003   open        ------   -           Mw. L.
"
	expect_stderr "amm: $why
amm: 1 casus(sen) niet te lezen; zie hierboven
"
	# Its status is unknown, so every --status shows it.
	run lijst --status afgesloten
	expect_exit 3
	expect_stdout "CASUS      STATUS      STAPPEN  EVALUATIE   ALIAS
2026-002   onleesbaar  -        -           $why
"
	run lijst --json
	expect_exit 3
	python3 - "$out" "$why" <<'PY' || fail "JSON of amm lijst with an unreadable casus"
import json, sys
d = json.load(open(sys.argv[1]))["casussen"]
assert [c["casus"] for c in d] == ["2026-001", "2026-002", "2026-003"], d
assert d[1] == {"casus": "2026-002", "fout": sys.argv[2]}, d[1]
assert "fout" not in d[0] and d[2]["alias"] == "Mw. L.", d
PY
	# Repaired, the listing is whole again and ends with 0.
	git reset -q --hard HEAD~1
	run lijst
	expect_exit 0
	expect_stderr ""
}

run_tests test_empty test_text_and_json test_bad_status test_unreadable
