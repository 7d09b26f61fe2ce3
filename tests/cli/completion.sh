#!/usr/bin/env bash
# Shell completion: the bash script installs a completion for amm, and completing words
# offers commands, spin fields, item numbers and casus ids from the command table.
set -u
export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1 LC_ALL=C.UTF-8 AMM_VANDAAG=2026-11-24
export GIT_AUTHOR_NAME='Sanne de Vries' GIT_AUTHOR_EMAIL=sanne@example.org
unset AMM_CASUS
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
bin=$(dirname "$AMM")
export PATH="$bin:$PATH"
failed=0

check() { # name, expected, actual
	if [ "$2" = "$3" ]; then
		echo "ok - $1"
	else
		echo "not ok - $1"
		diff -u <(printf '%s\n' "$2") <(printf '%s\n' "$3") | sed 's/^/# /'
		failed=1
	fi
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

check "complete -p" "complete -o default -F _amm amm" \
	"$(bash -c 'source <(amm completion bash); complete -p amm')"
check "amm sp<TAB>" "spin" "$(complete_words amm sp)"
check "amm a<TAB>" "$(printf 'afsluiten\nafspraak\nagenda\nanalyse')" "$(complete_words amm a)"

cd "$root" && amm init r >/dev/null && cd r
amm nieuw --alias "Fam. J." >/dev/null
amm stap nieuw "Schuldhulp" >/dev/null
amm stap nieuw "Werk" >/dev/null
amm afspraak nieuw --stap 2 --wie Fatima --wat belt --wanneer +7 >/dev/null

check "amm spin f<TAB>" "financien" "$(complete_words amm spin f)"
check "amm stap klaar <TAB>" "$(printf '1\n2')" "$(complete_words amm stap klaar '')"
check "amm afspraak verzet <TAB>" "1" "$(complete_words amm afspraak verzet '')"
check "amm afspraak nieuw --stap <TAB>" "$(printf '1\n2')" "$(complete_words amm afspraak nieuw --stap '')"
check "amm --casus <TAB>" "2026-001" "$(complete_words amm --casus '')"
check "amm evalueer --resultaat <TAB>" "$(printf 'behaald\ndeels\nniet')" \
	"$(complete_words amm evalueer --resultaat '')"
check "amm analyse <TAB>" "$(printf 'gedeeld\nnieuw\nverwijder')" "$(complete_words amm analyse '')"
check "amm analyse nieuw <TAB>" "$(printf 'persoonlijk\nprofessioneel\nsysteem')" \
	"$(complete_words amm analyse nieuw '')"
check "amm status --j<TAB>" "--json" "$(complete_words amm status --j)"
check "amm status -<TAB>" "$(printf -- '--casus\n--help\n--json\n--kleur\n--no-pager\n-C')" "$(complete_words amm status -)"
check "amm --kleur <TAB>" "$(printf 'altijd\nauto\nnooit')" "$(complete_words amm --kleur '')"
check "zsh script" "#compdef amm" "$(amm completion zsh | head -n 1)"
amm completion fish >/dev/null 2>&1
check "unknown shell exits 2" "2" "$?"
exit $failed
