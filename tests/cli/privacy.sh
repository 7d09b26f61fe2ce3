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
	# So does the summary of every casus.
	amm lijst >/dev/null
	grep -q 2026-002 .git/amm-overzicht || fail "the summary does not name the casus"
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
	grep -rqs 2026-002 .git/amm-overzicht && fail "the summary still names the casus"
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
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))["vernietigingslijst"]; assert [(x["casus"], x["bewaren_tot"]) for x in d]==[("2026-001","2021-05-01"),("2026-002","2026-02-28")], d' "$out" ||
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

# Spellings of a BSN (111222333 and 123456782 pass the elfproef), as printf %b reads them.
bsn_spellings='111-222-333
111_222_333
111/222/333
111,222,333
11-12-22-333
1234.56.782
111\t222\t333
111  222  333
111\n222\n333
\xef\xbc\x91\xef\xbc\x91\xef\xbc\x91\xef\xbc\x92\xef\xbc\x92\xef\xbc\x92\xef\xbc\x93\xef\xbc\x93\xef\xbc\x93
\xd9\xa1\xd9\xa1\xd9\xa1\xd9\xa2\xd9\xa2\xd9\xa2\xd9\xa3\xd9\xa3\xd9\xa3
111\xe2\x80\x8b222\xe2\x80\x8b333
1\xe2\x80\x8d11\xc2\xad222333
111\xc2\xa0222\xc2\xa0333
111\xe2\x80\x89222\xe2\x80\x89333
111\xe2\x80\x93222\xe2\x80\x93333'

test_bsn_spellings_refused() {
	new_repo
	amm nieuw >/dev/null
	before=$(commits)
	while IFS= read -r s; do
		run spin netwerk "Broer Karim, nummer $(printf '%b' "$s") erbij"
		[ "$rc" -eq 3 ] || fail "'$s' gave exit $rc"
		grep -qF "amm: casussen/2026/2026-001/spin.ini, [spin] netwerk: deze tekst bevat een burgerservicenummer (BSN)" "$err" ||
			fail "'$s': $(cat "$err")"
	done <<<"$bsn_spellings"
	run perspectief "$(printf 'Ik wil mijn pas terug:\n111\n222\n333')"
	expect_exit 3
	expect_stderr_has "perspectief.md: deze tekst bevat een burgerservicenummer"
	expect_commits "$before"
}

test_bsn_near_misses_accepted() {
	new_repo
	amm nieuw >/dev/null
	for s in "Tel. 06-12345678 of 020-1234567" "Rekening NL91ABNA0417164300" "Postcode 1011 AB" \
		"Schuld 1.500,50 en 9.500 euro" "Gesprek op 2026-11-24 om 14:30" \
		"3 kinderen, 2 honden en 111 euro" "Van 09.30-11.00 uur, ref 123456789"; do
		run spin profiel "$s"
		[ "$rc" -eq 0 ] || fail "'$s' gave exit $rc: $(cat "$err")"
	done
}

test_bsn_split_and_appended() {
	new_repo
	amm nieuw >/dev/null
	amm spin financien "Schuld bij nummer 111 222" >/dev/null 2>&1 || fail "first half refused"
	before=$(commits)
	# wonen follows financien in spin.ini: the two values read as one number.
	run spin wonen "333 euro huur"
	expect_exit 3
	expect_stderr_has "spin.ini, [spin] wonen: deze tekst bevat een burgerservicenummer"
	run spin financien --toevoegen "333"
	expect_exit 3
	expect_stderr_has "spin.ini, [spin] financien: deze tekst bevat een burgerservicenummer"
	expect_commits "$before"
	run spin wonen "3 kamers"
	expect_exit 0
}

test_bsn_in_commit_message() {
	new_repo ann
	amm nieuw >/dev/null
	git init -q --bare "$root/srv.git"
	git remote add 123456782 "$root/srv.git" && git push -q 123456782 main
	git clone -q -b main "$root/srv.git" "$root/bob"
	amm spin wonen "Flat" >/dev/null && git push -q 123456782 main
	cd "$root/bob" || return
	git remote rename origin 123456782
	amm spin netwerk "Broer" >/dev/null
	before=$(commits)
	# The merge would be "sync: samengevoegd met 123456782/main".
	run sync 123456782
	expect_exit 3
	expect_stderr "amm: het commitbericht zou een burgerservicenummer (BSN) bevatten, uit een nummer, een bestandsnaam of de naam van een remote; amm legt geen BSN vast, ook niet in de geschiedenis
"
	expect_commits "$before"
	[ -z "$(git status --porcelain)" ] || fail "work tree not clean"
}

test_bsn_committed_with_git_found_by_check() {
	new_repo
	amm nieuw >/dev/null
	c=casussen/2026/2026-001
	sed -i 's/^netwerk =.*/netwerk = Broer, 111-222-333/' $c/spin.ini
	# Three more: 12 34 56 782 over two lines of one value, 234 234 234 over two fields.
	sed -i 's/^wonen =.*/wonen = Flat, nummer 12 34\\n56 782/' $c/spin.ini
	sed -i 's/^profiel =.*/profiel = Alleen, nummer 234 234/' $c/spin.ini
	sed -i 's/^financien =.*/financien = 234 euro per maand/' $c/spin.ini
	printf '\nIk wil \xef\xbc\x91\xef\xbc\x91\xef\xbc\x91\xef\xbc\x92\xef\xbc\x92\xef\xbc\x92\xef\xbc\x93\xef\xbc\x93\xef\xbc\x93 niet meer noemen.\n' >>$c/perspectief.md
	mkdir $c/bijlagen && echo x >$c/bijlagen/brief-111222333.txt
	git add -A && git commit -qm "Brief over 1234 56 782"
	run check
	expect_exit 1
	grep '^bsn ' "$out" >"$root/bsn"
	compare "bsn findings" "$root/bsn" "bsn fout 2026-001 perspectief.md: regel 19 bevat een burgerservicenummer
bsn fout 2026-001 spin.ini: regel 22 bevat een burgerservicenummer
bsn fout 2026-001 spin.ini: [spin] wonen bevat een burgerservicenummer
bsn fout 2026-001 spin.ini: [spin] profiel en het veld erna bevatten samen een burgerservicenummer
bsn fout 2026-001 bestandsnaam: de naam van een bestand of map bevat een burgerservicenummer
bsn fout 2026-001 geschiedenis: het commitbericht van $(git rev-parse --short=7 HEAD) bevat een burgerservicenummer
"
	run check --json
	python3 -c 'import json,sys; d=[x for x in json.load(open(sys.argv[1]))["bevindingen"] if x["regel"]=="bsn"]; assert [x["bestand"] for x in d]==["perspectief.md","spin.ini","spin.ini","spin.ini","bestandsnaam","geschiedenis"], d' "$out" ||
		fail "check --json: $(cat "$out")"
	# With --alle, one walk over the history: each message goes to the casus it changed.
	first=$(git rev-parse --short=7 HEAD)
	amm nieuw >/dev/null
	echo '# kladje' >>casussen/2026/2026-002/team.ini
	git commit -qam "Kladje" -m "AMM-Casus: 2026-002" -m "Over nummer 111.222.333"
	second=$(git rev-parse --short=7 HEAD)
	run check --alle
	expect_exit 1
	grep ' geschiedenis: ' "$out" >"$root/history"
	compare "history findings" "$root/history" "bsn fout 2026-002 geschiedenis: het commitbericht van $second bevat een burgerservicenummer
bsn fout 2026-001 geschiedenis: het commitbericht van $first bevat een burgerservicenummer
"
}

run_tests test_vergeet test_vergeet_refuses_local_changes test_bewaartermijn test_bsn_refused test_bsn_allowed test_hand_edit_reported \
	test_hostile_text_not_passed_to_terminal test_bsn_spellings_refused test_bsn_near_misses_accepted \
	test_bsn_split_and_appended test_bsn_in_commit_message test_bsn_committed_with_git_found_by_check
