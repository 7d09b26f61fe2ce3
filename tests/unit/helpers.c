#define _XOPEN_SOURCE 700
#include "helpers.h"

#include <ftw.h>
#include <string.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util.h"

void
th_env(void)
{
	setenv("GIT_CONFIG_GLOBAL", "/dev/null", 1);
	setenv("GIT_CONFIG_NOSYSTEM", "1", 1);
	setenv("GIT_AUTHOR_NAME", "Sanne de Vries", 1);
	setenv("GIT_AUTHOR_EMAIL", "sanne@example.org", 1);
	setenv("GIT_COMMITTER_NAME", "Sanne de Vries", 1);
	setenv("GIT_COMMITTER_EMAIL", "sanne@example.org", 1);
	setenv("GIT_AUTHOR_DATE", "@1795000000 +0100", 1);
	setenv("GIT_COMMITTER_DATE", "@1795000000 +0100", 1);
	setenv("AMM_VANDAAG", "2026-11-24", 1);
	setenv("LC_ALL", "C.UTF-8", 1);
	unsetenv("AMM_CASUS");
}

char *
th_tmpdir(void)
{
	const char *base = getenv("TMPDIR");
	char *path = amm_asprintf("%s/amm-unit-XXXXXX", base && *base ? base : "/tmp");

	if (mkdtemp(path) == NULL)
		fail_msg("mkdtemp %s", path);
	return path;
}

static int
rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

void
th_rm_rf(const char *path)
{
	nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static char *
vformat(const char *fmt, va_list ap)
{
	return amm_vasprintf(fmt, ap);
}

int
th_sh(const char *fmt, ...)
{
	va_list ap;
	char *cmd;
	int rc;

	va_start(ap, fmt);
	cmd = vformat(fmt, ap);
	va_end(ap);
	rc = system(cmd);
	free(cmd);
	return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

char *
th_sh_out(const char *fmt, ...)
{
	struct amm_buf buf = {0};
	char chunk[4096];
	va_list ap;
	char *cmd;
	size_t n;
	FILE *p;

	va_start(ap, fmt);
	cmd = vformat(fmt, ap);
	va_end(ap);
	p = popen(cmd, "r");
	if (p == NULL)
		fail_msg("popen %s", cmd);
	while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
		amm_buf_add(&buf, chunk, n);
	pclose(p);
	free(cmd);
	return amm_buf_detach(&buf, NULL);
}

struct amm_casus *
th_casus(const char *const texts[AMM_DEEL_COUNT])
{
	struct amm_casus *c = amm_xcalloc(1, sizeof(*c));

	c->id = amm_xstrdup("2026-001");
	for (int d = 0; d < AMM_DEEL_COUNT; d++) {
		const char *t = texts[d] ? texts[d] : "";

		c->raw[d] = amm_xstrdup(t);
		c->raw_len[d] = strlen(t);
		if (d == AMM_DEEL_PERSPECTIEF)
			c->perspectief = amm_xstrdup(t);
		else
			assert_ok(amm_ini_parse_dups(&c->ini[d], amm_delen[d].file, t, strlen(t)));
	}
	return c;
}

static amm_error *
config_fn(struct amm_tx *tx, void *arg)
{
	const char *text = "[amm]\nversie = 1\n";

	(void)arg;
	amm_tx_write(tx, "amm.ini", text, strlen(text));
	amm_tx_message(tx, NULL, "amm.ini", "casusrepository ingericht");
	return NULL;
}

char *
th_conflict_list(const struct th_repo *r)
{
	return th_sh_out("cat '%s/.git/amm-conflicten' 2>/dev/null || true", r->dir);
}

int
th_repo_setup(void **state)
{
	struct th_repo *r = amm_xcalloc(1, sizeof(*r));
	bool created, committed;

	r->dir = th_tmpdir();
	assert_ok(amm_store_init(&r->st, r->dir, &created));
	assert_true(created);
	assert_ok(amm_store_update(r->st, config_fn, NULL, &committed));
	assert_true(committed);
	*state = r;
	return 0;
}

int
th_repo_teardown(void **state)
{
	struct th_repo *r = *state;

	amm_store_free(r->st);
	th_rm_rf(r->dir);
	free(r->dir);
	free(r);
	return 0;
}

static amm_error *
commit_fn(struct amm_tx *tx, void *arg)
{
	const struct th_file *files = arg;

	for (const struct th_file *f = files; f->path != NULL; f++)
		if (f->data != NULL)
			amm_tx_write(tx, f->path, f->data, strlen(f->data));
		else
			amm_tx_remove(tx, f->path);
	amm_tx_message(tx, NULL, "test", "schrijf %s", files->path);
	return NULL;
}

void
th_commit(struct amm_store *st, const struct th_file *files)
{
	bool committed;

	assert_ok(amm_store_update(st, commit_fn, (void *)files, &committed));
	assert_true(committed);
}

bool
th_commit_files(struct amm_store *st, const char *const *pairs)
{
	size_t n = 0;
	struct th_file *files;
	bool committed;

	while (pairs[2 * n] != NULL)
		n++;
	files = amm_xcalloc(n + 1, sizeof(*files));
	for (size_t i = 0; i < n; i++)
		files[i] = (struct th_file){pairs[2 * i], pairs[2 * i + 1]};
	assert_ok(amm_store_update(st, commit_fn, files, &committed));
	free(files);
	return committed;
}

void
th_write(struct amm_store *st, const char *path, const char *data)
{
	const struct th_file files[] = {{path, data}, {NULL, NULL}};

	th_commit(st, files);
}

int
th_git_setup(void **state)
{
	amm_error *err;

	(void)state;
	th_env();
	err = amm_store_global_init();
	amm_error_free(err);
	return err != NULL ? -1 : 0;
}

int
th_git_teardown(void **state)
{
	(void)state;
	amm_store_global_shutdown();
	return 0;
}
