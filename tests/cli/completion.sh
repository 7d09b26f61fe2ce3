#!/usr/bin/env bash
# Shell completion: the bash script installs a completion for amm, and completing words
# offers commands, spin fields, item numbers and casus ids from the command table; the zsh
# script shows the help text of each option and command beside it.
. "$(dirname "$0")/common.sh"
# The shells started here find amm on PATH.
PATH="$(dirname "$AMM"):$PATH"

check() { # what, expected, actual
	compare "$1" <(printf '%s\n' "$3") "$2"$'\n'
}

# Complete the words of a command line the way bash does at <TAB>.
complete_words() {
	bash -c '
		source <(amm completion bash)
		COMP_WORDS=("$@")
		COMP_CWORD=$(($# - 1))
		_amm
		printf "%s\n" "${COMPREPLY[@]}"' complete "$@"
}

test_bash_commands() {
	check "complete -p" "complete -o default -F _amm amm" \
		"$(bash -c 'source <(amm completion bash); complete -p amm')"
	check "amm sp<TAB>" "spin" "$(complete_words amm sp)"
	check "amm a<TAB>" "$(printf 'afsluiten\nafspraak\nagenda\nanalyse')" "$(complete_words amm a)"
	check "amm status --j<TAB>" "--json" "$(complete_words amm status --j)"
	check "amm status -<TAB>" "$(printf -- '--casus\n--help\n--json\n--kleur\n--no-pager\n-C')" \
		"$(complete_words amm status -)"
	check "amm --kleur <TAB>" "$(printf 'altijd\nauto\nnooit')" "$(complete_words amm --kleur '')"
	check "amm evalueer --resultaat <TAB>" "$(printf 'behaald\ndeels\nniet')" \
		"$(complete_words amm evalueer --resultaat '')"
	check "amm analyse <TAB>" "$(printf 'gedeeld\nnieuw\nverwijder')" "$(complete_words amm analyse '')"
	check "amm analyse nieuw <TAB>" "$(printf 'persoonlijk\nprofessioneel\nsysteem')" \
		"$(complete_words amm analyse nieuw '')"
}

# A casus with two steps and an agreement for step 2. Made without AMM_WRAPPER, as new_repo
# makes a repository: the checker is for what a test checks.
casus() {
	new_repo
	"$AMM" nieuw --alias "Fam. J." >/dev/null
	"$AMM" stap nieuw "Schuldhulp" >/dev/null
	"$AMM" stap nieuw "Werk" >/dev/null
	"$AMM" afspraak nieuw --stap 2 --wie Fatima --wat belt --wanneer +7 >/dev/null
}

test_bash_fields_items_and_casus() {
	casus
	check "amm spin f<TAB>" "financien" "$(complete_words amm spin f)"
	check "amm stap klaar <TAB>" "$(printf '1\n2')" "$(complete_words amm stap klaar '')"
	check "amm afspraak verzet <TAB>" "1" "$(complete_words amm afspraak verzet '')"
	check "amm afspraak nieuw --stap <TAB>" "$(printf '1\n2')" \
		"$(complete_words amm afspraak nieuw --stap '')"
	check "amm --casus <TAB>" "2026-001" "$(complete_words amm --casus '')"
	# bash splits --casus=ID at the '=' (COMP_WORDBREAKS): "--casus" "=" "ID".
	check "amm --casus=<TAB>" "2026-001" "$(complete_words amm --casus =)"
	check "amm --casus=20<TAB>" "2026-001" "$(complete_words amm --casus = 20)"
	check "amm --casus=2026-001 stap klaar <TAB>" "$(printf '1\n2')" \
		"$(complete_words amm --casus = 2026-001 stap klaar '')"
	check "one word --casus=20<TAB>" "--casus=2026-001" "$(amm completion --kandidaten -- --casus=20)"
}

# The casus, step 1 and agreement 1 done, agreement 2 for step 1 open.
casus_one_done() {
	casus
	"$AMM" afspraak nieuw --stap 1 --wie Sanne --wat "schrijft: de brief" --wanneer +3 >/dev/null
	"$AMM" afspraak klaar 1 >/dev/null
	"$AMM" stap klaar 1 >/dev/null
}

# Done agreements and steps that are no longer open are not offered where only open ones can be
# done, stopped or moved; evaluating a step can be done for any.
test_bash_only_open_items() {
	casus_one_done
	check "amm afspraak klaar <TAB> (1 done)" "2" "$(complete_words amm afspraak klaar '')"
	check "amm afspraak verzet <TAB> (1 done)" "2" "$(complete_words amm afspraak verzet '')"
	check "amm stap gestopt <TAB> (1 done)" "2" "$(complete_words amm stap gestopt '')"
	check "amm afspraak nieuw --stap <TAB> (1 done)" "2" "$(complete_words amm afspraak nieuw --stap '')"
	check "amm evalueer --stap <TAB>" "$(printf '1\n2')" "$(complete_words amm evalueer --stap '')"
}

test_descriptions() {
	casus_one_done
	check "candidates with descriptions" "--casus:werk aan casus ID (anders \$AMM_CASUS, de map waarin je staat of de enige open casus)
--help:toon deze hulp
--json:uitvoer als JSON (zie de man page)
--kleur:kleur in de uitvoer: op een terminal, altijd of nooit
--no-pager:toon lange uitvoer niet via de pager (\$AMM_PAGER, \$PAGER, less)
-C:werk in PAD alsof amm daar gestart is" "$(amm completion --kandidaten --uitleg -- status -)"
	check "a ':' in a description stays" "2:schrijft: de brief" \
		"$(amm completion --kandidaten --uitleg -- afspraak klaar '')"
}

test_zsh() {
	command -v zsh >/dev/null || { skip "zsh is not installed (tools/install-deps.sh installs it)"; return; }
	casus_one_done
	# The script as zsh runs it, _describe replaced by one that prints what it was given.
	check "zsh: amm afspraak klaar <TAB>" "_describe -t amm amm cands
2:schrijft: de brief" "$(zsh -fc '_describe() { print -rl -- "_describe $*" "${(@P)${@[-1]}}"; }
		words=(amm afspraak klaar ""); CURRENT=4; source <(amm completion zsh)')"
	check "zsh: amm --casus=20<TAB>" "2026-001" "$(zsh -fc '_describe() { print -rl -- "${(@P)${@[-1]}}"; }
		words=(amm --casus=20); CURRENT=2; source <(amm completion zsh)' | sed 's/^--casus=//')"
	# And in an interactive zsh with its completion system, through a pseudo-terminal.
	mkdir -p "$root/fpath" && amm completion zsh >"$root/fpath/_amm"
	listing=$(FPATH_DIR=$root/fpath timeout 30 zsh -f <<-'EOF' | tr -d '\r'
		zmodload zsh/zpty
		zpty z 'PS1="> " TERM=dumb zsh -f -i'
		zpty -w z 'fpath=($FPATH_DIR $fpath); autoload -Uz compinit; compinit -u -D; print RE""ADY'
		zpty -r z line '*READY*'
		zpty -w -n z $'amm status -\t'
		sleep 2
		out=
		while zpty -r -t z chunk; do out+=$chunk; done
		print -r -- "$out"
		zpty -d z
	EOF
	)
	# zsh lines the descriptions up after the longest option; the spaces between are its own.
	check "zsh lists options with their help" "--json -- uitvoer als JSON (zie de man page)" \
		"$(printf '%s\n' "$listing" | grep -o -- '--json .*de man page)' | tr -s ' ')"
}

test_script_per_shell() {
	check "zsh script" "#compdef amm" "$(amm completion zsh | head -n 1)"
	run completion fish
	expect_exit 2
}

run_tests test_bash_commands test_bash_fields_items_and_casus test_bash_only_open_items \
	test_descriptions test_zsh test_script_per_shell
