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
	PATH="$root/noless" on_tty log
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

run_tests test_pager_on_a_terminal test_no_pager test_pager_less test_pager_quit_early
