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
	run spin financien "Rekening NL91 ABNA 0417 1643 00, schuld 12 euro"
	expect_exit 0
	expect_stderr "amm: waarschuwing: financien: deze tekst bevat een rekeningnummer (IBAN); leg het alleen vast als het nodig is voor het perspectief
"
	before=$(commits)
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
	expect_stdout_has "flat<U+001B>[2J weg <U+0007>"
	printf 'wonen = \033]0;titel\007\n' >"$root/esc"
	run perspectief "$(cat "$root/esc")"
	expect_exit 3
}

test_vergeet() {
	new_repo
	amm nieuw --alias een >/dev/null
	amm nieuw --alias twee >/dev/null
	amm --casus 2026-002 spin financien "Geheim: schuld 4.711 euro" >/dev/null
	amm --casus 2026-001 spin financien "Schuld 12 euro" >/dev/null
	amm --casus 2026-002 perspectief "Ik wil dat niemand dit leest" >/dev/null
	git init -q --bare "$root/server.git" && git remote add origin "$root/server.git"
	git push -q origin main 2>/dev/null && git fetch -q origin
	blobs=$(git rev-list --all --objects | grep 'casussen/2026/2026-002/' | cut -d' ' -f1 |
		while read -r o; do git cat-file -p "$o" | grep -qE 'Geheim|niemand' && echo "$o"; done)
	[ -n "$blobs" ] || fail "no blobs of the casus found before"
	# The history index names each casus.
	amm --casus 2026-002 log >/dev/null
	grep -q 2026-002 .git/amm-historie || fail "the history index does not name the casus"
	run vergeet 2026-002 --bevestig 2026-001
	expect_exit 2
	run vergeet 2026-002
	expect_exit 2
	run vergeet 2026-002 --bevestig 2026-002
	expect_exit 2
	expect_stderr_has "zeg met --grond waarom"
	run vergeet 2026-002 --bevestig 2026-002 --grond verzoek
	expect_exit 0
	expect_stdout "Casus 2026-002 is gewist uit de hele geschiedenis: 2 commits herschreven, 3 vervallen.

De casus staat nog op de server en in de andere klonen. Doe nu 'amm sync': de server en elke kloon die daarna synchroniseert, wissen de casus ook.
Kopieën buiten de repository's (back-ups, klonen die niet meer synchroniseren, exports) bereikt amm niet; controleer een kloon met 'amm vergeet --controleer ID'.
"
	git rev-list --all --objects | grep -q 2026-002 && fail "rev-list --all --objects still lists the casus"
	git fsck --strict --unreachable --lost-found 2>&1 | grep -q . && fail "fsck finds unreachable objects"
	for o in $blobs; do
		git cat-file -e "$o" 2>/dev/null && fail "old blob $o can still be read"
	done
	[ -e casussen/2026/2026-002 ] && fail "the folder is still in the work tree"
	grep -rqs 2026-002 .git/amm-historie && fail "the history index still names the casus"
	compare "history of the other casus" <(git log --format='%an|%s') "Sanne de Vries|vergeten: casus 2026-002 gewist (grond: verzoek)
Sanne de Vries|2026-001 spin: financien ingevuld
Sanne de Vries|2026-001 casus: nieuwe casus
Sanne de Vries|amm.ini: casusrepository ingericht
"
	grep -qx "financien = Schuld 12 euro" casussen/2026/2026-001/spin.ini || fail "other casus lost"
	[ -z "$(git status --porcelain)" ] || fail "work tree not clean"
	run vergeet 2026-002 --bevestig 2026-002 --grond verzoek
	expect_exit 4
	git push -q --force origin main 2>/dev/null || fail "forced push"
}

test_vergeet_refuses_local_changes() {
	new_repo
	amm nieuw >/dev/null
	echo "# kladje" >>casussen/2026/2026-001/spin.ini
	echo "# kladje" >>amm.ini
	run vergeet 2026-001 --bevestig 2026-001 --grond verzoek
	expect_exit 5
	expect_stderr_has "wijzigingen die nog niet zijn vastgelegd"
}

test_bewaartermijn() {
	new_repo
	amm nieuw >/dev/null
	amm nieuw >/dev/null
	amm nieuw >/dev/null
	AMM_VANDAAG=2019-05-01 amm --casus 2026-001 afsluiten >/dev/null 2>&1
	AMM_VANDAAG=2024-02-29 amm --casus 2026-002 afsluiten >/dev/null 2>&1
	run bewaartermijn
	expect_exit 0
	expect_stdout "2026-001  afgesloten 2019-05-01, bewaren tot 2026-05-01

Wis ze met: amm bewaartermijn --csv > lijst.csv && amm vergeet --lijst lijst.csv
"
	sed -i 's/^bewaartermijn = 7/bewaartermijn = 2/' amm.ini && git commit -qam termijn
	run bewaartermijn --json
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert [(x["id"], x["bewaren_tot"]) for x in d]==[("2026-001","2021-05-01"),("2026-002","2026-02-28")], d' "$out" ||
		fail "bewaartermijn --json: $(cat "$out")"
	# A casus that cannot be read hides no other.
	printf '[casus]\n' >>casussen/2026/2026-003/casus.ini && git commit -qam kapot
	run bewaartermijn
	expect_exit 3
	expect_stdout "2026-001  afgesloten 2019-05-01, bewaren tot 2021-05-01
2026-002  afgesloten 2024-02-29, bewaren tot 2026-02-28

Wis ze met: amm bewaartermijn --csv > lijst.csv && amm vergeet --lijst lijst.csv
"
	expect_stderr_has "amm: 1 casus(sen) niet te lezen; zie hierboven"
}

run_tests test_vergeet test_vergeet_refuses_local_changes test_bewaartermijn test_bsn_refused test_bsn_allowed test_hand_edit_reported \
	test_hostile_text_not_passed_to_terminal
