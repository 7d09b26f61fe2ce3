/* What sync does with its conflict list (.git/amm-conflicten): kept, pruned, resolved. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sync.h"
#include "sync_conflicts.h"
#include "util.h"

#define CONFLICTED "[s]\na = van b\n\n[conflict s.a]\nmijn = van b\nhun = van a\n"

static void
test_note_adds_a_file_once(void **state)
{
	struct th_repo *r = *state;
	char *text;

	assert_ok(amm_sync_conflict_note(r->st, "a.ini"));
	assert_ok(amm_sync_conflict_note(r->st, "b.md"));
	assert_ok(amm_sync_conflict_note(r->st, "a.ini"));
	text = th_conflict_list(r);
	assert_string_equal(text, "a.ini\nb.md\n");
	free(text);
}

static void
test_pending_keeps_what_is_still_conflicted(void **state)
{
	struct th_repo *r = *state;
	struct amm_strlist pending = {0};
	struct amm_snap *head = NULL;
	char *text;

	th_write(r->st, "k.ini", CONFLICTED);
	th_write(r->st, "opgelost.ini", "[s]\na = van b\n");
	assert_ok(amm_sync_conflict_note(r->st, "k.ini"));
	assert_ok(amm_sync_conflict_note(r->st, "opgelost.ini"));
	assert_ok(amm_sync_conflict_note(r->st, "weg.ini"));
	assert_ok(amm_snap_open(&head, r->st, NULL));
	assert_ok(amm_conflict_list_pending(r->st, head, &pending));
	assert_int_equal(pending.len, 1);
	assert_string_equal(pending.items[0], "k.ini");
	text = th_conflict_list(r);
	assert_string_equal(text, "k.ini\n");
	free(text);
	amm_snap_free(head);
	amm_strlist_free(&pending);
}

static void
test_resolve_empties_the_list(void **state)
{
	struct th_repo *r = *state;
	struct amm_strlist resolved = {0};
	char *text;

	assert_err(amm_sync_resolve(r->st, true, NULL, &resolved), AMM_EXIT_NOTFOUND);
	th_write(r->st, "k.ini", CONFLICTED);
	assert_ok(amm_sync_conflict_note(r->st, "k.ini"));
	assert_err(amm_sync_resolve(r->st, true, "ander.ini", &resolved), AMM_EXIT_NOTFOUND);
	assert_ok(amm_sync_resolve(r->st, false, "k.ini", &resolved));
	assert_int_equal(resolved.len, 1);
	assert_string_equal(resolved.items[0], "k.ini");
	text = th_sh_out("cat '%s/k.ini'; git -C '%s' log -1 --format=%%s", r->dir, r->dir);
	assert_string_equal(text, "[s]\na = van a\nsync: conflicten opgelost (hun): k.ini\n");
	free(text);
	text = th_conflict_list(r);
	assert_string_equal(text, "");
	free(text);
	amm_strlist_free(&resolved);
}

/* A list that cannot be read is an error, not "no conflicts": sync must not share then. */
static void
test_unreadable_list_is_an_error(void **state)
{
	struct th_repo *r = *state;
	struct amm_strlist resolved = {0};
	struct amm_sync_report rep = {0};
	char *server = amm_asprintf("%s/server.git", r->dir), *text;

	assert_int_equal(th_sh("git init -q --bare '%s'", server), 0);
	assert_ok(amm_sync_set_remote(r->st, "origin", server));
	assert_int_equal(th_sh("mkdir '%s/.git/amm-conflicten'", r->dir), 0);
	assert_err(amm_sync_resolve(r->st, true, NULL, &resolved), AMM_EXIT_SYSTEM);
	assert_err(amm_sync_conflict_note(r->st, "k.ini"), AMM_EXIT_SYSTEM);
	assert_err(amm_sync(r->st, "origin", NULL, &rep), AMM_EXIT_SYSTEM);
	assert_false(rep.pushed);
	text = th_sh_out("git -C '%s' for-each-ref | wc -l", server);
	assert_string_equal(text, "0\n");
	free(text);
	amm_sync_report_free(&rep);
	free(server);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_note_adds_a_file_once, th_repo_setup,
	                                    th_repo_teardown),
	    cmocka_unit_test_setup_teardown(test_pending_keeps_what_is_still_conflicted,
	                                    th_repo_setup, th_repo_teardown),
	    cmocka_unit_test_setup_teardown(test_resolve_empties_the_list, th_repo_setup,
	                                    th_repo_teardown),
	    cmocka_unit_test_setup_teardown(test_unreadable_list_is_an_error, th_repo_setup,
	                                    th_repo_teardown),
	};

	return cmocka_run_group_tests(tests, th_git_setup, th_git_teardown);
}
