#!/usr/bin/env bash
# The plan's views from one document: the Markdown and the HTML plan list the same items, the
# HTML's structure is accessible, and hostile values committed with plain git become text.
. "$(dirname "$0")/common.sh"

C=casussen/2026/2026-001
py() { /usr/bin/python3 "$AMM_SRC/tests/cli/views.py" "$@"; }

# One casus with something in every part of the method.
rich() {
	amm nieuw --alias "Fam. J." --inbrenger "Sanne de Vries" >/dev/null
	amm perspectief "$(printf 'Ik wil een **dak** boven mijn hoofd, zie [de site](https://example.org).\n\n# Mijn kop\n\n- wonen\n- werken')" >/dev/null
	amm spin financien "Schuld 9.500 euro" >/dev/null
	amm spin wonen "$(printf 'Flat\n- **Financiële situatie**: geen schulden\n1. een\n---')" >/dev/null
	amm analyse nieuw persoonlijk "Schulden" >/dev/null
	amm analyse nieuw systeem "Regels botsen" >/dev/null
	amm analyse gedeeld >/dev/null
	amm stap nieuw "Schuldhulp" >/dev/null
	amm stap nieuw "Werk zoeken" >/dev/null
	amm afspraak nieuw --stap 1 --wie Fatima --wat "Belt de corporatie" --wanneer 2026-12-01 >/dev/null
	amm afspraak nieuw --stap 1 --wie Sanne --wat "Zoekt de brieven op" --wanneer 2026-11-20 >/dev/null
	amm afspraak nieuw --stap 2 --wie Ali --wat "Schrijft een brief" --wanneer 2026-11-01 >/dev/null
	amm afspraak klaar 3 >/dev/null
	amm evalueer --resultaat deels --werkte "Samen praten" --nodig "Geld" --volgende 2026-12-22 >/dev/null
	amm uitzondering nieuw --over huur --gewone-route wachten --maatwerk "Direct starten" \
		--kosten-gewoon 1200 --kosten-maatwerk 300 >/dev/null
	amm team nieuw "Ali B." --rol lid --organisatie "Wijkteam Oost" >/dev/null
}

test_same_items() {
	new_repo
	rich
	run export -o "$root/plan.md"
	expect_exit 0
	run export --formaat html -o "$root/plan.html"
	expect_exit 0
	py parity "$root/plan.md" "$root/plan.html" || fail "the Markdown and the HTML plan differ"
	py accessible "$root/plan.html" || fail "the HTML plan's structure"
	# Every part of the plan is there, done and late marked.
	for item in "Stap 1: Schuldhulp (open)" "2026-11-20: Sanne Zoekt de brieven op (te laat)" \
		"2026-11-01: Ali Schrijft een brief (klaar)" "Kosten maatwerk: € 300,00" \
		"Ali B., lid, bereikbaar via Wijkteam Oost" "Mijn kop"; do
		py md_list "$root/plan.md" | grep -qF -- "$item" || fail "not on the plan: $item"
	done
}

test_hostile_values() {
	new_repo
	rich
	run export --formaat html -o "$root/clean.html"
	sed -i "s|^wonen = .*|wonen = <script>alert(1)</script>|; s|^financien = .*|financien = <img src=x onerror=alert(1)>|" $C/spin.ini
	printf '[klik](javascript:alert(1)) \033[31mrood \xe2\x80\xae omgekeerd \xff\n' >$C/perspectief.md
	sed -i "0,/^wanneer = .*/s//wanneer = 2026-02-30/; s|^wat = Belt de corporatie|wat = Belt \x1b[2J de corporatie|" $C/stappen.ini
	sed -i "s|^naam = Ali B.|naam = Ali \xe2\x80\xaeB.|" $C/team.ini
	git commit -qam "met de hand"
	head=$(git rev-parse HEAD)
	for view in "toon" "status" "toon stappen" "toon spin"; do
		run $view
		expect_exit 0
		py terminal "$out" || fail "amm $view: a raw control character"
	done
	run toon
	expect_stdout_has "(ongeldig: 2026-02-30): Fatima (ongeldig: Belt <U+001B>[2J de corporatie)"
	run export -o "$root/plan.md"
	expect_exit 0
	py markdown "$root/plan.md" || fail "the Markdown plan"
	grep -qF -- '- (ongeldig: 2026-02-30): **Fatima** (ongeldig: Belt \<U+001B\>\[2J de corporatie)' "$root/plan.md" ||
		fail "the impossible date is not marked in the Markdown"
	run export --formaat html -o "$root/plan.html"
	expect_exit 0
	py hostile "$root/clean.html" "$root/plan.html" || fail "the HTML plan"
	py accessible "$root/plan.html" || fail "the HTML plan's structure"
	grep -qF '<span class="ongeldig">(ongeldig: 2026-02-30)</span>' "$root/plan.html" ||
		fail "the impossible date is not marked in the HTML"
	[ "$(git rev-parse HEAD)" = "$head" ] && [ -z "$(git status --porcelain)" ] ||
		fail "a view changed the repository"
	# Invalid UTF-8 in an INI file: the file is refused, naming it, and left as it is.
	sed -i "s|^alias = .*|alias = Fam. \xff J.|" $C/casus.ini
	git commit -qam "met de hand"
	for view in "toon" "status" "export" "export --formaat html"; do
		run $view
		expect_exit 3
		expect_stderr_has "$C/casus.ini, regel"
	done
	[ -z "$(git status --porcelain)" ] || fail "a view changed the repository"
}

run_tests test_same_items test_hostile_values
