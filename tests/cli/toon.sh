#!/usr/bin/env bash
# amm toon: the whole plan or one part, now or as it stood at a date or revision.
. "$(dirname "$0")/common.sh"

at() { # a commit date for the next write: YYYY-MM-DD
	local t
	t=$(date -u -d "$1 12:00" +%s)
	export GIT_COMMITTER_DATE="@$t +0100" GIT_AUTHOR_DATE="@$t +0100"
}

test_plan_over_time() {
	new_repo
	at 2026-11-02 && amm nieuw --alias "Fam. J." >/dev/null
	at 2026-11-03 && amm perspectief "Ik wil op Czaar Peterstraat 333 wonen" >/dev/null 2>&1
	at 2026-11-10 && amm perspectief "Ik wil een dak boven mijn hoofd" >/dev/null
	at 2026-12-31 && amm spin financien "Schuld 9.500 euro" >/dev/null
	at 2027-01-02 && amm spin financien "Schuld 4.000 euro" >/dev/null
	run toon perspectief --op 2026-11-05
	expect_exit 0
	expect_stdout "Mijn perspectief
----------------
  Ik wil op Czaar Peterstraat 333 wonen
"
	run toon perspectief
	expect_stdout_has "Ik wil een dak boven mijn hoofd"
	# Across the year boundary.
	run toon spin --op 2026-12-31 --json
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["velden"]["financien"]=="Schuld 9.500 euro", d' "$out" ||
		fail "spin at 2026-12-31"
	run toon spin --op 2027-01-01 --json
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["velden"]["financien"]=="Schuld 9.500 euro", d' "$out" ||
		fail "spin at 2027-01-01"
	run toon --op HEAD~1 --json
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["spin"]["velden"]["financien"]=="Schuld 9.500 euro" and len(d["commit"])==40' "$out" ||
		fail "plan at HEAD~1"
	run toon --op 2026-11-01
	expect_exit 4
	expect_stderr "amm: op 2026-11-01 was er nog niets vastgelegd
"
	run toon --op 2026-02-30
	expect_exit 3
	run toon --op geen-revisie
	expect_exit 4
	expect_stderr "amm: revisie 'geen-revisie' niet gevonden
"
	run toon schoenen
	expect_exit 2
}

test_whole_plan() {
	new_repo
	amm nieuw --alias "Fam. J." >/dev/null
	amm perspectief "Ik wil een dak boven mijn hoofd" >/dev/null
	run toon
	expect_exit 0
	for part in "Plan van Fam. J." "Casus 2026-001" "Mijn perspectief" "Wat we weten" \
		"Wat er aan de hand is" "De stappen en wie wat doet" "Hoe het gaat" "Casusteam"; do
		expect_stdout_has "$part"
	done
	expect_stdout_has "  Ik wil een dak boven mijn hoofd"
	# Work in progress in the work tree is not the plan: amm toon reads what is committed.
	echo "# kladje" >>casussen/2026/2026-001/spin.ini
	sed -i 's/^wonen =$/wonen = nog niet vastgelegd/' casussen/2026/2026-001/spin.ini
	run toon spin
	grep -q "nog niet vastgelegd" "$out" && fail "amm toon read the work tree"
	true
}

run_tests test_plan_over_time test_whole_plan
