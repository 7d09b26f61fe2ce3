/* The repository's configuration and identity: amm.ini present, its numbers, the id kept. */
#include "helpers.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "casus.h"
#include "inidoc.h"
#include "util.h"

static struct amm_snap *
head(struct th_repo *r)
{
	struct amm_snap *snap = NULL;

	assert_ok(amm_snap_open(&snap, r->st, NULL));
	return snap;
}

/* The first 32 hex digits of the repository's first commit. */
static char *
root32(struct th_repo *r)
{
	return th_sh_out("git -C '%s' rev-list --max-parents=0 HEAD | cut -c1-32 | tr -d '\\n'",
	                 r->dir);
}

static void
test_repo_check_and_load(void **state)
{
	struct th_repo *r = *state;
	const char *gone[] = {"amm.ini", NULL, NULL};
	struct amm_snap *snap = head(r);
	struct amm_ini *cfg = NULL;
	amm_error *err;

	assert_ok(amm_repo_check(snap, r->dir));
	assert_ok(amm_config_load(snap, &cfg));
	assert_string_equal(amm_ini_str(cfg, "amm", "versie"), "1");
	amm_ini_free(cfg);
	amm_snap_free(snap);
	th_commit_files(r->st, gone);
	snap = head(r);
	err = amm_repo_check(snap, "/ergens");
	assert_non_null(err);
	assert_int_equal(err->code, AMM_EXIT_NOTFOUND);
	assert_non_null(strstr(err->msg, "/ergens"));
	amm_error_free(err);
	assert_err(amm_config_load(snap, &cfg), AMM_EXIT_NOTFOUND);
	assert_null(cfg);
	amm_snap_free(snap);
}

static void
test_config_number(void **state)
{
	const char *text =
	    "[check]\nvier = 4\nnul = 0\nleeg =\nmin = -2\nwoord = vier\nhalf = 4x\n";
	struct amm_ini *cfg = NULL;

	(void)state;
	assert_ok(amm_ini_parse(&cfg, "amm.ini", text, strlen(text)));
	assert_int_equal(amm_config_number(cfg, "check", "vier", 3), 4);
	assert_int_equal(amm_config_number(cfg, "check", "nul", 3), 0);
	/* Empty, negative, not a number or absent: the default. */
	assert_int_equal(amm_config_number(cfg, "check", "leeg", 3), 3);
	assert_int_equal(amm_config_number(cfg, "check", "min", 3), 3);
	assert_int_equal(amm_config_number(cfg, "check", "woord", 3), 3);
	assert_int_equal(amm_config_number(cfg, "check", "half", 3), 3);
	assert_int_equal(amm_config_number(cfg, "check", "geen", 6), 6);
	assert_int_equal(amm_config_number(cfg, "anders", "vier", 6), 6);
	assert_int_equal(amm_config_number(NULL, "check", "vier", 6), 6);
	amm_ini_free(cfg);
}

static void
test_repo_id(void **state)
{
	struct th_repo *r = *state;
	const char *text = "[amm]\nid = 0123456789abcdef0123456789abcdef\n";
	struct amm_snap *snap = head(r);
	struct amm_ini *cfg = NULL;
	char *id = NULL, *want = root32(r);

	/* None stored: the first commit's. */
	assert_ok(amm_config_load(snap, &cfg));
	assert_ok(amm_repo_id(snap, cfg, &id));
	assert_int_equal(strlen(want), 32);
	assert_string_equal(id, want);
	free(id);
	amm_ini_free(cfg);
	/* Stored: that one. */
	assert_ok(amm_ini_parse(&cfg, "amm.ini", text, strlen(text)));
	assert_ok(amm_repo_id(snap, cfg, &id));
	assert_string_equal(id, "0123456789abcdef0123456789abcdef");
	free(id);
	amm_ini_free(cfg);
	amm_snap_free(snap);
	free(want);
}

static void
test_repo_id_new(void **state)
{
	char a[33], b[33];

	(void)state;
	assert_ok(amm_repo_id_new(a));
	assert_ok(amm_repo_id_new(b));
	assert_int_equal(strlen(a), 32);
	assert_int_equal(strspn(a, "0123456789abcdef"), 32);
	assert_string_not_equal(a, b);
}

static amm_error *
store_fn(struct amm_tx *tx, void *arg)
{
	(void)arg;
	amm_tx_message(tx, NULL, "test", "identiteit");
	return amm_repo_id_store(tx);
}

static void
test_repo_id_store(void **state)
{
	struct th_repo *r = *state;
	char *want = root32(r), *text, *line;
	bool committed;

	/* Changed by hand and not committed: left for a later write. */
	assert_int_equal(th_sh("echo '; eigen' >>'%s/amm.ini'", r->dir), 0);
	assert_ok(amm_store_update(r->st, store_fn, NULL, &committed));
	assert_false(committed);
	assert_int_equal(th_sh("git -C '%s' checkout -q amm.ini", r->dir), 0);
	/* Stored once, with a note in the commit message. */
	assert_ok(amm_store_update(r->st, store_fn, NULL, &committed));
	assert_true(committed);
	text = th_sh_out("git -C '%s' show HEAD:amm.ini", r->dir);
	line = amm_asprintf("id = %s\n", want);
	assert_non_null(strstr(text, line));
	free(text);
	text = th_sh_out("git -C '%s' log -1 --format=%%b", r->dir);
	assert_non_null(strstr(text, "id van de casusrepository vastgelegd"));
	free(text);
	assert_ok(amm_store_update(r->st, store_fn, NULL, &committed));
	assert_false(committed);
	free(line);
	free(want);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_repo_check_and_load, th_repo_setup,
	                                    th_repo_teardown),
	    cmocka_unit_test(test_config_number),
	    cmocka_unit_test_setup_teardown(test_repo_id, th_repo_setup, th_repo_teardown),
	    cmocka_unit_test(test_repo_id_new),
	    cmocka_unit_test_setup_teardown(test_repo_id_store, th_repo_setup, th_repo_teardown),
	};
	int rc;

	umask(077);
	rc = cmocka_run_group_tests(tests, th_git_setup, th_git_teardown);
	return rc;
}
