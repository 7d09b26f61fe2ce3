/* The checks around the files of a casus: a BSN in the names of its files and in its history. */
#include "helpers.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "check.h"
#include "inidoc.h"
#include "util.h"

/* 111222333 passes the elfproef; 111222334 does not. */
#define BSN "111222333"

static void
add_casus(struct th_repo *r, const char *id)
{
	assert_int_equal(th_sh("cd '%s' && mkdir -p casussen/2026/%s && "
	                       "printf '[casus]\\nstatus = open\\n' >casussen/2026/%s/casus.ini && "
	                       "git add -A && git commit -qm '%s nieuw' -m 'AMM-Casus: %s'",
	                       r->dir, id, id, id, id),
	                 0);
}

/* The findings as "casus bestand: bericht" lines ("" for none), and free them. */
static char *
lines(struct amm_findings *f)
{
	struct amm_buf buf = {0};

	amm_buf_adds(&buf, "");
	for (size_t i = 0; i < f->len; i++) {
		assert_string_equal(f->items[i].rule->id, "bsn");
		amm_buf_addf(&buf, "%s %s: %s\n", f->items[i].casus, f->items[i].bestand,
		             f->items[i].bericht);
	}
	amm_findings_free(f);
	return amm_buf_detach(&buf, NULL);
}

static char *
names_of(struct th_repo *r, const char *id, const struct amm_ini *cfg)
{
	struct amm_findings f = {0};
	struct amm_snap *snap = NULL;
	struct amm_casus *c = NULL;

	assert_ok(amm_snap_open(&snap, r->st, NULL));
	assert_ok(amm_casus_load(&c, snap, id));
	amm_check_bsn_names(snap, c, cfg, &f);
	amm_casus_free(c);
	amm_snap_free(snap);
	return lines(&f);
}

static void
test_bsn_names(void **state)
{
	struct th_repo *r = *state;
	const char *allow = "[privacy]\nbsn = toestaan\n";
	struct amm_ini *cfg = NULL;
	char *text;

	add_casus(r, "2026-001");
	assert_int_equal(th_sh("cd '%s/casussen/2026/2026-001' && mkdir -p bijlagen/" BSN " && "
	                       "echo x >bijlagen/" BSN
	                       "/brief.txt && echo x >brief-111222334.txt && "
	                       "git add -A && git commit -qm bijlagen",
	                       r->dir),
	                 0);
	/* The folder counts once; a number that fails the elfproef is none. */
	text = names_of(r, "2026-001", NULL);
	assert_string_equal(text, "2026-001 bestandsnaam: de naam van een bestand of map bevat een "
	                          "burgerservicenummer\n");
	free(text);
	assert_ok(amm_ini_parse(&cfg, "amm.ini", allow, strlen(allow)));
	text = names_of(r, "2026-001", cfg);
	assert_string_equal(text, "");
	free(text);
	amm_ini_free(cfg);
	/* A casus whose number reads as a BSN (202600002 passes the elfproef). */
	add_casus(r, "2026-00002");
	text = names_of(r, "2026-00002", NULL);
	assert_string_equal(text, "2026-00002 bestandsnaam: het nummer van de casus is een "
	                          "burgerservicenummer\n");
	free(text);
}

static char *
history_of(struct th_repo *r, const char *const *ids, size_t n, const struct amm_ini *cfg)
{
	struct amm_strlist list = {0};
	struct amm_findings f = {0};

	for (size_t i = 0; i < n; i++)
		amm_strlist_add(&list, ids[i]);
	assert_ok(amm_check_bsn_history(r->st, &list, cfg, &f));
	amm_strlist_free(&list);
	return lines(&f);
}

static void
test_bsn_history(void **state)
{
	struct th_repo *r = *state;
	const char *const one[] = {"2026-001"}, *const both[] = {"2026-001", "2026-002"};
	const char *allow = "[privacy]\nbsn = toestaan\n";
	struct amm_ini *cfg = NULL;
	char *text, *want, *a, *b;

	add_casus(r, "2026-001");
	add_casus(r, "2026-002");
	/* One with the trailer, one that only its history names, one with no BSN. */
	assert_int_equal(th_sh("cd '%s/casussen/2026' && echo a >2026-001/a.txt && git add -A && "
	                       "git commit -qm 'klant " BSN "' -m 'AMM-Casus: 2026-001' && "
	                       "echo b >2026-002/b.txt && git add -A && git commit -qm 'bsn " BSN
	                       "' "
	                       "&& echo c >2026-002/c.txt && git add -A && git commit -qm schoon",
	                       r->dir),
	                 0);
	a = th_sh_out("git -C '%s' rev-parse --short=7 HEAD~2 | tr -d '\\n'", r->dir);
	b = th_sh_out("git -C '%s' rev-parse --short=7 HEAD~1 | tr -d '\\n'", r->dir);
	text = history_of(r, one, 1, NULL);
	want = amm_asprintf("2026-001 geschiedenis: het commitbericht van %s bevat een "
	                    "burgerservicenummer\n",
	                    a);
	assert_string_equal(text, want);
	free(text);
	free(want);
	/* One walk over all casussen: each commit to the casus it changed, newest first. */
	text = history_of(r, both, 2, NULL);
	want = amm_asprintf("2026-002 geschiedenis: het commitbericht van %s bevat een "
	                    "burgerservicenummer\n"
	                    "2026-001 geschiedenis: het commitbericht van %s bevat een "
	                    "burgerservicenummer\n",
	                    b, a);
	assert_string_equal(text, want);
	free(text);
	free(want);
	assert_ok(amm_ini_parse(&cfg, "amm.ini", allow, strlen(allow)));
	text = history_of(r, both, 2, cfg);
	assert_string_equal(text, "");
	free(text);
	amm_ini_free(cfg);
	text = history_of(r, both, 0, NULL);
	assert_string_equal(text, "");
	free(text);
	free(a);
	free(b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_bsn_names, th_repo_setup, th_repo_teardown),
	    cmocka_unit_test_setup_teardown(test_bsn_history, th_repo_setup, th_repo_teardown),
	};

	umask(077);
	return cmocka_run_group_tests(tests, th_git_setup, th_git_teardown);
}
