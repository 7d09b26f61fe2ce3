# Pager and colour on a terminal (a pseudo-terminal from terminal.py), as git does them.
. "$(dirname "$0")/common.sh"

terminal="$AMM_SRC/tests/cli/terminal.py"
C=casussen/2026/2026-001

# A pager that writes down that it ran, with LESS as it saw it and what it was given.
make_pager() { # file
	cat >"$1" <<EOF
#!/bin/sh
echo "LESS=\${LESS-niet gezet}" >"$root/paged"
cat >>"$root/paged"
EOF
	chmod +x "$1"
}

# Run amm on a terminal; the bytes the terminal got are in $root/tty.
on_tty() {
	rm -f "$root/paged"
	# shellcheck disable=SC2086
	python3 "$terminal" run "$root/tty" ${AMM_WRAPPER:-} "$AMM" "$@"
	rc=$?
}

expect_paged() { # what
	[ -f "$root/paged" ] || fail "$1: no pager ran"
}
expect_not_paged() { # what
	[ ! -f "$root/paged" ] || fail "$1: the pager ran: $(head -c 300 "$root/paged")"
}

repo_with_history() {
	new_repo
	amm nieuw --alias "Fam. J." >/dev/null
	for i in 1 2 3; do amm stap nieuw "Stap $i" >/dev/null; done
}

test_pager_on_a_terminal() {
	repo_with_history
	make_pager "$root/pager"
	export AMM_PAGER="$root/pager"
	on_tty log
	expect_exit 0
	expect_paged "amm log"
	grep -qx "LESS=FRX" "$root/paged" || fail "LESS not FRX: $(head -1 "$root/paged")"
	grep -q "stappen: stap 3 toegevoegd" "$root/paged" || fail "the pager did not get the log"
	grep -q "stap 3" "$root/tty" && fail "the log went past the pager"
	# LESS of the user's own stays.
	LESS=-S on_tty toon
	expect_paged "amm toon"
	grep -qx "LESS=-S" "$root/paged" || fail "LESS changed: $(head -1 "$root/paged")"
	for cmd in help status lijst check agenda rapport diff "toon --json"; do
		# shellcheck disable=SC2086
		on_tty $cmd
		expect_paged "amm $cmd"
	done
	# A message on a terminal goes through the pager with the output.
	on_tty log --casus 2026-999
	expect_exit 4
	grep -q "casus '2026-999' bestaat niet" "$root/paged" || fail "the message went past the pager"
	unset AMM_PAGER
}

test_no_pager() {
	repo_with_history
	make_pager "$root/pager"
	export AMM_PAGER="$root/pager"
	# Not a terminal: never.
	rm -f "$root/paged"
	run log
	expect_exit 0
	expect_stdout_has "stap 3 toegevoegd"
	expect_not_paged "amm log into a file"
	"$AMM" log | cat >/dev/null
	expect_not_paged "amm log into a pipe"
	for opts in "--no-pager log" "-P log" "log --no-pager" "log -P"; do
		# shellcheck disable=SC2086
		on_tty $opts
		expect_exit 0
		expect_not_paged "amm $opts"
		grep -q "stap 3 toegevoegd" "$root/tty" || fail "amm $opts: no log on the terminal"
	done
	# Commands that write, and what asks, never.
	on_tty stap nieuw "Stap 4"
	expect_exit 0
	expect_not_paged "amm stap nieuw"
	on_tty spin
	expect_not_paged "amm spin"
	# AMM_PAGER=cat or empty: none; PAGER when AMM_PAGER is not set.
	AMM_PAGER=cat on_tty log
	expect_not_paged "AMM_PAGER=cat"
	AMM_PAGER= PAGER="$root/pager" on_tty log
	expect_not_paged "AMM_PAGER empty"
	grep -q "stap 3 toegevoegd" "$root/tty" || fail "AMM_PAGER empty: no log on the terminal"
	unset AMM_PAGER
	PAGER="$root/pager" on_tty log
	expect_paged "PAGER"
	PAGER= on_tty log
	expect_not_paged "PAGER empty"
}

# Without AMM_PAGER and PAGER: less, with LESS=FRX when LESS is not set.
test_pager_less() {
	repo_with_history
	mkdir -p "$root/bin"
	make_pager "$root/bin/less"
	unset AMM_PAGER
	PATH="$root/bin:$PATH" on_tty log
	expect_exit 0
	expect_paged "less"
	grep -qx "LESS=FRX" "$root/paged" || fail "LESS not FRX: $(head -1 "$root/paged")"
	PATH="$root/bin:$PATH" LESS=R on_tty log
	grep -qx "LESS=R" "$root/paged" || fail "LESS changed: $(head -1 "$root/paged")"
	# No less at all: the output goes to the terminal.
	mkdir -p "$root/noless"
	ln -s "$(python3 -c 'import sys; print(sys.executable)')" "$root/noless/python3"
	ln -s "$(command -v rm)" "$root/noless/rm"
	# (Not under a checker: valgrind itself is not on so short a PATH.)
	AMM_WRAPPER='' PATH="$root/noless" on_tty log
	expect_exit 0
	grep -q "stap 3 toegevoegd" "$root/tty" || fail "without less: no log on the terminal"
	export AMM_PAGER=cat
}

# The reader quits the pager before the end: exit 0 and no message.
test_pager_quit_early() {
	new_repo
	amm nieuw >/dev/null
	head -c 300000 /dev/zero | tr '\0' x | amm spin wonen - >/dev/null
	AMM_PAGER='read line; echo klaar met lezen' on_tty toon
	expect_exit 0
	compare "the terminal" <(tr -d '\r' <"$root/tty") "klaar met lezen
"
}

# amm's own colours: ESC [ 31 m (red), 32 (green), 33 (yellow), 36 (cyan), 2 (dim), ESC [ m.
E=$'\033'
has_color() { grep -q "$E\[" "$1"; }

repo_late() {
	new_repo
	amm nieuw --alias "Fam. J." >/dev/null
	amm stap nieuw "Schuldhulp" >/dev/null
	amm afspraak nieuw --stap 1 --wie Fatima --wat belt --wanneer 2026-11-01 >/dev/null
	amm afspraak nieuw --stap 1 --wie Sanne --wat zoekt --wanneer 2026-12-01 >/dev/null
}

test_colour_on_a_terminal() {
	repo_late
	unset NO_COLOR
	export TERM=xterm
	on_tty status
	expect_exit 0
	grep -qF "1 Perspectief:           ${E}[33mnog leeg${E}[m" "$root/tty" || fail "status: no yellow step"
	grep -qF "4 Eerste stap(pen):      ${E}[32m1 stap(pen), 1 open${E}[m" "$root/tty" ||
		fail "status: no green step"
	grep -qF "${E}[31m2 afspra(a)k(en), 2 open, 1 te laat${E}[m" "$root/tty" ||
		fail "status: late agreements not red"
	on_tty toon
	grep -qF "2026-11-01: Fatima belt (${E}[31mte laat${E}[m)" "$root/tty" ||
		fail "toon: te laat not red: $(cat -v "$root/tty")"
	on_tty afspraak
	grep -qF "2026-11-01: Fatima belt (stap 1) (${E}[31mte laat${E}[m)" "$root/tty" ||
		fail "afspraak: te laat not red: $(cat -v "$root/tty")"
	grep -qF "2026-12-01: Sanne zoekt (stap 1)"$'\r' "$root/tty" || fail "afspraak: open coloured"
	on_tty agenda
	grep -qF "Fatima: belt  ${E}[31mTE LAAT${E}[m" "$root/tty" || fail "agenda: TE LAAT not red"
	on_tty check
	expect_exit 1
	grep -qF "perspectief-ontbreekt ${E}[31mfout${E}[m 2026-001" "$root/tty" || fail "check: fout not red"
	grep -qF "afspraak-te-laat ${E}[33mwaarschuwing${E}[m 2026-001" "$root/tty" ||
		fail "check: waarschuwing not yellow"
	on_tty log
	grep -qF "${E}[33m2026-11-18${E}[m  ${E}[36mSanne de Vries      ${E}[m stappen:" "$root/tty" ||
		fail "log: date and author not coloured: $(cat -v "$root/tty")"
	amm afspraak verzet 2 2026-12-08 >/dev/null
	on_tty diff
	grep -qF "wanneer: ${E}[31m2026-12-01${E}[m → ${E}[32m2026-12-08${E}[m" "$root/tty" ||
		fail "diff: removed not red, added not green: $(cat -v "$root/tty")"
	# Not a terminal, NO_COLOR, --kleur=nooit, a dumb terminal: no colour.
	for c in status afspraak agenda check log diff; do
		run $c
		has_color "$out" && fail "amm $c into a file: colour"
		NO_COLOR=1 on_tty $c
		has_color "$root/tty" && fail "amm $c with NO_COLOR: colour"
		on_tty --kleur=nooit $c
		has_color "$root/tty" && fail "amm --kleur=nooit $c: colour"
		TERM=dumb on_tty $c
		has_color "$root/tty" && fail "amm $c with TERM=dumb: colour"
		# --kleur=altijd colours into a pipe, and overrides NO_COLOR.
		NO_COLOR=1 run $c --kleur=altijd
		has_color "$out" || fail "amm $c --kleur=altijd into a file: no colour"
	done
	# An empty NO_COLOR is not set.
	NO_COLOR= on_tty status
	has_color "$root/tty" || fail "empty NO_COLOR: no colour"
	run --kleur rood status
	expect_exit 2
	expect_stderr "amm: ongeldige waarde 'rood' voor --kleur; kies uit: auto altijd nooit
"
	export NO_COLOR=1
}

# amm.ini [weergave] kleur, for everyone who works in the repository.
test_colour_setting() {
	repo_late
	unset NO_COLOR
	export TERM=xterm
	printf '\n[weergave]\nkleur = nooit\n' >>amm.ini
	git commit -qam "geen kleur"
	on_tty status
	has_color "$root/tty" && fail "kleur = nooit: colour"
	on_tty --kleur=auto status
	has_color "$root/tty" || fail "--kleur=auto over kleur = nooit: no colour"
	sed -i 's/^kleur = nooit/kleur = altijd/' amm.ini
	git commit -qam "altijd kleur"
	run status
	has_color "$out" || fail "kleur = altijd: no colour into a file"
	NO_COLOR=1 run status
	has_color "$out" && fail "kleur = altijd over NO_COLOR: colour"
	run status --kleur=nooit
	has_color "$out" && fail "--kleur=nooit over kleur = altijd: colour"
	export NO_COLOR=1
}

# A value with its own escape sequences stays visible, coloured or not: amm's colours only.
test_colour_never_from_data() {
	local h="${E}[32mgroen${E}[m ${E}]8;;https://example.org${E}\\"
	repo_late
	H=$h python3 -c 'import os, sys
p = sys.argv[1]; h = os.environ["H"]
t = open(p).read().replace("wie = Fatima", "wie = Fatima" + h).replace("= 2026-12-01", "= 2026-12-01" + h)
open(p, "w").write(t)' casussen/2026/2026-001/stappen.ini
	GIT_AUTHOR_NAME="Karim${h}" git commit -qam "met de hand" || fail "git commit"
	for c in status afspraak agenda check "log --alle" "diff HEAD~1"; do
		# shellcheck disable=SC2086
		run --kleur=altijd $c
		has_color "$out" || fail "amm $c: no colour"
		case $c in status | check) ;; *) grep -qF '<U+001B>[32mgroen<U+001B>[m <U+001B>]8;;https://example.org' "$out" ||
			fail "amm $c: the value is not shown visibly: $(cat -v "$out" | head -c 400)" ;;
		esac
		sed -E "s/$E\[(3[1236]|2)?m//g" "$out" >"$root/bare"
		python3 "$terminal" clean "$root/bare" || fail "amm $c: a control character that is not amm's colour"
	done
}

run_tests test_pager_on_a_terminal test_no_pager test_pager_less test_pager_quit_early \
	test_colour_on_a_terminal test_colour_setting test_colour_never_from_data
