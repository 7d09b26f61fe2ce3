/* Shared helpers of the unit tests: temporary folders, shell commands, a fixed identity. */
#ifndef AMM_TEST_HELPERS_H
#define AMM_TEST_HELPERS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
/* cmocka needs the headers above first. */
#include <cmocka.h>

#include "casus.h"
#include "error.h"
#include "store.h"

/* Fail the test with the error's message when err is not NULL. */
#define assert_ok(expr)                                                                            \
	do {                                                                                       \
		amm_error *e_ = (expr);                                                            \
		if (e_ != NULL)                                                                    \
			fail_msg("%s: %s", #expr, e_->msg);                                        \
	} while (0)
/* Expect an error of that exit-code category, and free it. */
#define assert_err(expr, want)                                                                     \
	do {                                                                                       \
		amm_error *e_ = (expr);                                                            \
		if (e_ == NULL)                                                                    \
			fail_msg("%s: expected error %d, got success", #expr, (int)(want));        \
		assert_int_equal(e_->code, (want));                                                \
		amm_error_free(e_);                                                                \
	} while (0)

/* Pin identity, dates and git configuration; once per test program. */
void th_env(void);
/* A new temporary folder (caller frees the string; th_rm_rf removes the folder). */
char *th_tmpdir(void);
void th_rm_rf(const char *path);
/* Run a shell command; returns its exit status. */
int th_sh(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Run a shell command and return its standard output (caller frees). */
char *th_sh_out(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A casus repository in a temporary folder, its first commit holding amm.ini. */
struct th_repo {
	char *dir;
	struct amm_store *st;
};
/* The conflict list of sync as .git/amm-conflicten has it ("" when there is none). */
char *th_conflict_list(const struct th_repo *r);
/* cmocka setup and teardown: *state is a struct th_repo. */
int th_repo_setup(void **state);
int th_repo_teardown(void **state);

/* A file for th_commit: data NULL removes path; a NULL path ends a list. */
struct th_file {
	const char *path, *data;
};
/* One commit through the store (amm_store_update) that writes the files. */
void th_commit(struct amm_store *st, const struct th_file *files);
/* One commit that writes one file. */
void th_write(struct amm_store *st, const char *path, const char *data);
/* th_commit of a flat list: pairs is path, content, path, content, ..., NULL, a NULL
 * content removing its path. Returns whether a commit was made (not when nothing changed). */
bool th_commit_files(struct amm_store *st, const char *const *pairs);

/* cmocka group setup and teardown of a program that uses git: th_env and libgit2's state. */
int th_git_setup(void **state);
int th_git_teardown(void **state);

/*
 * A casus 2026-001 built from the texts of its parts (NULL: empty), without a repository; read
 * as amm check reads it (a section or key twice is kept).
 */
struct amm_casus *th_casus(const char *const texts[AMM_DEEL_COUNT]);

#endif
