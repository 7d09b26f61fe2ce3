#!/usr/bin/env bash
# amm lijst: all casussen with their progress, as text and as JSON.
. "$(dirname "$0")/common.sh"

test_empty() {
	new_repo
	run lijst
	expect_exit 0
	expect_stdout ""
	run lijst --json
	expect_stdout "[]
"
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
d = json.load(open(sys.argv[1]))
assert [c["id"] for c in d] == ["2026-001", "2026-002"], d
assert d[0]["alias"] == "Fam. J." and d[0]["status"] == "open", d[0]
assert d[0]["casusinbrenger"] == "Sanne" and d[0]["volgende_evaluatie"] is None
v = d[0]["voortgang"]
assert v["perspectief"] is True and v["spin_gevuld"] == 1 and v["spin_velden"] == 9, v
assert v["stappen_van_de_methode"] == 2, v
assert d[1]["status"] == "afgesloten"
PY
	run lijst --status afgesloten --json
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert [c["id"] for c in d]==["2026-002"]' "$out" ||
		fail "--status afgesloten --json"
}

test_bad_status() {
	new_repo
	run lijst --status dicht
	expect_exit 2
	expect_stderr "amm: ongeldige waarde 'dicht' voor --status; kies uit: open afgesloten alle
"
}

run_tests test_empty test_text_and_json test_bad_status
