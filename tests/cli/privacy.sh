#!/usr/bin/env bash
# Privacy: BSNs refused in every text amm writes, unless amm.ini allows them; hostile text.
. "$(dirname "$0")/common.sh"

test_bsn_refused() {
	new_repo
	amm nieuw >/dev/null
	amm stap nieuw "Stap" >/dev/null
	before=$(commits)
	run spin netwerk "Broer Karim, BSN 123456782"
	expect_exit 3
	expect_stderr "amm: casussen/2026/2026-001/spin.ini, [spin] netwerk: deze tekst bevat een burgerservicenummer (BSN); amm legt geen BSN vast. Haal het nummer weg, of sta het toe met [privacy] bsn = toestaan in amm.ini
"
	for w in "perspectief Ik-wil-1234.56.782" "afspraak nieuw --stap 1 --wie 123_456_782 --wat x --wanneer +1" \
		"nieuw --alias 123456782" "analyse nieuw systeem 111222333" "team nieuw 123456782 --rol lid"; do
		# shellcheck disable=SC2086
		run $(echo "$w" | tr _ ' ')
		[ "$rc" -eq 3 ] || [ "$rc" -eq 2 ] || fail "'$w' gave $rc"
	done
	run afspraak nieuw --stap 1 --wie "123 456 782" --wat x --wanneer +1
	expect_exit 3
	expect_commits "$before"
	# Not a BSN: the elfproef fails, or it is a phone number or an amount.
	run spin netwerk "Tel. 0612345678, ref 123456789, schuld 9.500 euro"
	expect_exit 0
}

test_bsn_allowed() {
	new_repo
	sed -i 's/^bsn = weigeren/bsn = toestaan/' amm.ini && git commit -qam "BSN toestaan"
	amm nieuw >/dev/null
	run spin netwerk "BSN 123456782"
	expect_exit 0
	run check
	grep -q "^bsn " "$out" && fail "amm check reports an allowed BSN"
	true
}

test_hand_edit_reported() {
	new_repo
	amm nieuw >/dev/null
	printf '# van de vader: 1234 56 782\n' >>casussen/2026/2026-001/team.ini
	git commit -qam "met de hand"
	run check
	expect_exit 1
	expect_stdout_has "bsn fout 2026-001 team.ini: regel 4 bevat een burgerservicenummer"
	# Other writes still work; the file with the BSN is the user's to clean.
	run spin wonen "Flat"
	expect_exit 0
}

test_hostile_text_not_passed_to_terminal() {
	new_repo
	amm nieuw >/dev/null
	printf '[spin]\nwonen = flat\\x1b[2J weg \\x07\n' >casussen/2026/2026-001/spin.ini
	git commit -qam "met de hand"
	run spin
	expect_exit 0
	grep -q "$(printf '\033')" "$out" && fail "an escape sequence reached the terminal"
	expect_stdout_has "flat[2J weg"
	printf 'wonen = \033]0;titel\007\n' >"$root/esc"
	run perspectief "$(cat "$root/esc")"
	expect_exit 3
}

run_tests test_bsn_refused test_bsn_allowed test_hand_edit_reported \
	test_hostile_text_not_passed_to_terminal
