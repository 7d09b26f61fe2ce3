#!/usr/bin/env bash
# The harness itself (common.sh): a script's TAP report of passed, failed, skipped tests and of
# a test that stopped the script, and its exit code.
. "$(dirname "$0")/common.sh"

# Run a test script made of the test functions on stdin, ending with: run_tests $*.
script() {
	{
		echo ". '$AMM_SRC/tests/cli/common.sh'"
		cat
		echo "run_tests $*"
	} >"$root/script.sh"
	bash "$root/script.sh" >"$out" 2>"$err"
	rc=$?
	# The folder a failed script keeps differs per run.
	sed -i 's|data kept in .*|data kept in ROOT|' "$out" "$err"
}

test_passed_and_skipped() {
	script test_ok test_note test_skipped <<-'EOF'
		test_ok() { run --version; expect_exit 0; }
		test_note() { echo "een notitie"; echo "# al een commentaar"; }
		test_skipped() { skip "geen-programma is not installed"; return; }
	EOF
	expect_exit 0
	expect_stdout "1..3
ok 1 - test_ok
ok 2 - test_note
# een notitie
# al een commentaar
ok 3 - test_skipped # SKIP geen-programma is not installed
"
	expect_stderr ""
}

test_failed() {
	script test_fail test_skip_after_fail test_ok <<-'EOF'
		test_fail() { run --version; expect_exit 3; }
		test_skip_after_fail() { fail "het ging mis"; skip "te laat"; }
		test_ok() { :; }
	EOF
	expect_exit 1
	local failed="not ok 1 - test_fail
# exit code 0, expected 3 (stderr: )
not ok 2 - test_skip_after_fail
# het ging mis
"
	expect_stdout "1..3
${failed}ok 3 - test_ok
# 2 failure(s); data kept in ROOT
"
	expect_stderr "$failed"
}

test_compare_shows_a_diff() {
	script test_diff <<-'EOF'
		test_diff() { run --version; expect_stdout "amm 9"; }
	EOF
	expect_exit 1
	compare "the diff" <(sed -n '/differs/,/^# 1 failure/p' "$out") "# stdout differs:
#     --- expected
#     +++ actual
#     @@ -1 +1 @@
#     -amm 9
#     \\ No newline at end of file
#     +$("$AMM" --version)
# 1 failure(s); data kept in ROOT
"
}

test_exit_in_a_test() {
	script test_exit test_never <<-'EOF'
		test_exit() { echo "halverwege"; exit 0; }
		test_never() { :; }
	EOF
	expect_exit 1
	expect_stdout "1..2
not ok 1 - test_exit
# halverwege
# the script stopped in this test (exit 0); data kept in ROOT
"
}

run_tests test_passed_and_skipped test_failed test_compare_shows_a_diff test_exit_in_a_test
