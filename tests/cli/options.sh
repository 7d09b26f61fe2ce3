#!/usr/bin/env bash
# Options: the global ones before or after the command in every spelling, typed values,
# suggestions for a mistyped option or command, --json only where a command has JSON output,
# and --help, the man pages and the completion naming the same options.
. "$(dirname "$0")/common.sh"

commands() { "$AMM" help | sed -n 's/^  \([a-z-]*\) .*/\1/p'; }

test_global_option_spellings() {
	local want
	new_repo
	amm nieuw --alias "Fam. J." >/dev/null
	amm nieuw --alias "Dhr. K." >/dev/null
	cd "$root" || return
	run -C repo --casus 2026-002 status
	expect_exit 0
	want=$(cat "$out")
	expect_stdout_has "Dhr. K."
	for args in "-Crepo --casus=2026-002 status" "status -C repo --casus 2026-002" \
		"--casus=2026-002 status -Crepo" "-C repo status --casus=2026-002"; do
		# shellcheck disable=SC2086 # the words of args are the arguments
		run $args
		expect_exit 0
		compare "amm $args" "$out" "$want"$'\n'
	done
	run --C repo status
	expect_exit 2
	expect_stderr "amm: onbekende optie '--C'; zie 'amm help'
Bedoelde je -C?
"
	run status --C repo
	expect_exit 2
	expect_stderr "amm: onbekende optie '--C'; zie 'amm status --help'
Bedoelde je -C?
"
}

test_no_command() {
	run
	expect_exit 1
	expect_stdout_has "Commando's:"
	expect_stderr ""
	# The value of --casus took the command: a usage error, not the help.
	run --casus status
	expect_exit 2
	expect_stderr "amm: geen commando: 'status' werd de waarde van --casus; zie 'amm help'
"
	run -P
	expect_exit 2
	expect_stderr "amm: geen commando na de opties; zie 'amm help'
"
	run --casus
	expect_exit 2
	expect_stderr "amm: optie '--casus' verwacht een waarde; zie 'amm help'
"
}

test_suggestions() {
	new_repo
	amm nieuw >/dev/null
	run perspektief
	expect_exit 2
	expect_stderr "amm: 'perspektief' is geen amm-commando; zie 'amm help'
Bedoelde je 'amm perspectief'?
"
	run lijts
	expect_exit 2
	expect_stderr_has "Bedoelde je 'amm lijst'?"
	run xyz
	expect_exit 2
	expect_stderr "amm: 'xyz' is geen amm-commando; zie 'amm help'
"
	run afspraak nieuw --stap 1 --wie a --wat b --wanner morgen
	expect_exit 2
	expect_stderr "amm: onbekende optie '--wanner'; zie 'amm afspraak --help'
Bedoelde je --wanneer?
"
	run --kluer nooit lijst
	expect_exit 2
	expect_stderr "amm: onbekende optie '--kluer'; zie 'amm help'
Bedoelde je --kleur?
"
	# --json is no suggestion for a command without JSON output.
	run init --jsn
	expect_exit 2
	expect_stderr "amm: onbekende optie '--jsn'; zie 'amm init --help'
"
	run nieuw --jsn
	expect_exit 2
	expect_stderr "amm: onbekende optie '--jsn'; zie 'amm nieuw --help'
Bedoelde je --json?
"
	expect_commits 2
}

test_typed_values() {
	new_repo
	amm nieuw >/dev/null
	amm stap nieuw "Schulden op een rij" >/dev/null
	for nr in x 0 -1 1a ""; do
		run afspraak nieuw --stap "$nr" --wie a --wat b --wanneer morgen
		expect_exit 2
		expect_stderr "amm: optie '--stap' verwacht een nummer (1, 2, 3, ...), niet '$nr'
"
	done
	run evalueer --resultaat goed
	expect_exit 2
	expect_stderr "amm: ongeldige waarde 'goed' voor --resultaat; kies uit: behaald deels niet
"
	run check --alle=ja
	expect_exit 2
	expect_stderr "amm: optie '--alle' neemt geen waarde
"
	run afspraak nieuw --stap 1 --wie a --wat b --wanneer=2026-02-30
	expect_exit 3
	expect_stderr "amm: '2026-02-30' is geen bestaande datum
"
	# A wrong AMM_VANDAAG is said before any date relative to it, and --help still works.
	AMM_VANDAAG=gisteren run log --sinds +3
	expect_exit 3
	expect_stderr "amm: AMM_VANDAAG='gisteren' is geen geldige datum (JJJJ-MM-DD)
"
	AMM_VANDAAG=gisteren run log --help
	expect_exit 0
	run afspraak nieuw --stap=1 --wie=Sanne --wat=bellen --wanneer=+7
	expect_exit 0
	run afspraak --json
	expect_exit 0
	grep -q '"wanneer": "2026-12-01"' "$out" || fail "--wanneer=+7 not 2026-12-01: $(cat "$out")"
	expect_commits 4
}

# Every command with --json in its help takes it, before or after its name; every other one
# refuses it with exit 2.
test_json_where_offered() {
	local c n=0
	new_repo
	amm nieuw >/dev/null
	for c in $(commands); do
		if "$AMM" "$c" --help | grep -q -- '^  --json '; then
			n=$((n + 1))
			continue
		fi
		run "$c" --json
		expect_exit 2
		expect_stderr "amm: amm $c heeft geen JSON-uitvoer; zie 'amm $c --help'
"
		run --json "$c"
		expect_exit 2
		expect_stderr "amm: amm $c heeft geen JSON-uitvoer; zie 'amm $c --help'
"
	done
	[ "$n" -ge 15 ] || fail "only $n commands with --json"
	# A change with --json says in JSON what it recorded (json.sh validates it).
	for args in "stap nieuw Schuldhulp" "spin wonen Flat" "perspectief Rust" "team nieuw Ann --rol lid"; do
		# shellcheck disable=SC2086 # the words of args are the arguments
		run $args --json
		expect_exit 0
		expect_stdout_has '"schema": "amm/1"'
	done
	expect_commits 6
	run --json status
	expect_exit 0
	cp "$out" "$root/json"
	run status --json
	compare "amm --json status" "$root/json" "$(cat "$out")"$'\n'
	expect_commits 6
}

# The options of a command's --help ("Opties:", and --json when it has it).
help_options() {
	"$AMM" "$1" --help | sed -n '/^Opties:/,/^$/p; /^Algemene opties:/,/^$/{/^  --json /p}' |
		grep -oE '^  (-[a-zA-Z], )?--?[a-zA-Z][a-z-]*' | sed 's/^  //; s/, /\n/' | sort -u
}

# The options the OPTIES section of a man page names.
man_options() {
	sed -n '/^# OPTIES/,/^# /p' "$1" | grep '^\*-' | grep -oE '\*--?[a-zA-Z][a-z-]*\*' |
		tr -d '*' | sort -u
}

# The long options completion offers after the command, without the global ones.
completion_options() {
	"$AMM" completion --kandidaten -- "$1" - |
		grep -vxE -- '--casus|--kleur|--no-pager|--help|-C' | sort -u
}

# The options the usage lines of --help (the SYNOPSIS of the man page) name.
usage_options() {
	"$AMM" "$1" --help | sed -n '1,/^$/p' | tr ' []|' '\n\n\n\n' | grep -E '^--?[a-zA-Z]' |
		sed 's/=.*//' | sort -u
}

# Two files equal, or a failure that shows how they differ.
same() { # what file1 file2
	diff -u "$2" "$3" >"$root/diff" && return
	fail "$1 differ:"
	sed 's/^/#     /' "$root/diff"
}

test_help_man_and_completion_agree() {
	local c n=0
	for c in $(commands); do
		help_options "$c" >"$root/help"
		man_options "$AMM_SRC/docs/amm-$c.1.scd" >"$root/man"
		completion_options "$c" >"$root/completion"
		grep -- '^--' "$root/help" >"$root/help-long"
		same "options of amm-$c(1) (OPTIES) and of amm $c --help" "$root/man" "$root/help"
		same "options completed after amm $c and of amm $c --help" "$root/completion" \
			"$root/help-long"
		# Every option in the usage is one of the command's or a global one.
		"$AMM" "$c" --help | sed -n '/^Algemene opties:/,/^$/p' |
			grep -oE '^  (-[a-zA-Z], )?--?[a-zA-Z][a-z-]*' | sed 's/^  //; s/, /\n/' >>"$root/help"
		sort -u "$root/help" -o "$root/help"
		usage_options "$c" | comm -23 - "$root/help" >"$root/unknown"
		[ -s "$root/unknown" ] && fail "amm $c --help: the usage names $(cat "$root/unknown"), no option"
		n=$((n + $(wc -l <"$root/help")))
	done
	[ "$n" -gt 50 ] || fail "only $n options found in --help"
}

run_tests test_global_option_spellings test_no_command test_suggestions test_typed_values \
	test_json_where_offered test_help_man_and_completion_agree
