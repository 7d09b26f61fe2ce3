#!/usr/bin/env bash
# amm bewerk: edit a part in $EDITOR; validated; nothing committed when invalid or unchanged.
. "$(dirname "$0")/common.sh"

editor() { # a script that runs the given shell code on the file "$1"
	printf '#!/bin/sh\n%s\n' "$1" >"$root/editor"
	chmod +x "$root/editor"
	export EDITOR="$root/editor"
}

test_valid_edit() {
	new_repo
	amm nieuw >/dev/null
	amm stap nieuw "Schuldhulp" >/dev/null
	editor 'printf "\n# notitie van Sanne\n[afspraak 1]\nstap = 1\nwie = Fatima\nwat = belt\nwanneer = 2026-12-01\n" >> "$1"'
	run bewerk afspraken
	expect_exit 0
	expect_stdout "2026-001 stappen: stappen.ini met de hand bewerkt
"
	expect_last_commit 2026-001 stappen casussen/2026/2026-001/stappen.ini
	grep -qx "# notitie van Sanne" casussen/2026/2026-001/stappen.ini || fail "edit not kept"
}

test_invalid_edit() {
	new_repo
	amm nieuw >/dev/null
	before=$(commits)
	editor 'sed -i "s/^status = open/status = misschien/" "$1"'
	run bewerk casus
	expect_exit 3
	expect_stderr "amm: casussen/2026/2026-001/casus.ini:8: [casus] status: 'misschien' is geen geldige waarde; kies open of afgesloten
amm: er is niets vastgelegd; casus.ini staat nog zoals het was
"
	expect_commits "$before"
	grep -qx "status = open" casussen/2026/2026-001/casus.ini || fail "HEAD's version not kept"
	# The date shortcut of the command line is no stored date (it was taken for +7 days).
	amm stap nieuw "Schuldhulp" >/dev/null
	before=$(commits)
	editor 'printf "[afspraak 1]\nstap = 1\nwie = Fatima\nwat = belt\nwanneer = +000000007\n" >> "$1"'
	run bewerk afspraken
	expect_exit 3
	expect_stderr_has "stappen.ini:$(($(wc -l <casussen/2026/2026-001/stappen.ini) + 5)): [afspraak 1] wanneer: '+000000007' is geen bestaande datum"
	expect_commits "$before"
	editor 'echo "[spin" >> "$1"'
	run bewerk spin
	expect_exit 3
	expect_stderr_has "spin.ini, regel"
	editor 'printf "\\377" >> "$1"'
	run bewerk perspectief
	expect_exit 3
	expect_commits "$before"
}

test_unchanged_and_editor_failure() {
	new_repo
	amm nieuw >/dev/null
	before=$(commits)
	editor 'true'
	run bewerk spin
	expect_exit 0
	expect_stdout "Niets veranderd: spin.ini staat nog zoals het was.
"
	editor 'exit 1'
	run bewerk spin
	expect_exit 3
	expect_commits "$before"
	unset EDITOR
	run bewerk spin
	expect_exit 2
	expect_stderr_has "geen editor"
	run bewerk onzin
	expect_exit 2
}

test_closed_casus() {
	new_repo
	amm nieuw >/dev/null
	amm afsluiten >/dev/null 2>&1
	editor 'echo "# x" >> "$1"'
	run bewerk spin
	expect_exit 3
	expect_stderr "amm: casus 2026-001 is afgesloten; heropen hem eerst met 'amm heropen'
"
}

test_race_keeps_copy() {
	new_repo
	amm nieuw >/dev/null
	# Someone else commits the same file while the editor is open.
	editor "echo '# mijn versie' >> \"\$1\"; $AMM spin wonen Flat >/dev/null"
	run bewerk spin
	expect_exit 5
	expect_stderr_has "spin.ini is intussen door iemand anders gewijzigd; er is niets vastgelegd"
	copy=$(sed -n 's/^Jouw versie staat in //p' "$err")
	[ -f "$copy" ] && grep -qx "# mijn versie" "$copy" || fail "the edited version was not kept"
	grep -qx "wonen = Flat" casussen/2026/2026-001/spin.ini || fail "the other change was lost"
}

# On a terminal an invalid edit is offered again; script(1) gives amm a real terminal.
test_edit_again_on_terminal() {
	new_repo
	amm nieuw >/dev/null
	before=$(commits)
	# The first edit breaks the status, the second puts a valid one in.
	editor "if [ -e '$root/once' ]; then sed -i 's/^status = .*/status = open/' \"\$1\"; else touch '$root/once'; sed -i 's/^status = open/status = misschien/' \"\$1\"; fi; echo '# tweede keer' >> \"\$1\""
	printf 'j\n' | script -qec "$AMM bewerk casus" /dev/null >"$out" 2>&1
	grep -q "Opnieuw bewerken? \[J/n\]" "$out" || fail "no question on the terminal: $(cat "$out")"
	grep -q "2026-001 casus: casus.ini met de hand bewerkt" "$out" || fail "not committed after the second edit"
	expect_commits $((before + 1))
	rm -f "$root/once"
	printf 'n\n' | script -qec "$AMM bewerk casus" /dev/null >"$out" 2>&1
	grep -q "er is niets vastgelegd; casus.ini staat nog zoals het was" "$out" || fail "no refusal after 'n'"
	expect_commits $((before + 1))
}

# An editor that leaves a link, a folder or someone else's file where amm's file was: nothing
# read through it, nothing committed.
test_hostile_editor() {
	rm -rf "${TMPDIR:?}"/*
	new_repo
	amm nieuw >/dev/null
	before=$(commits)
	# A valid spin.ini outside the repository, as /etc/passwd would be for a real attack.
	{ git show HEAD:casussen/2026/2026-001/spin.ini; echo "# geheim van buiten"; } >"$root/buiten"
	editor "rm \"\$1\"; ln -s '$root/buiten' \"\$1\""
	run bewerk spin
	expect_exit 3
	grep -q "^amm: na de editor is '.*/spin.ini' een symbolische koppeling (symlink); amm leest alleen een gewoon bestand in zijn eigen tijdelijke map terug. Er is niets vastgelegd$" "$err" ||
		fail "no refusal of the link: $(cat "$err")"
	expect_commits "$before"
	grep -q "geheim van buiten" casussen/2026/2026-001/spin.ini && fail "the file outside was written"
	git log -p --no-textconv | grep -q "geheim van buiten" && fail "the file outside was committed"
	editor "rm \"\$1\"; mkdir \"\$1\""
	run bewerk spin
	expect_exit 3
	expect_stderr_has "spin.ini' geen gewoon bestand;"
	# A hard link to a file elsewhere is a file with two names.
	cp "$root/buiten" "$TMPDIR/ander"
	editor "rm \"\$1\"; ln '$TMPDIR/ander' \"\$1\""
	run bewerk spin
	expect_exit 3
	expect_stderr_has "spin.ini' een ander bestand, met nog een naam of niet van jou;"
	expect_commits "$before"
	rm "$TMPDIR/ander"
	[ -z "$(ls -A "$TMPDIR")" ] || fail "temporary files left: $(ls -A "$TMPDIR")"
}

# An editor that saves by writing a new file and renaming it into place (vim's backupcopy=no).
test_editor_saving_by_rename() {
	rm -rf "${TMPDIR:?}"/*
	new_repo
	amm nieuw >/dev/null
	editor 'd=$(dirname "$1"); { cat "$1"; echo "# via rename"; } >"$d/.nieuw"; touch "$d/.spin.ini.swp"; mv "$d/.nieuw" "$1"'
	run bewerk spin
	expect_exit 0
	expect_stdout "2026-001 spin: spin.ini met de hand bewerkt
"
	grep -qx "# via rename" casussen/2026/2026-001/spin.ini || fail "edit not kept"
	[ -z "$(ls -A "$TMPDIR")" ] || fail "temporary files left: $(ls -A "$TMPDIR")"
	# The file the editor gets is private, in a private folder, named as the part.
	editor 'stat -c "%a %n" "$(dirname "$1")" "$1" >'"'$root/modes'"
	run perspectief --bewerk
	sed -i "s|$TMPDIR/amm-[A-Za-z0-9]*|D|" "$root/modes"
	compare "modes" "$root/modes" "700 D
600 D/perspectief.md
"
}

run_tests test_edit_again_on_terminal test_valid_edit test_invalid_edit test_unchanged_and_editor_failure test_closed_casus \
	test_race_keeps_copy test_hostile_editor test_editor_saving_by_rename
