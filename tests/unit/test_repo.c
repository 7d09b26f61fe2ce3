/* The repository (repo.c): open, create, make amm's, amm's files under .git, who commits. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "store_priv.h"
#include "util.h"

/* Created once; opened again it is the same repository, prepared only once. */
static void
test_init_and_open(void **state)
{
	char *dir = th_tmpdir();
	char *sub = amm_asprintf("%s/a/b", dir);
	struct amm_store *st = NULL;
	bool created = false;
	char *out;

	(void)state;
	assert_ok(amm_store_init(&st, dir, &created));
	assert_true(created);
	out = amm_asprintf("%s/", dir);
	assert_string_equal(amm_store_workdir(st), out);
	free(out);
	amm_store_free(st);
	assert_ok(amm_store_init(&st, dir, &created));
	assert_false(created);
	amm_store_free(st);
	/* The branch is main; files for the owner only; the temporary files ignored, once. */
	out = th_sh_out("git -C '%s' symbolic-ref HEAD; git -C '%s' config core.sharedRepository;"
	                " grep -c amm-tmp '%s/.git/info/exclude'",
	                dir, dir, dir);
	assert_string_equal(out, "refs/heads/main\n0600\n1\n");
	free(out);
	/* Opened from a folder inside the work tree. */
	assert_int_equal(th_sh("mkdir -p '%s'", sub), 0);
	assert_ok(amm_store_open(&st, sub));
	out = amm_asprintf("%s/", dir);
	assert_string_equal(amm_store_workdir(st), out);
	free(out);
	amm_store_free(st);
	th_rm_rf(dir);
	free(sub);
	free(dir);
}

/* No repository: not found; a bare one: refused as input. */
static void
test_open_refused(void **state)
{
	char *dir = th_tmpdir();
	struct amm_store *st = NULL;

	(void)state;
	assert_err(amm_store_open(&st, dir), AMM_EXIT_NOTFOUND);
	assert_null(st);
	assert_int_equal(th_sh("git init -q --bare '%s/kaal.git'", dir), 0);
	{
		char *bare = amm_asprintf("%s/kaal.git", dir);

		assert_err(amm_store_open(&st, bare), AMM_EXIT_INPUT);
		assert_null(st);
		free(bare);
	}
	th_rm_rf(dir);
	free(dir);
}

/* amm's own file under .git is replaced whole, private, with no temporary file left. */
static void
test_git_replace(void **state)
{
	struct th_repo *f = *state;
	char *path = amm_store_git_path(f->st, "amm-proef");
	char *want = amm_asprintf("%s/.git/amm-proef", f->dir);
	struct stat sb;
	char *out;

	assert_string_equal(path, want);
	assert_ok(amm_store_git_replace(f->st, "amm-proef", "een\n", 4));
	assert_ok(amm_store_git_replace(f->st, "amm-proef", "twee\n", 5));
	out = th_sh_out("cat '%s'; ls '%s/.git' | grep -c amm-proef", path, f->dir);
	assert_string_equal(out, "twee\n1\n");
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	free(out);
	free(want);
	free(path);
}

/* The author's time as git reads GIT_AUTHOR_DATE, with or without "@", and its zone. */
static void
test_author_date(void **state)
{
	struct th_repo *f = *state;
	static const struct {
		const char *env;
		long long time;
		int offset;
	} cases[] = {
	    {"@1700000000 +0130", 1700000000, 90},
	    {"1700000000 -0200", 1700000000, -120},
	    {"1795000000", 1795000000, 0},
	};
	git_signature *sig = NULL;

	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		setenv("GIT_AUTHOR_DATE", cases[i].env, 1);
		assert_ok(amm_store_author(f->st, &sig));
		assert_string_equal(sig->name, "Sanne de Vries");
		assert_int_equal(sig->when.time, cases[i].time);
		assert_int_equal(sig->when.offset, cases[i].offset);
		git_signature_free(sig);
	}
	th_env();
}

/* No name anywhere: refused; the committer is the author unless set apart. */
static void
test_signature_identity(void **state)
{
	struct th_repo *f = *state;
	git_signature *author = NULL, *committer = NULL;

	setenv("GIT_COMMITTER_NAME", "", 1);
	setenv("GIT_COMMITTER_EMAIL", "", 1);
	assert_ok(amm_store_author(f->st, &author));
	assert_ok(amm_store_signature(f->st, "COMMITTER", author, &committer));
	assert_string_equal(committer->name, "Sanne de Vries");
	assert_string_equal(committer->email, "sanne@example.org");
	git_signature_free(committer);
	assert_err(amm_store_signature(f->st, "COMMITTER", NULL, &committer), AMM_EXIT_INPUT);
	assert_null(committer);
	git_signature_free(author);
	th_env();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_init_and_open),
	    cmocka_unit_test(test_open_refused),
	    cmocka_unit_test_setup_teardown(test_git_replace, th_repo_setup, th_repo_teardown),
	    cmocka_unit_test_setup_teardown(test_author_date, th_repo_setup, th_repo_teardown),
	    cmocka_unit_test_setup_teardown(test_signature_identity, th_repo_setup,
	                                    th_repo_teardown),
	};

	umask(077);
	return cmocka_run_group_tests(tests, th_git_setup, th_git_teardown);
}
