/* The summary of every casus: built from the models, reused by tree id, rebuilt after damage. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "summary.h"

static const struct amm_date today = {2026, 11, 24};

#define CASUS(id, alias)                                                                           \
	"[casus]\nid = " id "\nalias = " alias "\nstatus = open\ngeopend = 2026-01-05\n"           \
	"casusinbrenger = Sanne de Vries\nmaatwerkcoach = Els\n"

static void
two_casussen(struct amm_store *st)
{
	const struct th_file files[] = {
	    {"casussen/2026/2026-001/casus.ini", CASUS("2026-001", "Fam. J.")},
	    {"casussen/2026/2026-001/stappen.ini",
	     "[stap 1]\ntekst = Schuldhulp\nstatus = open\n[afspraak 1]\nstap = 1\nwie = Fatima\n"
	     "wat = belt\nwanneer = 2026-11-20\nstatus = open\n[afspraak 2]\nstap = 1\nwie = "
	     "Karim\n"
	     "wat = zoekt op\nwanneer = 2026-10-01\nstatus = klaar\n"},
	    {"casussen/2026/2026-001/team.ini", "[lid 1]\nnaam = Ahmed\nrol = lid\n"},
	    {"casussen/2026/2026-002/casus.ini", CASUS("2026-002", "Dhr. K.")},
	    {NULL, NULL},
	};

	th_commit(st, files);
}

/* Read the summary of HEAD; how many casussen were loaded through the model. */
static size_t
read_sum(struct th_repo *f, struct amm_summary *sum)
{
	struct amm_snap *head = NULL;

	assert_ok(amm_snap_open(&head, f->st, NULL));
	assert_ok(amm_summary_read(sum, f->st, head, today));
	amm_snap_free(head);
	return sum->loaded;
}

static char *
file_path(const struct th_repo *f)
{
	return amm_asprintf("%s/.git/" AMM_SUMMARY_FILE, f->dir);
}

/* What a read shows of the first casus: the same whatever the file held. */
static void
expect_first(const struct amm_summary *sum)
{
	const struct amm_summary_casus *s = &sum->items[0];

	assert_int_equal(sum->len, 2);
	assert_string_equal(s->id, "2026-001");
	assert_null(s->fout);
	assert_string_equal(s->alias, "Fam. J.");
	assert_string_equal(s->status, "open");
	assert_true(s->open);
	assert_string_equal(s->inbrenger, "Sanne de Vries");
	assert_int_equal(s->v.stappen, 1);
	assert_int_equal(s->v.afspraken, 2);
	assert_int_equal(s->v.afspraken_open, 1);
	assert_int_equal(s->v.afspraken_te_laat, 1);
	assert_true(amm_summary_noemt(s, "fatima"));
	assert_true(amm_summary_noemt(s, "AHMED"));
	assert_true(amm_summary_noemt(s, "els"));
	assert_false(amm_summary_noemt(s, "Karim")); /* only the wie of an open agreement */
	assert_string_equal(sum->items[1].id, "2026-002");
	assert_string_equal(sum->items[1].alias, "Dhr. K.");
	assert_int_equal(sum->items[1].v.afspraken_te_laat, 0);
}

static void
test_build_and_reuse(void **state)
{
	struct th_repo *f = *state;
	struct amm_summary sum;
	char *path = file_path(f);
	struct stat sb;

	two_casussen(f->st);
	assert_int_equal(read_sum(f, &sum), 2);
	expect_first(&sum);
	amm_summary_free(&sum);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	/* Nothing changed: every summary reused. */
	assert_int_equal(read_sum(f, &sum), 0);
	expect_first(&sum);
	amm_summary_free(&sum);
	/* One casus changed: only that one is loaded again. */
	th_write(f->st, "casussen/2026/2026-002/casus.ini", CASUS("2026-002", "Mw. L."));
	assert_int_equal(read_sum(f, &sum), 1);
	assert_string_equal(sum.items[1].alias, "Mw. L.");
	amm_summary_free(&sum);
	assert_int_equal(read_sum(f, &sum), 0);
	assert_string_equal(sum.items[1].alias, "Mw. L.");
	amm_summary_free(&sum);
	/* A casus that is gone leaves the file. */
	th_write(f->st, "casussen/2026/2026-002/casus.ini", NULL);
	assert_int_equal(read_sum(f, &sum), 0);
	assert_int_equal(sum.len, 1);
	amm_summary_free(&sum);
	assert_int_equal(th_sh("grep -q 2026-002 '%s'", path), 1);
	free(path);
}

/* Damage the file with a shell command ($S: its path); the next read loads everything and shows the
 * same. */
static void
expect_rebuilt(struct th_repo *f, const char *damage)
{
	struct amm_summary sum;
	char *path = file_path(f);

	setenv("S", path, 1);
	assert_int_equal(th_sh("%s", damage), 0);
	assert_int_equal(read_sum(f, &sum), 2);
	expect_first(&sum);
	amm_summary_free(&sum);
	free(path);
}

static void
test_damage_is_never_trusted(void **state)
{
	struct th_repo *f = *state;
	struct amm_summary sum;

	two_casussen(f->st);
	read_sum(f, &sum);
	amm_summary_free(&sum);
	/* A flipped byte in a summary: Fam. J. becomes Fam. K. */
	expect_rebuilt(f, "sed -i 's/Fam. J./Fam. K./' \"$S\"");
	/* Truncated, as a killed writer would leave it without the rename. */
	expect_rebuilt(f, "truncate -s -40 \"$S\"");
	expect_rebuilt(f, "truncate -s 0 \"$S\"");
	/* Of another format version. */
	expect_rebuilt(f, "sed -i '1s/^amm-overzicht 1 /amm-overzicht 2 /' \"$S\"");
	/* Only a header. */
	expect_rebuilt(f, "head -n 1 \"$S\" > \"$S.x\" && mv \"$S.x\" \"$S\"");
	/* Gone. */
	expect_rebuilt(f, "rm \"$S\"");
	/* A folder in its place: read without, every time. */
	expect_rebuilt(f, "rm \"$S\" && mkdir \"$S\"");
	expect_rebuilt(f, "test -d \"$S\"");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_build_and_reuse, th_repo_setup, th_repo_teardown),
	    cmocka_unit_test_setup_teardown(test_damage_is_never_trusted, th_repo_setup,
	                                    th_repo_teardown),
	};

	th_env();
	return cmocka_run_group_tests(tests, th_git_setup, th_git_teardown);
}
