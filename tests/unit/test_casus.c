/* The casus model: ids, allocation under concurrency, selection, loading and progress. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "casus.h"
#include "util.h"

static void
add_casus(struct amm_store *st, const char *id, const char *status)
{
	char *path = amm_asprintf("casussen/%.4s/%s/casus.ini", id, id);
	char *text = amm_asprintf("[casus]\nid = %s\nstatus = %s\n", id, status);
	const char *pairs[] = {path, text, NULL};

	th_commit_files(st, pairs);
	free(path);
	free(text);
}

static struct amm_snap *
head(struct th_repo *f)
{
	struct amm_snap *snap = NULL;

	assert_ok(amm_snap_open(&snap, f->st, NULL));
	return snap;
}

static void
test_id_syntax(void **state)
{
	char *p;

	(void)state;
	assert_true(amm_casus_id_valid("2026-001"));
	assert_true(amm_casus_id_valid("2026-1000"));
	assert_false(amm_casus_id_valid("2026-01"));
	assert_false(amm_casus_id_valid("../x"));
	assert_false(amm_casus_id_valid("2026-001/.."));
	assert_false(amm_casus_id_valid("/etc/passwd"));
	assert_false(amm_casus_id_valid(""));
	assert_false(amm_casus_id_valid("2026_001"));
	p = amm_casus_path("2026-007", AMM_DEEL_SPIN);
	assert_string_equal(p, "casussen/2026/2026-007/spin.ini");
	free(p);
}

static void
test_ids_and_next(void **state)
{
	struct th_repo *f = *state;
	struct amm_strlist ids = {0};
	struct amm_snap *snap = head(f);
	char *id;

	assert_ok(amm_casus_next_id(snap, 2026, &id));
	assert_string_equal(id, "2026-001");
	free(id);
	amm_snap_free(snap);
	add_casus(f->st, "2026-999", "open");
	add_casus(f->st, "2025-004", "afgesloten");
	add_casus(f->st, "2026-1000", "open");
	add_casus(f->st, "2026-002", "open");
	snap = head(f);
	assert_ok(amm_casus_next_id(snap, 2026, &id));
	assert_string_equal(id, "2026-1001");
	free(id);
	assert_ok(amm_casus_next_id(snap, 2025, &id));
	assert_string_equal(id, "2025-005");
	free(id);
	assert_ok(amm_casus_ids(snap, &ids));
	assert_int_equal(ids.len, 4);
	assert_string_equal(ids.items[0], "2025-004");
	assert_string_equal(ids.items[1], "2026-002");
	assert_string_equal(ids.items[2], "2026-999");
	assert_string_equal(ids.items[3], "2026-1000");
	amm_strlist_free(&ids);
	amm_snap_free(snap);
}

static amm_error *
allocate_fn(struct amm_tx *tx, void *arg)
{
	char *id = NULL, *path, *text;
	amm_error *err;

	(void)arg;
	err = amm_casus_next_id(amm_tx_snap(tx), 2026, &id);
	if (err != NULL)
		return err;
	path = amm_casus_path(id, AMM_DEEL_CASUS);
	text = amm_asprintf("[casus]\nid = %s\nstatus = open\n", id);
	amm_tx_write(tx, path, text, strlen(text));
	amm_tx_message(tx, id, "casus", "nieuwe casus");
	free(id);
	free(path);
	free(text);
	return NULL;
}

static void
test_concurrent_allocation(void **state)
{
	struct th_repo *f = *state;
	enum { CHILDREN = 6, EACH = 4 };
	struct amm_strlist ids = {0};
	struct amm_snap *snap;
	pid_t pids[CHILDREN];

	for (int c = 0; c < CHILDREN; c++) {
		pids[c] = fork();
		assert_true(pids[c] >= 0);
		if (pids[c] == 0) {
			struct amm_store *st = NULL;
			int rc = amm_store_open(&st, f->dir) != NULL;

			for (int i = 0; i < EACH && rc == 0; i++) {
				bool committed;
				amm_error *err =
				    amm_store_update(st, allocate_fn, NULL, &committed);

				rc = err != NULL;
				amm_error_free(err);
			}
			amm_store_free(st);
			_exit(rc);
		}
	}
	for (int c = 0; c < CHILDREN; c++) {
		int status;

		waitpid(pids[c], &status, 0);
		assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	snap = head(f);
	assert_ok(amm_casus_ids(snap, &ids));
	assert_int_equal(ids.len, CHILDREN * EACH);
	for (size_t i = 0; i < ids.len; i++) {
		char want[32];

		snprintf(want, sizeof(want), "2026-%03u", (unsigned)(i + 1) % 1000);
		assert_string_equal(ids.items[i], want);
	}
	amm_strlist_free(&ids);
	amm_snap_free(snap);
}

static void
expect_select(struct th_repo *f, const char *explicit_id, const char *env, const char *cwd,
              const char *want)
{
	struct amm_snap *snap = head(f);
	char *id = NULL;

	assert_ok(amm_casus_select(snap, explicit_id, env, cwd, &id));
	assert_string_equal(id, want);
	free(id);
	amm_snap_free(snap);
}

static void
test_selection(void **state)
{
	struct th_repo *f = *state;
	struct amm_snap *snap = head(f);
	char *id = NULL;
	amm_error *err;

	err = amm_casus_select(snap, NULL, NULL, "", &id);
	assert_non_null(err);
	assert_int_equal(err->code, AMM_EXIT_USAGE);
	assert_non_null(strstr(err->msg, "amm nieuw"));
	amm_error_free(err);
	amm_snap_free(snap);

	add_casus(f->st, "2026-001", "open");
	add_casus(f->st, "2026-002", "afgesloten");
	expect_select(f, NULL, NULL, "", "2026-001");
	expect_select(f, NULL, "", NULL, "2026-001");
	add_casus(f->st, "2026-003", "open");
	snap = head(f);
	err = amm_casus_select(snap, NULL, NULL, "", &id);
	assert_non_null(err);
	assert_int_equal(err->code, AMM_EXIT_USAGE);
	assert_non_null(strstr(err->msg, "--casus"));
	amm_error_free(err);
	assert_err(amm_casus_select(snap, "2026-009", NULL, NULL, &id), AMM_EXIT_NOTFOUND);
	assert_err(amm_casus_select(snap, "../../etc", NULL, NULL, &id), AMM_EXIT_INPUT);
	assert_err(amm_casus_select(snap, NULL, "2027-001", NULL, &id), AMM_EXIT_NOTFOUND);
	amm_snap_free(snap);
	/* --casus before $AMM_CASUS before the folder you stand in. */
	expect_select(f, "2026-002", "2026-003", "casussen/2026/2026-001", "2026-002");
	expect_select(f, NULL, "2026-003", "casussen/2026/2026-001", "2026-003");
	expect_select(f, NULL, NULL, "casussen/2026/2026-001", "2026-001");
	expect_select(f, NULL, NULL, "casussen/2026/2026-003/sub", "2026-003");
}

static void
test_load_and_progress(void **state)
{
	struct th_repo *f = *state;
	const char *pairs[] = {
	    "casussen/2026/2026-001/casus.ini",
	    "[casus]\nid = 2026-001\nalias = Fam. J.\nstatus = open\n",
	    "casussen/2026/2026-001/perspectief.md",
	    "# Perspectief\n<!-- amm:tekst -->\nIk wil een dak boven mijn hoofd.\n"
	    "<!-- /amm:tekst -->\n",
	    "casussen/2026/2026-001/spin.ini",
	    "[spin]\nprofiel = moeder, 2 kinderen\nfinancien = schuld 9.500 euro\nwonen =\n",
	    "casussen/2026/2026-001/analyse.ini",
	    "[analyse]\ngedeeld = 2026-11-20\n[probleem 1]\ntype = systeem\n[probleem 2]\n"
	    "status = verwijderd\n",
	    "casussen/2026/2026-001/stappen.ini",
	    "[stap 1]\ntekst = a\nstatus = klaar\n[stap 2]\ntekst = b\n[afspraak 1]\nstap = 2\n"
	    "wanneer = 2026-11-20\nstatus = open\n[afspraak 2]\nwanneer = 2026-12-20\n"
	    "[afspraak 3]\nwanneer = 2026-11-01\nstatus = klaar\n",
	    NULL,
	};
	struct amm_casus *casus = NULL;
	struct amm_voortgang v;
	struct amm_snap *snap;

	th_commit_files(f->st, pairs);
	snap = head(f);
	assert_ok(amm_casus_load(&casus, snap, "2026-001"));
	assert_string_equal(amm_casus_get(casus, "alias"), "Fam. J.");
	assert_string_equal(amm_casus_get(casus, "onbekend"), "");
	assert_true(amm_casus_is_open(casus));
	amm_casus_voortgang(casus, (struct amm_date){2026, 11, 24}, &v);
	assert_true(v.perspectief);
	assert_int_equal(v.spin_gevuld, 2);
	assert_int_equal(v.problemen, 1);
	assert_true(v.gedeeld);
	assert_int_equal(v.stappen, 2);
	assert_int_equal(v.stappen_open, 1);
	assert_int_equal(v.afspraken, 3);
	assert_int_equal(v.afspraken_open, 2);
	assert_int_equal(v.afspraken_te_laat, 1);
	assert_int_equal(v.evaluaties, 0);
	assert_int_equal(amm_voortgang_stappen(&v), 5);
	amm_casus_free(casus);
	/* Only what is asked for (and casus.ini): the rest reads as empty. */
	assert_ok(amm_casus_load_parts(&casus, snap, "2026-001", 1u << AMM_DEEL_STAPPEN));
	amm_casus_voortgang(casus, (struct amm_date){2026, 11, 24}, &v);
	assert_false(v.perspectief);
	assert_int_equal(v.spin_gevuld, 0);
	assert_int_equal(v.afspraken, 3);
	assert_string_equal(amm_casus_get(casus, "alias"), "Fam. J.");
	amm_casus_free(casus);
	assert_err(amm_casus_load(&casus, snap, "2026-002"), AMM_EXIT_NOTFOUND);
	amm_snap_free(snap);
}

static void
test_malformed_file(void **state)
{
	struct th_repo *f = *state;
	const char *pairs[] = {"casussen/2026/2026-001/casus.ini", "[casus]\nstatus = open\n",
	                       "casussen/2026/2026-001/spin.ini", "[spin\n", NULL};
	struct amm_casus *casus = NULL;
	struct amm_snap *snap;
	amm_error *err;

	th_commit_files(f->st, pairs);
	snap = head(f);
	err = amm_casus_load(&casus, snap, "2026-001");
	assert_non_null(err);
	assert_int_equal(err->code, AMM_EXIT_INPUT);
	assert_string_equal(err->msg, "casussen/2026/2026-001/spin.ini, regel 1: sectiekop zonder "
	                              "afsluitende ']'");
	amm_error_free(err);
	amm_snap_free(snap);
}

static void
test_text_check(void **state)
{
	(void)state;
	assert_ok(
	    amm_text_check("t", "Financiën\tregel\nnog een", strlen("Financiën\tregel\nnog een")));
	assert_err(amm_text_check("t", "\xc3(", 2), AMM_EXIT_INPUT);
	assert_err(amm_text_check("t", "esc \x1b[31m", 9), AMM_EXIT_INPUT);
	assert_err(amm_text_check("t", "a\0b", 3), AMM_EXIT_INPUT);
}

static void
test_lookups(void **state)
{
	struct amm_ini *ini = NULL;
	const char *text = "[stap 1]\n[afspraak 2]\n[stap 7]\nstatus = verwijderd\n[stap x]\n"
	                   "[stap 1234567]\n[stappen 3]\n[stap 03]\n";
	enum amm_deel d;
	char *sec = NULL;
	int *nrs;
	size_t n;

	(void)state;
	assert_string_equal(amm_spin_veld_find("financiën")->key, "financien");
	assert_string_equal(amm_spin_veld_find("Woonsituatie")->key, "wonen");
	assert_string_equal(amm_spin_veld_find("werk")->key, "dagbesteding");
	assert_string_equal(amm_spin_veld_find("netwerk formeel")->key, "netwerk");
	assert_string_equal(amm_spin_veld_find("hobby's")->key, "dagbesteding");
	assert_null(amm_spin_veld_find("schoenmaat"));
	assert_true(amm_deel_find("afspraken", &d));
	assert_int_equal(d, AMM_DEEL_STAPPEN);
	assert_true(amm_deel_find("perspectief.md", &d));
	assert_int_equal(d, AMM_DEEL_PERSPECTIEF);
	assert_false(amm_deel_find("../casus", &d));
	assert_ok(amm_ini_parse(&ini, "stappen.ini", text, strlen(text)));
	/* The numbered items of a kind, in file order: no other kind, no number of 7 digits. */
	amm_items(ini, "stap", &nrs, &n);
	assert_int_equal(n, 3);
	assert_int_equal(nrs[0], 1);
	assert_int_equal(nrs[1], 7);
	assert_int_equal(nrs[2], 3);
	free(nrs);
	amm_items(ini, "uitzondering", &nrs, &n);
	assert_int_equal(n, 0);
	free(nrs);
	/* Never reused: the removed step 7 still counts. */
	assert_int_equal(amm_item_next(ini, "stap"), 8);
	assert_int_equal(amm_item_next(ini, "afspraak"), 3);
	assert_int_equal(amm_item_next(ini, "evaluatie"), 1);
	assert_ok(amm_item_find(ini, "stap", "7", &sec));
	assert_string_equal(sec, "stap 7");
	free(sec);
	assert_err(amm_item_find(ini, "stap", "3", &sec), AMM_EXIT_NOTFOUND);
	assert_err(amm_item_find(ini, "stap", "x", &sec), AMM_EXIT_USAGE);
	assert_err(amm_item_find(ini, "stap", "-1", &sec), AMM_EXIT_USAGE);
	amm_ini_free(ini);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_id_syntax),
	    cmocka_unit_test_setup_teardown(test_ids_and_next, th_repo_setup, th_repo_teardown),
	    cmocka_unit_test_setup_teardown(test_concurrent_allocation, th_repo_setup,
	                                    th_repo_teardown),
	    cmocka_unit_test_setup_teardown(test_selection, th_repo_setup, th_repo_teardown),
	    cmocka_unit_test_setup_teardown(test_load_and_progress, th_repo_setup,
	                                    th_repo_teardown),
	    cmocka_unit_test_setup_teardown(test_malformed_file, th_repo_setup, th_repo_teardown),
	    cmocka_unit_test(test_text_check),
	    cmocka_unit_test(test_lookups),
	};
	umask(077);
	return cmocka_run_group_tests(tests, th_git_setup, th_git_teardown);
}
