/*
 * Setting up sharing: the remote a clone shares with, git's merge and diff driver for casus
 * files, and the shared server's repository with amm's hooks.
 */
#include "sync.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "msg.h"
#include "store_priv.h"
#include "template.h"

amm_error *
amm_sync_set_remote(struct amm_store *st, const char *name, const char *url)
{
	git_remote *remote = NULL;
	git_config *cfg = NULL;
	char *branch = NULL, *key = NULL;
	amm_error *err;
	git_oid tip;
	bool unborn;
	int rc;

	err = amm_store_branch(st, &branch, &tip, &unborn);
	if (err != NULL)
		return err;
	rc = git_remote_lookup(&remote, st->repo, name);
	if (rc == 0)
		rc = git_remote_set_url(st->repo, name, url);
	else if (rc == GIT_ENOTFOUND)
		rc = git_remote_create(&remote, st->repo, name, url);
	if (rc == 0)
		rc = git_repository_config(&cfg, st->repo);
	if (rc == 0) {
		key = amm_asprintf("branch.%s.remote", branch + strlen("refs/heads/"));
		rc = git_config_set_string(cfg, key, name);
		free(key);
	}
	if (rc == 0) {
		key = amm_asprintf("branch.%s.merge", branch + strlen("refs/heads/"));
		rc = git_config_set_string(cfg, key, branch);
		free(key);
	}
	if (rc < 0)
		err = amm_git_fail(rc, url);
	git_config_free(cfg);
	git_remote_free(remote);
	free(branch);
	return err;
}

const char amm_sync_attributes[] =
    "# amm voegt casusbestanden per record samen, ook bij git merge en git pull, en git diff\n"
    "# toont de wijzigingen per veld: zie amm-merge-bestand(1). 'amm init' stelt het in.\n"
    "/amm.ini merge=amm diff=amm\n"
    "/vergeten.ini merge=amm diff=amm\n"
    "/casussen/**/*.ini merge=amm diff=amm\n"
    "/casussen/**/*.md merge=amm\n";

/* s in single quotes for sh (a ' as '\''). */
static char *
shell_quote(const char *s)
{
	struct amm_buf b = {0};

	amm_buf_addc(&b, '\'');
	for (; *s; s++)
		if (*s == '\'')
			amm_buf_adds(&b, "'\\''");
		else
			amm_buf_addc(&b, *s);
	amm_buf_addc(&b, '\'');
	return amm_buf_detach(&b, NULL);
}

amm_error *
amm_sync_register_driver(struct amm_store *st, const char *amm)
{
	char *q = shell_quote(amm);
	char *driver = amm_asprintf("%s merge-bestand %%O %%A %%B %%P", q);
	char *textconv = amm_asprintf("%s merge-bestand --velden", q);
	git_config *cfg = NULL;
	amm_error *err = NULL;
	int rc;

	rc = git_repository_config(&cfg, st->repo);
	if (rc == 0)
		rc = git_config_set_string(cfg, "merge.amm.name",
		                           "amm: casusbestanden per record samenvoegen");
	if (rc == 0)
		rc = git_config_set_string(cfg, "merge.amm.driver", driver);
	if (rc == 0)
		rc = git_config_set_string(cfg, "diff.amm.textconv", textconv);
	if (rc < 0)
		err = amm_git_fail(rc, "config");
	git_config_free(cfg);
	free(textconv);
	free(driver);
	free(q);
	return err;
}

/* Write a hook of the server, unless one that amm did not write is there. */
static amm_error *
hook_install(git_repository *repo, const char *name, bool *changed)
{
	const struct amm_template *t = amm_template_get(name);
	char *dir = amm_asprintf("%shooks", git_repository_path(repo));
	char *path = amm_asprintf("%s/%s", dir, name);
	char *tmp = amm_asprintf("%s.amm-tmp", path);
	struct amm_buf old = {0};
	amm_error *err = NULL;
	FILE *f = fopen(path, "rb");
	int fd = -1;

	if (f != NULL) {
		char chunk[4096];
		size_t n;

		while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
			amm_buf_add(&old, chunk, n);
		fclose(f);
		if (old.len == t->len && memcmp(old.data, t->data, t->len) == 0)
			goto done;
		if (old.data == NULL || strstr(old.data, "\n# amm: ") == NULL) {
			err = amm_error_new(AMM_EXIT_CONFLICT, MSG_INIT_HOOK_THERE, path);
			goto done;
		}
	}
	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		err = amm_error_errno(MSG_STORE_WRITE, dir);
		goto done;
	}
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0700);
	if (!amm_write_all(fd, t->data, t->len) || fsync(fd) != 0 || close(fd) != 0 ||
	    rename(tmp, path) != 0) {
		err = amm_error_errno(MSG_STORE_WRITE, path);
		unlink(tmp);
		goto done;
	}
	*changed = true;
done:
	amm_buf_free(&old);
	free(tmp);
	free(path);
	free(dir);
	return err;
}

amm_error *
amm_sync_init_server(const char *path, bool *created, bool *changed)
{
	static const char *const hooks[] = {"pre-receive", "post-receive"};
	git_repository *repo = NULL;
	git_repository_init_options opts;
	amm_error *err = NULL;
	int rc;

	*created = *changed = false;
	rc = git_repository_open_ext(&repo, path, GIT_REPOSITORY_OPEN_NO_SEARCH, NULL);
	if (rc == 0 && !git_repository_is_bare(repo)) {
		git_repository_free(repo);
		return amm_error_new(AMM_EXIT_CONFLICT, MSG_INIT_NOT_BARE, path);
	}
	if (rc == GIT_ENOTFOUND) {
		git_repository_init_options_init(&opts, GIT_REPOSITORY_INIT_OPTIONS_VERSION);
		opts.flags = GIT_REPOSITORY_INIT_BARE | GIT_REPOSITORY_INIT_MKPATH;
		opts.initial_head = "main";
		rc = git_repository_init_ext(&repo, path, &opts);
		*created = rc == 0;
	}
	if (rc < 0)
		return amm_git_fail(rc, path);
	for (size_t i = 0; i < sizeof(hooks) / sizeof(*hooks) && err == NULL; i++)
		err = hook_install(repo, hooks[i], changed);
	git_repository_free(repo);
	return err;
}
