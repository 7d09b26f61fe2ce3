#!/usr/bin/env bash
# Hostile and broken input: huge texts, hostile files, sneaky ids and parts, a full disk, a
# read-only repository. A clear message, the documented exit code, never a half write.
. "$(dirname "$0")/common.sh"

C=casussen/2026/2026-001

test_huge_field() {
	new_repo
	amm nieuw >/dev/null
	head -c 10000000 /dev/zero | tr '\0' 'x' >"$root/big"
	"$AMM" spin netwerk - <"$root/big" >"$out" 2>"$err"
	rc=$?
	expect_exit 0
	compare "one line changed" <(git diff HEAD~1 HEAD --numstat | cut -f1,2) "1	1
"
	run spin netwerk
	expect_exit 0
	[ "$(wc -c <"$out")" -gt 10000000 ] || fail "the 10 MB value did not come back whole"
}

test_many_sections() {
	new_repo
	amm nieuw >/dev/null
	for i in $(seq 1 10001); do printf '[afspraak %d]\nwie = x\n' "$i"; done >>$C/stappen.ini
	git commit -qam "met de hand"
	run status
	expect_exit 3
	expect_stderr "amm: $C/stappen.ini: 20008 regels en 10001 secties is meer dan een casusbestand ooit heeft; amm leest dit bestand niet
"
	# The same section many times is refused at once, naming the first repeat.
	git reset -q --hard HEAD~1
	for i in $(seq 1 3000); do printf '[spin]\n'; done >>$C/spin.ini
	git commit -qam "herhaald"
	run spin wonen "Flat"
	expect_exit 3
	expect_stderr "amm: $C/spin.ini:25: sectie [spin] staat er twee keer (eerder op regel 6)
"
}

test_sneaky_ids_and_parts() {
	new_repo
	amm nieuw >/dev/null
	for id in ../x /etc/passwd 2026-001/.. 2026-001/../../x "2026 001" ""; do
		run status --casus "$id"
		[ "$rc" -eq 3 ] || [ "$rc" -eq 2 ] || fail "--casus '$id' gave $rc"
	done
	for part in ../casus /etc/passwd casus.ini/../x; do
		run toon "$part"
		expect_exit 2
	done
	[ -z "$(git status --porcelain --ignored)" ] || fail "something was touched"
}

# A repository on a small file system that is then filled up.
test_full_disk() {
	mkdir -p "$root/disk"
	if ! mount -t tmpfs -o size=3m tmpfs "$root/disk" 2>/dev/null; then
		echo "# skipped: cannot mount a small tmpfs here"
		return
	fi
	"$AMM" init "$root/disk/repo" >/dev/null && cd "$root/disk/repo" || return
	amm nieuw >/dev/null
	before=$(commits)
	cp $C/spin.ini "$root/spin.before"
	dd if=/dev/zero of="$root/disk/vol" bs=64k 2>/dev/null
	head -c 200000 /dev/zero | tr '\0' 'y' >"$root/big"
	"$AMM" spin netwerk - <"$root/big" >"$out" 2>"$err"
	rc=$?
	expect_exit 6
	expect_stderr_has "No space left on device"
	rm -f "$root/disk/vol"
	expect_commits "$before"
	compare "spin.ini as it was" $C/spin.ini "$(cat "$root/spin.before")"$'\n'
	[ -z "$(git status --porcelain)" ] || fail "a half write: $(git status --porcelain)"
	git fsck --strict >/dev/null 2>&1 || fail "fsck after a full disk"
	run spin netwerk "Zus in Noord"
	expect_exit 0
	cd "$root" && umount "$root/disk"
}

test_read_only_repository() {
	new_repo
	amm nieuw >/dev/null
	if ! mount --bind "$root/repo" "$root/repo" 2>/dev/null ||
		! mount -o remount,ro,bind "$root/repo" 2>/dev/null; then
		umount "$root/repo" 2>/dev/null
		echo "# skipped: cannot make a read-only bind mount here"
		return
	fi
	cd "$root/repo" || return
	run spin wonen "Flat"
	expect_exit 6
	expect_stderr_has "Read-only file system"
	run status
	expect_exit 0
	cd "$root" && umount "$root/repo"
}

run_tests test_huge_field test_many_sections test_sneaky_ids_and_parts test_full_disk \
	test_read_only_repository
