#!/usr/bin/env bash
# amm log and amm diff: history and field-level differences, also of plain git commits.
. "$(dirname "$0")/common.sh"

C=casussen/2026/2026-001

at() { # the date of the next commits
	local t
	t=$(date -u -d "$1 12:00" +%s)
	export GIT_COMMITTER_DATE="@$t +0100" GIT_AUTHOR_DATE="@$t +0100"
}

history() {
	at 2026-12-30 && amm nieuw --alias "Fam. J." >/dev/null && amm nieuw >/dev/null
	at 2026-12-31 && amm --casus 2026-001 spin financien "Schuld 9.500 euro" >/dev/null
	amm --casus 2026-001 stap nieuw "Schuldhulp" >/dev/null
	at 2027-01-02 && amm --casus 2026-001 afspraak nieuw --stap 1 --wie Fatima --wat belt --wanneer 2027-01-10 >/dev/null
	amm --casus 2026-001 afspraak verzet 1 2027-01-20 >/dev/null
	GIT_AUTHOR_NAME="Karim Bakker" amm --casus 2026-002 spin wonen "Flat" >/dev/null
	at 2027-01-03
	sed -i 's/^financien = .*/financien = Schuld 4.000 euro/' $C/spin.ini
	GIT_AUTHOR_NAME="Karim Bakker" git commit -qam "bijgewerkt"
}

test_log() {
	new_repo
	history
	run log --casus 2026-001
	expect_exit 0
	expect_stdout "2027-01-03  Karim Bakker         spin: met git: spin.financien gewijzigd
2027-01-02  Sanne de Vries       stappen: afspraak 1 verzet van 2027-01-10 naar 2027-01-20
2027-01-02  Sanne de Vries       stappen: afspraak 1 toegevoegd bij stap 1
2026-12-31  Sanne de Vries       stappen: stap 1 toegevoegd
2026-12-31  Sanne de Vries       spin: financien ingevuld
2026-12-30  Sanne de Vries       casus: nieuwe casus
"
	run log --casus 2026-001 --onderdeel spin --sinds 2026-12-31 --tot 2027-01-03
	compare "filtered" <(cut -c1-10 "$out") "2027-01-03
2026-12-31
"
	run log --casus 2026-001 --auteur karim --json
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))["commits"]; assert len(d)==1 and d[0]["auteur"]=="Karim Bakker" and d[0]["onderdeel"]=="spin" and len(d[0]["commit"])==40, d' "$out" ||
		fail "log --json"
	run log --alle
	expect_exit 0
	expect_stdout_has "2027-01-02  Karim Bakker         2026-002 spin: wonen ingevuld"
	run log --onderdeel schoenen --casus 2026-001
	expect_exit 2
}

# What looks like amm's trailer but stands in the middle of the message is text, as git reads
# it (git interpret-trailers): such a commit is described from the fields it changed.
test_log_trailers_as_git_reads_them() {
	new_repo
	amm nieuw >/dev/null
	sed -i 's/^wonen =.*/wonen = Flat/' $C/spin.ini
	git commit -qam "wonen bijgewerkt

AMM-Onderdeel: stappen

zoals besproken"
	run log
	expect_exit 0
	expect_stdout_has "spin: met git: spin.wonen gewijzigd"
	sed -i 's/^wonen =.*/wonen = Huis/' $C/spin.ini
	git commit -qam "wonen bijgewerkt

amm-casus: 2026-001
AMM-Onderdeel:  spin"
	run log
	compare "the last commit" <(head -n 1 "$out" | cut -c 34-) "spin: wonen bijgewerkt
"
}

test_diff() {
	new_repo
	history
	run diff --casus 2026-001
	expect_exit 0
	expect_stdout "2026-001 spin.financien: Schuld 9.500 euro → Schuld 4.000 euro
"
	run diff 2026-12-31 2027-01-02 --casus 2026-001
	expect_stdout "2026-001 stappen [afspraak 1] stap: (nieuw) → 1
2026-001 stappen [afspraak 1] wie: (nieuw) → Fatima
2026-001 stappen [afspraak 1] wat: (nieuw) → belt
2026-001 stappen [afspraak 1] wanneer: (nieuw) → 2027-01-20
2026-001 stappen [afspraak 1] status: (nieuw) → open
2026-001 stappen [afspraak 1] aangemaakt: (nieuw) → 2026-11-24
"
	run diff HEAD~3 HEAD~2 --alle --json
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1]))["wijzigingen"]; assert d==[{"casus":"2026-001","onderdeel":"stappen","sectie":"afspraak 1","sleutel":"wanneer","oud":"2027-01-10","nieuw":"2027-01-20"}], d' "$out" ||
		fail "diff --json: $(cat "$out")"
	run diff geen-revisie --casus 2026-001
	expect_exit 4
	run diff 2026-02-30 --casus 2026-001
	expect_exit 3
}

test_empty_repository() {
	new_repo
	run log --alle
	expect_exit 0
	expect_stdout ""
	run diff --alle
	expect_exit 4
	expect_stderr "amm: er is nog niets veranderd
"
}

test_incomplete_history() {
	new_repo
	history
	git clone -q --depth 2 "file://$PWD" ondiep
	cd ondiep
	run log --casus 2026-001
	expect_exit 6
	expect_stderr "amm: de geschiedenis is onvolledig: er ontbreekt een commit of map (een ondiepe kloon, of een beschadigde repository: 'git fsck' zegt meer)
"
}

run_tests test_log test_log_trailers_as_git_reads_them test_diff test_empty_repository test_incomplete_history
