#!/usr/bin/env bash
# --help on every command, amm help, and the man pages' SYNOPSIS equal to the usage lines.
. "$(dirname "$0")/common.sh"

commands() { "$AMM" help | sed -n 's/^  \([a-z-]*\) .*/\1/p'; }

test_every_command_has_help() {
	local n=0 c
	for c in $(commands); do
		n=$((n + 1))
		run "$c" --help
		expect_exit 0
		head -n 1 "$out" | grep -q "^gebruik: amm $c" || fail "amm $c --help: $(head -n 1 "$out")"
		cp "$out" "$root/help"
		run help "$c"
		compare "amm help $c" "$out" "$(cat "$root/help")"$'\n'
		run "$c" -h
		compare "amm $c -h" "$out" "$(cat "$root/help")"$'\n'
	done
	[ "$n" -ge 19 ] || fail "only $n commands in amm help"
	run help geen-commando
	expect_exit 2
	# Like git: without a command the short help, and exit 1.
	run
	expect_exit 1
	expect_stdout_has "Commando's:"
	cp "$out" "$root/help"
	run help
	compare "amm help" "$out" "$(cat "$root/help")"$'\n'
	run --help
	compare "amm --help" "$out" "$(cat "$root/help")"$'\n'
	run --help status
	expect_stdout_has "gebruik: amm status"
}

# The usage lines of --help, without "gebruik:" and the alignment.
usage_lines() { "$AMM" "$1" --help | sed -n '1,/^$/p' | sed '/^$/d; s/^gebruik: //; s/^         //'; }

# The SYNOPSIS lines of a man page: scdoc's "++" line breaks and spaces stripped.
synopsis_lines() {
	sed -n '/^# SYNOPSIS/,/^# /p' "$1" | sed '1d; $d; /^$/d; s/ *++$//; s/^ *//; s/ *$//'
}

test_synopsis_matches_man_page() {
	local c page
	for c in $(commands); do
		page="$AMM_SRC/docs/amm-$c.1.scd"
		if [ ! -f "$page" ]; then
			fail "docs/amm-$c.1.scd ontbreekt"
			continue
		fi
		compare "SYNOPSIS of amm-$c(1)" <(synopsis_lines "$page") "$(usage_lines "$c")"$'\n'
	done
}

test_rules_in_man_page() {
	local r n=0
	new_repo
	for r in $("$AMM" check --regels | cut -d' ' -f1); do
		n=$((n + 1))
		grep -q -- "$r" "$AMM_SRC/docs/amm-check.1.scd" || fail "rule $r not in amm-check(1)"
	done
	[ "$n" -gt 20 ] || fail "amm check --regels listed $n rules"
	# The REGELS section lists the same rules with the same severity, in the table's order.
	compare "rules of amm-check(1)" \
		<(sed -n 's/^\*\([a-z-]*\)\* (\(fout\|waarschuwing\))$/\1 \2/p' "$AMM_SRC/docs/amm-check.1.scd") \
		"$("$AMM" check --regels | awk '{print $1, $2}')"$'\n'
}

# The built man pages (when scdoc was there): the version and a date in the footer, and no word
# broken by hyphenation (man marks such a break with U+2010 at the end of the line).
test_man_pages_footer_and_hyphenation() {
	local page n=0 version
	version=$("$AMM" --version)
	for page in "$(dirname "$AMM")"/../docs/*.[15]; do
		[ -f "$page" ] || continue
		n=$((n + 1))
		MANWIDTH=60 man -l "$page" >"$out" 2>/dev/null || fail "man -l $page failed"
		tail -n 1 "$out" | grep -qE "^ *$version +[0-9]{4}-[0-9]{2}-[0-9]{2} " ||
			fail "footer of $(basename "$page"): $(tail -n 1 "$out")"
		! grep -q $'\u2010$' "$out" || fail "$(basename "$page") hyphenated: $(grep $'\u2010$' "$out" | head -n 1)"
	done
	if [ "$n" -eq 0 ]; then
		command -v scdoc >/dev/null || { skip "scdoc is not installed: no man pages built"; return; }
		fail "no man pages built"
	fi
}

run_tests test_every_command_has_help test_synopsis_matches_man_page test_rules_in_man_page \
	test_man_pages_footer_and_hyphenation
