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

# Each part's own view shows a hostile value committed with plain git visibly, an impossible
# date marked, and changes nothing.
test_part_views() {
	new_repo
	rich
	sed -i "s|^volgende-evaluatie = .*|volgende-evaluatie = 2026-02-30|" $C/casus.ini
	printf '<script>alert(1)</script> \033[31mrood\n' >$C/perspectief.md
	sed -i "s|^wonen = .*|wonen = <script>alert(1)</script> \x1b[2J|" $C/spin.ini
	sed -i "s|^gedeeld = .*|gedeeld = 2026-02-30|; s|^tekst = Schulden|tekst = Schulden \xe2\x80\xae|" $C/analyse.ini
	sed -i "0,/^wanneer = .*/s//wanneer = 2026-02-30/; s|^wat = Belt de corporatie|wat = Belt \x1b[2J de corporatie|" $C/stappen.ini
	sed -i "s|^datum = .*|datum = 2026-02-30|; s|^werkte = .*|werkte = <img src=x onerror=alert(1)>|" $C/evaluaties.ini
	sed -i "s|^over = .*|over = huur \x1b[31m|; s|^kosten-gewoon = .*|kosten-gewoon = 1.000.000.000|" $C/uitzonderingen.ini
	sed -i "s|^naam = Ali B.|naam = Ali \xe2\x80\xaeB.|" $C/team.ini
	git commit -qam "met de hand"
	head=$(git rev-parse HEAD)
	check_view() {
		local view=$1
		shift
		run $view
		expect_exit 0
		py terminal "$out" || fail "amm $view: a raw control character"
		for s in "$@"; do
			expect_stdout_has "$s"
		done
	}
	check_view "toon casus" "Volgende evaluatie: (ongeldig: 2026-02-30)"
	check_view "toon perspectief" "<script>alert(1)</script> <U+001B>[31mrood"
	check_view "spin" "(ongeldig: <script>alert(1)</script> <U+001B>[2J)"
	check_view "spin wonen" "Woonsituatie: (ongeldig: <script>alert(1)</script> <U+001B>[2J)"
	check_view "analyse" "Gedeeld met de Amsterdammer op (ongeldig: 2026-02-30)." "Schulden <U+202E>"
	check_view "stap" "(ongeldig: 2026-02-30): Fatima (ongeldig: Belt <U+001B>[2J de corporatie)"
	check_view "afspraak" "(ongeldig: 2026-02-30): Fatima (ongeldig: Belt <U+001B>[2J de corporatie) (stap 1)"
	check_view "evalueer" "(ongeldig: 2026-02-30), deels. Wat werkte: <img src=x onerror=alert(1)>" \
		"hoe het gaat op (ongeldig: 2026-02-30)."
	check_view "uitzondering" "Uitzondering 1: (ongeldig: huur <U+001B>[31m)" \
		"Kosten gewone route: (ongeldig: 1.000.000.000)"
	check_view "uitzondering 1" "Uitzondering 1: (ongeldig: huur <U+001B>[31m)" \
		"Kosten gewone route: (ongeldig: 1.000.000.000)"
	check_view "team" "Ali <U+202E>B."
	[ "$(git rev-parse HEAD)" = "$head" ] && [ -z "$(git status --porcelain)" ] ||
		fail "a view changed the repository"
}

run_tests test_same_items test_hostile_values test_part_views
