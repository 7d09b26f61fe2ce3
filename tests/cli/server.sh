# Servers for the CLI tests of amm sync and amm vergeet, on 127.0.0.1 only, stopped by the
# test and after 120 s at the latest. Sourced after common.sh;
# the test defines new_server, which makes $root/srv/casussen.git.
daemon_pid=""

# Start a server on a free port of 127.0.0.1: $1 runs it on $port (exec, so that daemon_pid is
# the server), $2 says when it listens. The servers stop after 120 s at the latest.
serve() {
	local start=$1 ready=$2
	for _ in 1 2 3 4 5; do
		port=$((20000 + RANDOM % 20000))
		"$start" &
		daemon_pid=$!
		for _ in $(seq 1 50); do
			"$ready" && return 0
			kill -0 "$daemon_pid" 2>/dev/null || break
			sleep 0.1
		done
		stop_daemon
	done
	return 1
}

git_daemon() {
	exec timeout 120 git daemon --base-path="$root/srv" --export-all --enable=receive-pack \
		--listen=127.0.0.1 --port="$port" --reuseaddr "$root/srv" 2>"$root/daemon.log"
}
git_daemon_ready() { git ls-remote "git://127.0.0.1:$port/casussen.git" >/dev/null 2>&1; }

# git daemon, receive-pack on, serving the new server.
start_daemon() {
	new_server
	if ! serve git_daemon git_daemon_ready; then
		fail "git daemon did not start: $(cat "$root/daemon.log")"
		return 1
	fi
	url="git://127.0.0.1:$port/casussen.git"
}

stop_daemon() {
	[ -n "$daemon_pid" ] || return 0
	kill "$daemon_pid" 2>/dev/null
	wait "$daemon_pid" 2>/dev/null
	daemon_pid=""
}
cleanup+=(stop_daemon)
