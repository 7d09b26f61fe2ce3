#!/usr/bin/env bash
# Confinement: amm reads and writes casus files only inside the repository and never through a
# symbolic link; a link or a type change on the way is refused with exit 5, nothing written.
. "$(dirname "$0")/common.sh"

C=casussen/2026/2026-001

# The refusal of a link at path, and that nothing was committed or written outside.
expect_link_refused() { # path
	expect_exit 5
	expect_stderr "amm: '$1' is een symbolische koppeling (symlink); amm volgt die niet en leest en schrijft alleen binnen de repository. Er is niets geschreven.
Verwijder de koppeling (rm '$1') en zet terug wat er stond met 'git checkout HEAD -- $1'
"
	expect_commits "$before"
}

test_casus_folder_link() {
	new_repo
	amm nieuw >/dev/null
	before=$(commits)
	mv "$C" "$root/buiten"
	ln -s "$root/buiten" "$C"
	run spin netwerk "x"
	expect_link_refused "$C"
	grep -q "netwerk = x" "$root/buiten/spin.ini" && fail "written outside the repository"
	[ -z "$(find "$root/buiten" -newer "$root/buiten/casus.ini" -name '*.amm-tmp')" ] ||
		fail "temporary file left outside"
	rm "$C" && git checkout -q HEAD -- "$C"
	run spin netwerk "x"
	expect_exit 0
}

test_year_and_casussen_folder_link() {
	new_repo
	amm nieuw >/dev/null
	before=$(commits)
	mv casussen/2026 "$root/jaar"
	ln -s "$root/jaar" casussen/2026
	run spin netwerk "x"
	expect_link_refused casussen/2026
	grep -q "netwerk = x" "$root/jaar/2026-001/spin.ini" && fail "written outside the repository"
	# A new casus in a linked year folder: nothing made outside either.
	run nieuw
	expect_link_refused casussen/2026
	[ -e "$root/jaar/2026-002" ] && fail "casus made outside the repository"
	rm casussen/2026 && mv "$root/jaar" casussen/2026
	mv casussen "$root/alles"
	ln -s "$root/alles" casussen
	run spin netwerk "x"
	expect_link_refused casussen
	grep -q "netwerk = x" "$root/alles/2026/2026-001/spin.ini" && fail "written outside the repository"
	[ -f "$root/alles/2026/2026-001/spin.ini" ] || fail "the casus folder outside is gone"
}

test_new_casus_folder_link() {
	new_repo
	amm nieuw >/dev/null
	before=$(commits)
	mkdir "$root/leeg"
	ln -s "$root/leeg" casussen/2026/2026-002
	run nieuw
	expect_link_refused casussen/2026/2026-002
	[ -z "$(ls -A "$root/leeg")" ] || fail "files made outside: $(ls -A "$root/leeg")"
}

# A file replaced by a link to a file outside with the same text: a type change amm does not
# overwrite, and the file outside stays as it was.
test_file_link() {
	new_repo
	amm nieuw >/dev/null
	before=$(commits)
	cp "$C/spin.ini" "$root/passwd"
	rm "$C/spin.ini"
	ln -s "$root/passwd" "$C/spin.ini"
	run spin netwerk "x"
	expect_link_refused "$C/spin.ini"
	[ -L "$C/spin.ini" ] || fail "the link was replaced"
	cmp -s "$root/passwd" <(git show "HEAD:$C/spin.ini") || fail "the file outside changed"
	# Other files of the casus can still be written.
	run perspectief "Ik wil werk"
	expect_exit 0
}

test_file_becomes_folder() {
	new_repo
	amm nieuw >/dev/null
	before=$(commits)
	rm "$C/spin.ini"
	mkdir "$C/spin.ini"
	run spin netwerk "x"
	expect_exit 5
	expect_stderr_has "'$C/spin.ini' heeft wijzigingen die nog niet zijn vastgelegd"
	expect_commits "$before"
	[ -d "$C/spin.ini" ] || fail "the folder was replaced"
	rmdir "$C/spin.ini"
	git checkout -q HEAD -- "$C/spin.ini"
	# A folder where a new casus file would go.
	mkdir -p casussen/2026/2026-002/casus.ini
	run nieuw
	expect_exit 5
	expect_stderr_has "'casussen/2026/2026-002/casus.ini' heeft wijzigingen die nog niet zijn vastgelegd"
	expect_commits "$before"
}

# A link left where amm puts its temporary file is removed, never written through.
test_temporary_file_link() {
	new_repo
	amm nieuw >/dev/null
	: >"$root/doel"
	ln -s "$root/doel" "$C/spin.ini.amm-tmp"
	run spin netwerk "x"
	expect_exit 0
	[ -s "$root/doel" ] && fail "written through the temporary file's link"
	[ -e "$C/spin.ini.amm-tmp" ] && fail "temporary file left"
	grep -q "netwerk = x" "$C/spin.ini" || fail "not written"
}

run_tests test_casus_folder_link test_year_and_casussen_folder_link test_new_casus_folder_link \
	test_file_link test_file_becomes_folder test_temporary_file_link
