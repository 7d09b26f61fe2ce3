#!/usr/bin/env bash
# amm sync, amm kloon, amm init --remote: two members of a casusteam share one plan through a
# bare repository, over file:// and over git daemon (127.0.0.1, receive-pack on).
. "$(dirname "$0")/common.sh"
here=$(cd "$(dirname "$0")" && pwd)
# Under AddressSanitizer: whole stacks through libgit2, so that lsan.supp can name the ssh
# transport that loses memory (libgit2 has no frame pointers for the fast unwinder).
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}fast_unwind_on_malloc=0"

casus=casussen/2026/2026-001

# Members: the same pinned dates, each their own name.
as_ann() { GIT_AUTHOR_NAME=Ann GIT_COMMITTER_NAME=Ann "$@"; }
as_bob() { GIT_AUTHOR_NAME=Bob GIT_COMMITTER_NAME=Bob "$@"; }

# A bare server with git's default HEAD (master), which amm's main must not trip over.
new_server() {
	git init -q --bare "$root/srv/casussen.git" || fail "git init --bare failed"
}

. "$here/server.sh"

# Ann starts the shared repository (on the new server) with one casus and a stap; Bob clones it.
team() {
	cd "$root" || exit 1
	as_ann "$AMM" init ann --remote "$1" >/dev/null || fail "amm init --remote failed"
	cd "$root/ann" || exit 1
	as_ann "$AMM" nieuw --alias "Fam. J." >/dev/null &&
		as_ann "$AMM" stap nieuw "Schulden op een rij" >/dev/null &&
		as_ann "$AMM" sync >/dev/null || fail "Ann's first sync failed"
	cd "$root" || exit 1
	as_bob "$AMM" kloon "$1" bob >/dev/null || fail "amm kloon failed"
}

expect_server_fsck() {
	git --git-dir="$root/srv/casussen.git" fsck --strict >/dev/null 2>&1 || fail "fsck of the server"
}

test_init_remote_and_kloon() {
	new_server
	run init ann --remote "file://$root/srv/casussen.git"
	expect_exit 0
	expect_stdout "Nieuwe casusrepository gemaakt in $root/ann/
Gedeeld via file://$root/srv/casussen.git; teamleden halen een kopie met 'amm kloon file://$root/srv/casussen.git'.
"
	cd ann && "$AMM" nieuw --alias "Fam. J." >/dev/null && cd "$root" || fail "amm nieuw failed"
	run -C ann sync
	expect_exit 0
	expect_stdout "Gedeeld met origin/main.
"
	run kloon "file://$root/srv/casussen.git"
	expect_exit 0
	expect_stdout "Gekloond naar $root/casussen/: 1 casus(sen). 'amm sync' deelt je wijzigingen met het team.
"
	compare "modes" <(stat -c %a casussen casussen/$casus casussen/$casus/spin.ini) "700
700
600
"
	cd casussen || exit 1
	compare "upstream" <(git rev-parse --abbrev-ref @{u}) "origin/main
"
	run status
	expect_exit 0
	expect_stdout_has "Casus 2026-001  Fam. J."
	run sync
	expect_exit 0
	expect_stdout "Alles is al gelijk met origin/main.
"
	expect_stderr ""
	# Progress on a terminal, not in scripts, CI or with -q.
	"$AMM" spin wonen "huur 987 euro per maand" >/dev/null
	CI= script -qec "$AMM sync" /dev/null >"$root/tty" </dev/null
	grep -q "Verzonden: [0-9]*/[0-9]* objecten" "$root/tty" || fail "no progress: $(cat "$root/tty")"
	"$AMM" spin netwerk "zus in Noord" >/dev/null
	CI= script -qec "$AMM sync -q" /dev/null >"$root/tty" </dev/null
	grep -q "Verzonden" "$root/tty" && fail "progress despite -q"
	expect_server_fsck
}

# amm init --remote shares at once: with progress on a terminal, and none with -q (an option
# that init once looked up without having it).
test_init_remote_quiet() {
	git init -q --bare "$root/srv1.git" && git init -q --bare "$root/srv2.git" || return
	CI= script -qec "$AMM init een --remote file://$root/srv1.git" /dev/null >"$root/tty" </dev/null
	grep -q "Verzonden: [0-9]*/[0-9]* objecten" "$root/tty" || fail "no progress: $(cat "$root/tty")"
	CI= script -qec "$AMM init twee --remote file://$root/srv2.git -q" /dev/null >"$root/tty" </dev/null
	grep -q "Gedeeld via file://$root/srv2.git" "$root/tty" || fail "amm init -q: $(cat "$root/tty")"
	grep -q "Verzonden" "$root/tty" && fail "progress despite -q"
	[ "$(git --git-dir="$root/srv2.git" rev-parse main)" = "$(git -C twee rev-parse HEAD)" ] ||
		fail "amm init -q did not share"
}

# amm kloon on a terminal: one progress line, rewritten until all objects are in, then ended;
# nothing with --stil or in CI.
test_kloon_progress_on_a_terminal() {
	local terminal="$AMM_SRC/tests/cli/terminal.py"
	new_server
	team "file://$root/srv/casussen.git"
	cd "$root" || exit 1
	CI= python3 "$terminal" run "$root/tty" ${AMM_WRAPPER:-} "$AMM" kloon "file://$root/srv/casussen.git" een
	rc=$?
	expect_exit 0
	# The line as the terminal shows it in turn: each \r starts it anew.
	tr -d '\n' <"$root/tty" | tr '\r' '\n' | grep -E '^Ontvangen: ' >"$root/lines"
	[ "$(wc -l <"$root/lines")" -ge 2 ] || fail "no progress lines: $(cat -A "$root/tty")"
	head -n 1 "$root/lines" | grep -qE '^Ontvangen: 1/[0-9]+ objecten, [0-9]+ KiB$' ||
		fail "the first line is not the first object: $(cat -A "$root/tty")"
	tail -n 1 "$root/lines" | grep -qE '^Ontvangen: ([0-9]+)/\1 objecten, [0-9]+ KiB$' ||
		fail "the last line is not the whole transfer: $(cat -A "$root/tty")"
	# Ended before the result, which has a line of its own.
	tr -d '\r' <"$root/tty" | sed -n 2p | grep -q '^Gekloond naar ' ||
		fail "the progress line is not ended before the result: $(cat -A "$root/tty")"
	CI= python3 "$terminal" run "$root/tty" ${AMM_WRAPPER:-} "$AMM" kloon --stil "file://$root/srv/casussen.git" twee
	rc=$?
	expect_exit 0
	grep -q Ontvangen "$root/tty" && fail "progress despite --stil"
	CI=true python3 "$terminal" run "$root/tty" ${AMM_WRAPPER:-} "$AMM" kloon "file://$root/srv/casussen.git" drie
	rc=$?
	expect_exit 0
	grep -q Ontvangen "$root/tty" && fail "progress in CI"
	# Not a terminal: nothing on standard error.
	run kloon "file://$root/srv/casussen.git" vier
	expect_exit 0
	expect_stderr ""
}

test_merge_over_git_daemon() {
	start_daemon || return
	team "$url"
	# Different fields and an agreement each.
	cd "$root/ann" && as_ann "$AMM" spin financien "schuld van 9500 euro" >/dev/null &&
		as_ann "$AMM" afspraak nieuw --stap 1 --wie Ann --wat "bellen" --wanneer +3 >/dev/null
	cd "$root/bob" && as_bob "$AMM" spin wonen "huur 987 euro per maand" >/dev/null &&
		as_bob "$AMM" afspraak nieuw --stap 1 --wie Bob --wat "mailen" --wanneer +5 >/dev/null
	cd "$root/ann" && as_ann run sync
	expect_exit 0
	cd "$root/bob" && as_bob run sync
	expect_exit 0
	expect_stdout "Samengevoegd met origin/main.
  $casus/stappen.ini: afspraak 1 (mijn) is nu afspraak 2
Gedeeld met origin/main.
"
	compare "parents of the merge" <(git log -1 --format=%P | wc -w) "2
"
	git log -1 --format=%B | grep -qx "$casus/stappen.ini: afspraak 1 (mijn) is nu afspraak 2" ||
		fail "the merge commit does not name the renumbering"
	cd "$root/ann" && as_ann run sync
	expect_exit 0
	expect_stdout "Bijgewerkt met de wijzigingen van origin/main.
"
	# Both members have both fields and both agreements, each number once.
	for d in ann bob; do
		cd "$root/$d" || exit 1
		grep -qx "financien = schuld van 9500 euro" $casus/spin.ini || fail "$d lacks financien"
		grep -qx "wonen = huur 987 euro per maand" $casus/spin.ini || fail "$d lacks wonen"
		compare "$d's agreements" <(grep -E '^(\[afspraak|wie)' $casus/stappen.ini) "[afspraak 1]
wie = Ann
[afspraak 2]
wie = Bob
"
		[ -z "$(git status --porcelain)" ] || fail "$d's work tree is not clean"
	done
	compare "same tip" <(git -C "$root/bob" rev-parse HEAD) "$(git rev-parse HEAD)
"
	stop_daemon
	expect_server_fsck
}

test_conflict_and_choice() {
	start_daemon || return
	team "$url"
	cd "$root/ann" && as_ann "$AMM" spin financien "schuld van 9500 euro" >/dev/null &&
		as_ann "$AMM" sync >/dev/null
	cd "$root/bob" && as_bob "$AMM" spin financien "schuld van 9800 euro" >/dev/null
	as_bob run sync
	expect_exit 5
	expect_stdout "Samengevoegd met origin/main.
  $casus/spin.ini: conflict in [spin] financien
"
	expect_stderr "amm: 1 conflict(en): dezelfde waarde is aan beide kanten anders gewijzigd. Beide waarden zijn bewaard; 'amm status' toont ze. Kies met 'amm sync --kies mijn|hun [ONDERDEEL]' of pas ze aan met 'amm bewerk ONDERDEEL'
"
	# Nothing lost: both values are in the file and in the history.
	grep -qx "mijn = schuld van 9800 euro" $casus/spin.ini || fail "mijn value lost"
	grep -qx "hun = schuld van 9500 euro" $casus/spin.ini || fail "hun value lost"
	run status
	expect_exit 0
	expect_stdout_has "Conflicten van amm sync (beide waarden zijn bewaard):
  spin [spin] financien
    mijn: schuld van 9800 euro
    hun:  schuld van 9500 euro"
	run status --json
	python3 -c 'import json,sys; c=json.load(open(sys.argv[1]))["conflicten"]; assert c==[{"onderdeel":"spin","waar":"[spin] financien","mijn":"schuld van 9800 euro","hun":"schuld van 9500 euro"}], c' "$out" ||
		fail "conflicten in JSON"
	run check
	expect_exit 1
	expect_stdout_has "sync-conflict fout 2026-001 spin.ini: conflict in [spin] financien"
	# Not shared until someone chooses.
	server_tip=$(git --git-dir="$root/srv/casussen.git" rev-parse main)
	as_bob run sync
	expect_exit 5
	expect_stderr_has "er staan nog conflicten van een eerdere sync in $casus/spin.ini;"
	compare "server" <(git --git-dir="$root/srv/casussen.git" rev-parse main) "$server_tip
"
	as_bob run sync --kies misschien
	expect_exit 2
	as_bob run sync --kies hun stappen
	expect_exit 4
	as_bob run sync --kies hun spin
	expect_exit 0
	expect_stdout "Opgelost met hun waarde(n): $casus/spin.ini
Gedeeld met origin/main.
"
	grep -qx "financien = schuld van 9500 euro" $casus/spin.ini || fail "hun value not chosen"
	grep -q "conflict" $casus/spin.ini && fail "the conflict record stayed"
	run status
	expect_stdout_has "2 Spin:                  1 van 9 velden ingevuld"
	grep -q "Conflicten" "$out" && fail "status still shows a conflict"
	cd "$root/ann" && as_ann run sync
	expect_exit 0
	grep -qx "financien = schuld van 9500 euro" $casus/spin.ini || fail "Ann lacks the choice"
	# A second conflict, settled by hand in the editor.
	as_ann "$AMM" spin wonen "huur 900 euro per maand" >/dev/null && as_ann "$AMM" sync >/dev/null
	cd "$root/bob" && as_bob "$AMM" spin wonen "huur 950 euro per maand" >/dev/null
	as_bob run sync
	expect_exit 5
	printf '#!/bin/sh\nsed -i -e "s/^wonen = .*/wonen = huur 925 euro per maand/" -e "/^.conflict /,\\$d" "$1"\n' \
		>"$root/editor"
	chmod +x "$root/editor"
	EDITOR=$root/editor as_bob run bewerk spin
	expect_exit 0
	as_bob run sync
	expect_exit 0
	expect_stdout "Gedeeld met origin/main.
"
	cd "$root/ann" && as_ann "$AMM" sync >/dev/null
	grep -qx "wonen = huur 925 euro per maand" $casus/spin.ini || fail "Ann lacks the edit"
	stop_daemon
	expect_server_fsck
}

test_push_race_is_retried() {
	start_daemon || return
	team "$url"
	# The server holds the first push until a second one arrives, and lets that one through a
	# second later: the second member fetched before the first push landed, whatever the speed.
	mkdir "$root/hook"
	cat >"$root/srv/casussen.git/hooks/pre-receive" <<EOF
#!/bin/sh
cat >/dev/null
if mkdir "$root/hook/first" 2>/dev/null; then
	i=0
	while [ ! -e "$root/hook/second" ] && [ \$i -lt 600 ]; do sleep 0.1; i=\$((i + 1)); done
elif mkdir "$root/hook/second" 2>/dev/null; then
	sleep 1
fi
EOF
	chmod +x "$root/srv/casussen.git/hooks/pre-receive"
	cd "$root/ann" && as_ann "$AMM" spin financien "schuld van 9500 euro" >/dev/null
	cd "$root/bob" && as_bob "$AMM" spin wonen "huur 987 euro per maand" >/dev/null
	local a b
	(cd "$root/ann" && as_ann "$AMM" sync >"$root/ann.out" 2>&1 </dev/null; echo $? >"$root/ann.rc") &
	a=$!
	sleep 0.4
	(cd "$root/bob" && as_bob "$AMM" sync >"$root/bob.out" 2>&1 </dev/null; echo $? >"$root/bob.rc") &
	b=$!
	wait "$a" "$b"
	compare "exit codes" <(cat "$root/ann.rc" "$root/bob.rc") "0
0
"
	grep -q "opnieuw samengevoegd" "$root/ann.out" "$root/bob.out" ||
		fail "no push was retried: $(cat "$root/ann.out" "$root/bob.out")"
	git --git-dir="$root/srv/casussen.git" show main:$casus/spin.ini >"$root/spin.ini"
	grep -qx "financien = schuld van 9500 euro" "$root/spin.ini" || fail "server lacks Ann's"
	grep -qx "wonen = huur 987 euro per maand" "$root/spin.ini" || fail "server lacks Bob's"
	stop_daemon
	expect_server_fsck
}

test_both_make_a_casus() {
	new_server
	team "file://$root/srv/casussen.git"
	cd "$root/ann" && as_ann "$AMM" nieuw --alias "Fam. A." >/dev/null && as_ann "$AMM" sync >/dev/null
	cd "$root/bob" && as_bob "$AMM" nieuw --alias "Fam. B." >/dev/null
	as_bob run sync
	expect_exit 0
	expect_stdout "Samengevoegd met origin/main.
  casus 2026-002 (mijn) is nu 2026-003: beide kanten maakten een nieuwe casus 2026-002
Gedeeld met origin/main.
"
	compare "casussen" <(grep -h -E '^(id|alias) =' casussen/2026/*/casus.ini) "id = 2026-001
alias = Fam. J.
id = 2026-002
alias = Fam. A.
id = 2026-003
alias = Fam. B.
"
	[ -z "$(git status --porcelain)" ] || fail "work tree not clean: $(git status --porcelain)"
	run check --alle
	[ "$rc" -le 1 ] || fail "amm check --alle exited $rc: $(cat "$err")"
	expect_server_fsck
}

sshd() {
	cat >"$root/ssh/config" <<EOF
ListenAddress 127.0.0.1
Port $port
HostKey $root/ssh/hostkey
AuthorizedKeysFile $root/ssh/authorized_keys
StrictModes no
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
PidFile $root/ssh/pid
EOF
	: >"$root/ssh/log"
	exec timeout 120 /usr/sbin/sshd -D -e -f "$root/ssh/config" 2>"$root/ssh/log"
}
sshd_ready() { grep -q "Server listening" "$root/ssh/log"; }

# sshd with its own host key; the user's key in $HOME/.ssh.
start_sshd() {
	if [ "$(id -u)" -ne 0 ] || [ ! -x /usr/sbin/sshd ] || ! command -v ssh-keygen >/dev/null; then
		skip "needs root and openssh-server (tools/install-deps.sh installs it)"
		return 1
	fi
	mkdir -p /run/sshd "$HOME/.ssh" "$root/ssh"
	ssh-keygen -q -t ed25519 -N '' -f "$root/ssh/hostkey" &&
		ssh-keygen -q -t ed25519 -N '' -f "$HOME/.ssh/id_ed25519" || fail "ssh-keygen failed"
	cp "$HOME/.ssh/id_ed25519.pub" "$root/ssh/authorized_keys"
	if ! serve sshd sshd_ready; then
		fail "sshd did not start: $(cat "$root/ssh/log")"
		return 1
	fi
	url="ssh://$(id -un)@127.0.0.1:$port$root/srv/casussen.git"
	host="[127.0.0.1]:$port"
}

test_over_ssh() {
	new_server
	start_sshd || return 0
	# A server whose key is not known is not trusted.
	run init ann --remote "$url"
	expect_exit 6
	expect_stderr "amm: de casusrepository staat klaar, maar delen via $url lukte niet (probeer het later met 'amm sync'): $url is niet vertrouwd: de sleutel van de server is onbekend of veranderd; controleer hem en zet hem in ~/.ssh/known_hosts (bijvoorbeeld door één keer 'ssh' naar de server te doen)
"
	echo "$host $(cat "$root/ssh/hostkey.pub")" >"$HOME/.ssh/known_hosts"
	cd ann || exit 1
	as_ann "$AMM" nieuw --alias "Fam. J." >/dev/null
	as_ann run sync
	expect_exit 0
	expect_stdout "Gedeeld met origin/main.
"
	cd "$root" || exit 1
	as_bob run kloon "$url" bob
	expect_exit 0
	cd bob && as_bob "$AMM" spin wonen "huur 987 euro per maand" >/dev/null
	as_bob run sync
	expect_exit 0
	cd "$root/ann" && as_ann run sync
	expect_exit 0
	grep -qx "wonen = huur 987 euro per maand" $casus/spin.ini || fail "Ann lacks Bob's change"
	# Without a key that the server knows: a clear refusal.
	mv "$HOME/.ssh/id_ed25519" "$HOME/.ssh/weg"
	as_ann run sync
	expect_exit 6
	expect_stderr "amm: aanmelden bij $url is mislukt: geen ssh-sleutel werkte (ssh-agent, ~/.ssh/id_ed25519, ~/.ssh/id_ecdsa, ~/.ssh/id_rsa)
"
	stop_daemon
	expect_server_fsck
}

test_over_http_with_credentials() {
	new_server
	python3 "$here/githttp.py" "$root/srv" ann geheim "$root/port" &
	daemon_pid=$!
	for _ in $(seq 1 50); do
		[ -e "$root/port" ] && break
		sleep 0.1
	done
	[ -e "$root/port" ] || { fail "the HTTP server did not start"; return; }
	url="http://127.0.0.1:$(cat "$root/port")/casussen.git"
	run init ann --remote "$url"
	expect_exit 6
	expect_stderr_has "aanmelden bij $url is mislukt: geen gebruikersnaam en wachtwoord: zet AMM_GEBRUIKER en AMM_WACHTWOORD, of GIT_ASKPASS"
	cd ann || exit 1
	AMM_GEBRUIKER=ann AMM_WACHTWOORD=fout run sync
	expect_exit 6
	expect_stderr "amm: aanmelden bij $url is mislukt: de server wees de gebruikersnaam of het wachtwoord af
"
	AMM_GEBRUIKER=ann AMM_WACHTWOORD=geheim run sync
	expect_exit 0
	expect_stdout "Gedeeld met origin/main.
"
	# An askpass program answers both questions.
	printf '#!/bin/sh\ncase "$1" in Gebruikersnaam*) echo ann ;; *) echo geheim ;; esac\n' \
		>"$root/askpass"
	chmod +x "$root/askpass"
	cd "$root" || exit 1
	GIT_ASKPASS=$root/askpass run kloon "$url" bob
	expect_exit 0
	expect_stdout_has "Gekloond naar $root/bob/"
	stop_daemon
	expect_server_fsck
}

test_errors() {
	new_repo
	run sync
	expect_exit 4
	expect_stderr "amm: er is geen remote 'origin'; koppel de casusrepository aan een server met 'git remote add origin URL' of begin met 'amm kloon URL'
"
	run sync --kies mijn
	expect_exit 4
	expect_stderr "amm: er zijn geen conflicten om op te lossen
"
	run sync een twee
	expect_exit 2
	# A conflict list that cannot be read stops sync and --kies (it is not "no conflicts").
	mkdir .git/amm-conflicten
	run sync --kies mijn
	expect_exit 6
	expect_stderr "amm: kan de lijst met conflicten van de laatste sync ($root/repo/.git/amm-conflicten) niet lezen: is een map (Is a directory)
"
	rmdir .git/amm-conflicten
	git remote add origin "$root/nergens.git"
	run sync
	expect_exit 6
	expect_stderr_has "amm: verbinden met $root/nergens.git lukte niet: "
	# Nothing listens on port 9 of 127.0.0.1.
	git remote set-url origin "git://127.0.0.1:9/casussen.git"
	run sync
	expect_exit 6
	cd "$root" || exit 1
	run kloon
	expect_exit 2
	expect_stderr "amm: gebruik: amm kloon URL [PAD] [-q]; zie 'amm kloon --help'
"
	run kloon "file://$root/nergens.git" leeg
	expect_exit 6
	[ -e leeg ] && fail "a failed clone left a folder behind"
	mkdir vol && touch vol/iets
	run kloon "file://$root/repo" vol
	expect_exit 3
	expect_stderr "amm: 'vol' bestaat al en is niet leeg; kies een andere map
"
	# A plain git repository is cloned, but said not to be a casus repository.
	git init -q gewoon && git -C gewoon commit -q --allow-empty -m leeg
	run kloon "$root/gewoon" kopie
	expect_exit 3
	expect_stderr "amm: kopie is gekloond, maar het is geen casusrepository (amm.ini ontbreekt); is de server nog leeg, begin dan met 'amm init --remote URL'
"
}

run_tests test_init_remote_and_kloon test_init_remote_quiet test_kloon_progress_on_a_terminal test_merge_over_git_daemon test_conflict_and_choice \
	test_push_race_is_retried test_both_make_a_casus test_over_ssh \
	test_over_http_with_credentials test_errors
