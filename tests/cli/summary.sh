#!/usr/bin/env bash
# The summary of every casus (.git/amm-overzicht): a cross-casus read shows exactly what it
# shows without it, also when the file is damaged, and the filters of amm lijst.
. "$(dirname "$0")/common.sh"

S=.git/amm-overzicht

# The cross-casus reads, each as text and JSON, with filters: their output and exit code;
# "reads cold" removes the summary before each.
reads() {
	local args
	for args in "lijst" "lijst --json" "lijst --status open" "lijst --wie sanne" \
		"lijst --inbrenger SANNE" "lijst --coach els" "lijst --stap 5" "lijst --te-laat" \
		"lijst --stap 1 --status afgesloten --json" "rapport" "rapport --json" "agenda" "agenda --json" "agenda --wie sanne --te-laat"; do
		[ "${1:-}" = cold ] && rm -rf $S
		# shellcheck disable=SC2086
		"$AMM" $args 2>&1
		echo "exit $?"
	done
}

# A repository with casussen made by amm and by hand: hostile and malformed values.
hostile_repo() {
	new_repo
	amm nieuw --alias "Fam. J." --inbrenger "Sanne de Vries" >/dev/null
	amm --casus 2026-001 perspectief "Een dak boven mijn hoofd" >/dev/null
	amm --casus 2026-001 stap nieuw "Schuldhulp" >/dev/null
	amm --casus 2026-001 afspraak nieuw --stap 1 --wie Fatima --wat belt --wanneer 2026-11-20 >/dev/null
	amm nieuw --alias "Dhr. K." >/dev/null
	amm --casus 2026-002 afsluiten >/dev/null 2>&1
	mkdir -p casussen/2026/2026-003 casussen/2026/2026-004 casussen/2026/2026-005
	printf '[casus]\nid = 2026-003\nalias = \033[31mrood\033[0m \u202e\nstatus = open\ngeopend = 2026-02-30\nmaatwerkcoach = Els "quote" \\ \\n\nvolgende-evaluatie = morgen\n' \
		>casussen/2026/2026-003/casus.ini
	printf '[afspraak 1]\nwie = Sanne\tx \\u2066\nwanneer = 2026-01-01\nstatus = zo\n[afspraak 2]\nwie = dubbel\nwanneer = 2026-13-45\n' \
		>casussen/2026/2026-003/stappen.ini
	printf 'geen sectie\n' >casussen/2026/2026-004/casus.ini
	mkdir -p casussen/2026/2026-006 casussen/2026/2026-007
	printf '[casus]\nid = 2026-006\nalias = kapotte spin\nstatus = open\nvolgende-evaluatie = 2026-12-01\n' >casussen/2026/2026-006/casus.ini
	printf 'kapot\n' >casussen/2026/2026-006/spin.ini
	printf '[afspraak 1]\nwie = Sanne\nwat = belt\nwanneer = 2026-11-01\n' >casussen/2026/2026-006/stappen.ini
	printf '[casus]\nid = 2026-007\nstatus = open\n' >casussen/2026/2026-007/casus.ini
	printf 'kapot\n' >casussen/2026/2026-007/stappen.ini
	printf '[casus]\nalias = \xff\xfe\n' >casussen/2026/2026-004/spin.ini
	printf '[casus]\nid = 2026-005\nalias = {"hex":"41"}\nstatus = open\n' >casussen/2026/2026-005/casus.ini
	printf '[lid 1]\nnaam = Els\n[afspraak 1]\n' >casussen/2026/2026-005/team.ini
	printf '[afspraak 1]\nstap = 9\nwie = Ahmed\nwanneer = 2020-01-01\n' >casussen/2026/2026-005/stappen.ini
	printf '[probleem 1]\ntype = systeem\ntekst = Wachtlijst \033[2J\n[probleem 2]\ntype = systeem\ntekst = Wachtlijst \033[2J\n' \
		>casussen/2026/2026-005/analyse.ini
	printf '[uitzondering 1]\nbesluit = akkoord\nkosten-gewoon = 12,50\nkosten-maatwerk = veel\n[uitzondering 2]\nkosten-gewoon = 1.000.000,01\n' \
		>casussen/2026/2026-005/uitzonderingen.ini
	git add -A && git commit -qm "met de hand"
}

test_with_and_without_the_file() {
	hostile_repo
	# Each read without the file: the output of amm as it was before the summary.
	without="$(reads cold)
"
	[ -f $S ] || fail "no summary written"
	[ "$(stat -c %a $S)" = 600 ] || fail "summary mode $(stat -c %a $S)"
	grep -q 2026-003 $S || fail "the summary lacks a casus"
	# Warm: every summary reused.
	warm="$(reads)
"
	compare "warm read" <(printf "%s" "$warm") "$without"
	# One casus changed since: only that one read again, the same as without the file.
	amm --casus 2026-001 afspraak nieuw --stap 1 --wie Karim --wat zoekt --wanneer 2026-12-01 >/dev/null
	warm="$(reads)
"
	compare "after a change" <(reads cold) "$warm"
	[ -z "$(git status --porcelain)" ] || fail "the summary shows in git status"
}

test_damaged_file() {
	hostile_repo
	want="$(reads cold)
"
	amm lijst >/dev/null 2>&1
	grep -q 'Fam. J.' $S || fail "the summary lacks the alias"
	for damage in "truncate -s -100 $S" "truncate -s 0 $S" \
		"sed -i 's/Fam. J./Fam. X./' $S" "sed -i '1s/^amm-overzicht 1 /amm-overzicht 7 /' $S" \
		"printf '\\001' | dd of=$S bs=1 seek=200 conv=notrunc status=none" \
		"head -c 4000 /dev/urandom > $S"; do
		amm lijst >/dev/null 2>&1
		eval "$damage"
		compare "after: $damage" <(reads) "$want"
		compare "rebuilt after: $damage" <(reads) "$want"
	done
	# A folder in its place: amm reads without it.
	rm -f $S && mkdir $S
	compare "a folder in its place" <(reads) "$want"
	[ -d $S ] || fail "the folder was replaced"
	rmdir $S
}

test_filters() {
	new_repo
	amm nieuw --alias een --inbrenger "Sanne de Vries" >/dev/null
	amm nieuw --alias twee --inbrenger Ahmed >/dev/null
	amm --casus 2026-002 stap nieuw "Werk" >/dev/null
	amm --casus 2026-002 afspraak nieuw --stap 1 --wie Fatima --wat belt --wanneer 2026-11-01 >/dev/null
	head="CASUS      STATUS      STAPPEN  EVALUATIE   ALIAS"
	run lijst --wie sanne
	expect_exit 0
	expect_stdout "$head
2026-001   open        ------   -           een
"
	run lijst --wie FATIMA
	expect_stdout "$head
2026-002   open        ---45-   -           twee
"
	run lijst --inbrenger ahmed
	expect_stdout "$head
2026-002   open        ---45-   -           twee
"
	run lijst --inbrenger fatima
	expect_exit 0
	expect_stdout "$head
"
	run lijst --stap 4
	expect_stdout "$head
2026-002   open        ---45-   -           twee
"
	AMM_VANDAAG=2026-10-31 run lijst --te-laat
	expect_stdout "$head
"
	AMM_VANDAAG=2026-11-02 run lijst --te-laat --json
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))["casussen"]; assert [c["casus"] for c in d]==["2026-002"] and d[0]["voortgang"]["afspraken_te_laat"]==1, d' "$out" ||
		fail "--te-laat --json"
	run lijst --stap 7
	expect_exit 2
	run lijst --wie
	expect_exit 2
}

run_tests test_with_and_without_the_file test_damaged_file test_filters
