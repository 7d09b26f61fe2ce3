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
	compare "one line changed" <(git diff --no-textconv HEAD~1 HEAD --numstat | cut -f1,2) "1	1
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
		skip "cannot mount a small tmpfs here"
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
	expect_stderr_has "de schijf is vol (No space left on device"
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
		skip "cannot make a read-only bind mount here"
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

# Bytes a terminal acts on, committed with plain git into every kind of casus file and into a
# commit: on a terminal every text output shows them visibly, and no export carries markup.
test_hostile_bytes_on_a_terminal() {
	local esc=$'\033[31m' osc=$'\033]8;;https://example.org/x\007link\033]8;;\007' bel=$'\007'
	local rlo=$'\u202e' csi=$'\u009b' bad=$'\xff\x9b\xc3'
	local h="rood${esc} ${osc} bel${bel} rlo${rlo}txt.exe ${csi}2J"
	new_repo
	amm nieuw --alias "Fam. J." >/dev/null
	amm stap nieuw "Schuldhulp" >/dev/null
	amm afspraak nieuw --stap 1 --wie Fatima --wat belt --wanneer 2026-12-01 >/dev/null
	amm evalueer --stap 1 --resultaat deels --werkte "Samen" --nodig "Meer" \
		--volgende 2026-12-20 >/dev/null
	amm uitzondering nieuw --over a --gewone-route b --maatwerk c >/dev/null
	sed -i "s|^alias =.*|alias = Fam. ${h}|" $C/casus.ini
	sed -i "s|^wonen =.*|wonen = ${h}|" $C/spin.ini
	sed -i "s|^wat =.*|wat = ${h}|; s|^tekst =.*|tekst = ${h}|" $C/stappen.ini
	sed -i "s|^werkte =.*|werkte = ${h}|" $C/evaluaties.ini
	sed -i "s|^maatwerk =.*|maatwerk = ${h}|" $C/uitzonderingen.ini
	printf '%s\n\n%s\n\n<script>alert(1)</script>\n\n<iframe src="https://example.org"></iframe>\n\n[klik](javascript:alert(1)) [hier](JavaScript:alert(2)) [of](vbscript:x) ![a](data:text/html,x) <javascript:alert(3)> &#x1b;[31m &#x202e; <b onclick="x">vet</b>\n' \
		"Ik wil ${h}" "ongeldig ${bad} einde" >$C/perspectief.md
	git add -A && GIT_AUTHOR_NAME="Karim${esc}${rlo}" git commit -qm "met de hand ${h}"
	local t="$AMM_SRC/tests/cli/terminal.py"
	for cmd in "toon" "status" "lijst" "log" "log --casus 2026-001" "diff" "diff HEAD~1" \
		"export" "export --formaat html" "export --formaat json" "agenda" "agenda --ics" \
		"rapport" "check" "spin" "spin wonen" "perspectief" "perspectief --geschiedenis" \
		"toon --json" "uitzondering 1" "stap" "afspraak" "evalueer"; do
		# shellcheck disable=SC2086
		python3 "$t" run "$root/tty" ${AMM_WRAPPER:-} "$AMM" $cmd
		rc=$?
		[ "$rc" -le 1 ] || fail "amm $cmd: exit code $rc: $(head -c 300 "$root/tty")"
		python3 "$t" clean "$root/tty" || fail "amm $cmd on a terminal"
	done
	# What a person sees instead, in one notation.
	run spin wonen
	expect_stdout "  Woonsituatie: (ongeldig: rood<U+001B>[31m <U+001B>]8;;https://example.org/x<U+0007>link<U+001B>]8;;<U+0007> bel<U+0007> rlo<U+202E>txt.exe <U+009B>2J)
"
	run perspectief
	expect_stdout_has "ongeldig <0xFF><0x9B><0xC3> einde"
	# A text typed with such characters is refused, as any control character is.
	run spin wonen "flat${rlo}"
	expect_exit 3
	run spin wonen "flat${csi}"
	expect_exit 3
	# Markdown to share: no markup, no unsafe link, control characters visible and escaped.
	run export
	expect_exit 0
	for bad_md in '<script' '<iframe' '<b ' '](javascript:' '](vbscript:' '](data:' \
		'<javascript:' '&#x1b;'; do
		grep -qiF -- "$bad_md" "$out" && fail "the Markdown export has $bad_md"
	done
	expect_stdout_has 'Ik wil rood\<U+001B\>\[31m'
	expect_stdout_has 'klik hier of'
	# HTML: the same characters visible and escaped, never raw.
	run export --formaat html
	expect_exit 0
	python3 "$t" clean "$out" || fail "the HTML export has raw control characters"
	expect_stdout_has 'rood&lt;U+001B&gt;[31m'
	grep -qiE '<script|<iframe|href="(javascript|vbscript|data)' "$out" && fail "markup in the HTML"
	# JSON stays JSON, with the bidi and C1 controls escaped too.
	run toon --json
	python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$out" || fail "toon --json is no JSON"
	expect_stdout_has 'rlo\u202Etxt.exe \u009B2J'
}

run_tests test_hostile_bytes_on_a_terminal test_huge_field test_many_sections test_sneaky_ids_and_parts test_full_disk \
	test_read_only_repository
