/*
 * The repository: libgit2 started once, a repository opened or created and made amm's, amm's
 * own files under .git, the branch HEAD names, and who commits.
 */
#include "store_priv.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "msg.h"
#include "worktree.h"

const char *
amm_git_category(int errnum)
{
	const git_error *e = git_error_last();

	switch (e != NULL ? e->klass : GIT_ERROR_OS) {
	case GIT_ERROR_OS:
	case GIT_ERROR_FILESYSTEM:
		return errnum != 0 ? amm_errno_text(errnum) : "fout van het systeem";
	case GIT_ERROR_NOMEMORY:
		return amm_errno_text(ENOMEM);
	case GIT_ERROR_NET:
	case GIT_ERROR_HTTP:
	case GIT_ERROR_SSL:
	case GIT_ERROR_SSH:
		return "de verbinding met de server mislukte";
	case GIT_ERROR_REFERENCE:
		return "een branch of verwijzing in de repository klopt niet";
	case GIT_ERROR_ODB:
	case GIT_ERROR_OBJECT:
	case GIT_ERROR_ZLIB:
		return "een object in de repository ontbreekt of is beschadigd";
	case GIT_ERROR_INDEX:
		return "de git-index is beschadigd";
	case GIT_ERROR_CONFIG:
		return "de git-instellingen zijn niet te lezen";
	case GIT_ERROR_REPOSITORY:
		return "de repository is niet te lezen";
	default:
		return "git-fout";
	}
}

amm_error *
amm_git_fail(int rc, const char *what)
{
	int saved = errno;
	const git_error *e = git_error_last();
	const char *detail = e != NULL && e->message != NULL && *e->message != '\0'
	                         ? e->message
	                         : (saved ? strerror(saved) : "onbekende fout");

	return amm_error_new(AMM_EXIT_SYSTEM, MSG_GIT_FAILED, what, amm_git_category(saved), detail,
	                     rc);
}

amm_error *
amm_store_global_init(void)
{
	const char *global = getenv("GIT_CONFIG_GLOBAL");
	int rc = git_libgit2_init();

	if (rc < 0)
		return amm_git_fail(rc, "libgit2 starten");
	/*
	 * Like git, objects are not hashed again on every read: git fsck checks them, and zlib's
	 * checksum still catches a damaged one. libgit2 does by default, and that hash was most
	 * of the time of a walk through a long history.
	 */
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
	/* Like git: GIT_CONFIG_GLOBAL replaces ~/.gitconfig; it is added in amm_store_open. */
	if (global != NULL) {
		git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_GLOBAL, "");
		git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_XDG, "");
	}
	if (getenv("GIT_CONFIG_NOSYSTEM") != NULL) {
		git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_SYSTEM, "");
		git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH, GIT_CONFIG_LEVEL_PROGRAMDATA, "");
	}
	return NULL;
}

void
amm_store_global_shutdown(void)
{
	git_libgit2_shutdown();
}

amm_error *
amm_store_wrap(struct amm_store **out, git_repository *repo)
{
	struct amm_store *st;
	const char *global = getenv("GIT_CONFIG_GLOBAL");
	git_config *cfg = NULL;
	struct stat sb;
	int rc;

	if (git_repository_is_bare(repo)) {
		git_repository_free(repo);
		return amm_error_new(AMM_EXIT_INPUT, MSG_STORE_BARE);
	}
	if (global != NULL && *global != '\0' && stat(global, &sb) == 0 && S_ISREG(sb.st_mode)) {
		rc = git_repository_config(&cfg, repo);
		if (rc == 0)
			rc = git_config_add_file_ondisk(cfg, global, GIT_CONFIG_LEVEL_GLOBAL, repo,
			                                0);
		git_config_free(cfg);
		if (rc < 0) {
			git_repository_free(repo);
			return amm_git_fail(rc, global);
		}
	}
	st = amm_xcalloc(1, sizeof(*st));
	st->repo = repo;
	st->lock_fd = -1;
	st->workdir = amm_xstrdup(git_repository_workdir(repo));
	*out = st;
	return NULL;
}

amm_error *
amm_store_open(struct amm_store **out, const char *path)
{
	git_repository *repo = NULL;
	int rc;

	*out = NULL;
	rc = git_repository_open_ext(&repo, path, 0, NULL);
	if (rc == GIT_ENOTFOUND)
		return amm_error_new(AMM_EXIT_NOTFOUND, MSG_STORE_NO_REPO, path);
	if (rc < 0)
		return amm_git_fail(rc, path);
	return amm_store_wrap(out, repo);
}

/*
 * Later writes by git itself keep files for the owner only, as amm's own (umask 077), and
 * git ignores the temporary file a killed amm may leave beside a casus file.
 */
amm_error *
amm_store_prepare(git_repository *repo)
{
	char *dir = amm_asprintf("%sinfo", git_repository_path(repo));
	char *path = amm_asprintf("%s/exclude", dir);
	git_config *cfg = NULL;
	amm_error *err = NULL;
	char line[256];
	bool listed = false;
	FILE *f;
	int rc = git_repository_config(&cfg, repo);

	if (rc == 0)
		rc = git_config_set_string(cfg, "core.sharedRepository", "0600");
	git_config_free(cfg);
	if (rc < 0) {
		err = amm_git_fail(rc, "core.sharedRepository");
		goto done;
	}
	f = fopen(path, "r");
	while (f != NULL && !listed && fgets(line, sizeof(line), f) != NULL)
		listed = strcmp(line, "*" AMM_TMP_SUFFIX "\n") == 0;
	if (f != NULL)
		fclose(f);
	if (!listed) {
		if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
			err = amm_error_errno(MSG_STORE_MKDIR, dir);
			goto done;
		}
		f = fopen(path, "a");
		if (f == NULL || fputs("*" AMM_TMP_SUFFIX "\n", f) < 0 || fclose(f) != 0)
			err = amm_error_errno(MSG_STORE_WRITE, path);
	}
done:
	free(dir);
	free(path);
	return err;
}

amm_error *
amm_store_init(struct amm_store **out, const char *path, bool *created)
{
	git_repository *repo = NULL;
	git_repository_init_options opts;
	git_config *cfg = NULL;
	git_buf branch = {0};
	amm_error *err;
	int rc;

	*out = NULL;
	git_repository_init_options_init(&opts, GIT_REPOSITORY_INIT_OPTIONS_VERSION);
	*created = false;
	rc = git_repository_open_ext(&repo, path, GIT_REPOSITORY_OPEN_NO_SEARCH, NULL);
	if (rc == 0) {
		err = amm_store_prepare(repo);
		if (err != NULL) {
			git_repository_free(repo);
			return err;
		}
		return amm_store_wrap(out, repo);
	}
	if (rc != GIT_ENOTFOUND)
		return amm_git_fail(rc, path);
	/* A new repository's branch: init.defaultBranch, else main. */
	if (git_config_open_default(&cfg) == 0 &&
	    git_config_get_string_buf(&branch, cfg, "init.defaultBranch") == 0)
		opts.initial_head = branch.ptr;
	else
		opts.initial_head = "main";
	opts.flags = GIT_REPOSITORY_INIT_MKPATH;
	rc = git_repository_init_ext(&repo, path, &opts);
	git_buf_dispose(&branch);
	git_config_free(cfg);
	if (rc < 0)
		return amm_git_fail(rc, path);
	*created = true;
	err = amm_store_prepare(repo);
	if (err != NULL) {
		git_repository_free(repo);
		return err;
	}
	return amm_store_wrap(out, repo);
}

void
amm_store_free(struct amm_store *st)
{
	if (st == NULL)
		return;
	git_repository_free(st->repo);
	free(st->workdir);
	free(st->last_subject);
	amm_strlist_free(&st->notices);
	free(st->lock_owner);
	free(st->dead_step);
	free(st);
}

const char *
amm_store_last_subject(const struct amm_store *st)
{
	return st->last_subject ? st->last_subject : "";
}

const char *
amm_store_last_commit(const struct amm_store *st)
{
	return st->last_commit;
}

const struct amm_strlist *
amm_store_notices(const struct amm_store *st)
{
	return &st->notices;
}

char *
amm_store_git_path(const struct amm_store *st, const char *name)
{
	return amm_asprintf("%s%s", git_repository_path(st->repo), name);
}

amm_error *
amm_store_git_replace(const struct amm_store *st, const char *name, const char *data, size_t len)
{
	char *path = amm_store_git_path(st, name);
	char *tmp = amm_asprintf("%s.XXXXXX", path);
	amm_error *err = NULL;
	int fd = mkstemp(tmp);

	if (!amm_write_all(fd, data, len) || fsync(fd) != 0 || close(fd) != 0 ||
	    rename(tmp, path) != 0) {
		err = amm_error_errno(MSG_STORE_WRITE, path);
		if (fd >= 0)
			unlink(tmp);
	}
	free(tmp);
	free(path);
	return err;
}

bool
amm_store_derived_read(const struct amm_store *st, const char *name, char **data, size_t *len)
{
	char *path = amm_store_git_path(st, name);
	FILE *f = fopen(path, "rb");
	struct amm_buf buf = {0};
	char chunk[65536];
	size_t n;
	bool ok;

	free(path);
	*data = NULL;
	*len = 0;
	if (f == NULL)
		return false;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		amm_buf_add(&buf, chunk, n);
	ok = !ferror(f);
	fclose(f);
	if (ok)
		*data = amm_buf_detach(&buf, len);
	amm_buf_free(&buf);
	return ok;
}

amm_error *
amm_store_derived_write(const struct amm_store *st, const char *name, const char *data, size_t len)
{
	return amm_store_git_replace(st, name, data, len);
}

void
amm_store_derived_remove(const struct amm_store *st, const char *name)
{
	char *path = amm_store_git_path(st, name);

	(void)unlink(path);
	free(path);
}

const char *
amm_store_workdir(const struct amm_store *st)
{
	return st->workdir;
}

amm_error *
amm_store_branch(struct amm_store *st, char **branch, git_oid *tip, bool *unborn)
{
	git_reference *head = NULL;
	int rc;

	*branch = NULL;
	*unborn = false;
	rc = git_reference_lookup(&head, st->repo, "HEAD");
	if (rc < 0)
		return amm_git_fail(rc, "HEAD");
	if (git_reference_type(head) != GIT_REFERENCE_SYMBOLIC) {
		git_reference_free(head);
		return amm_error_new(AMM_EXIT_CONFLICT, MSG_STORE_DETACHED);
	}
	*branch = amm_xstrdup(git_reference_symbolic_target(head));
	git_reference_free(head);
	rc = git_reference_name_to_id(tip, st->repo, *branch);
	if (rc == GIT_ENOTFOUND) {
		*unborn = true;
		return NULL;
	}
	if (rc < 0) {
		free(*branch);
		*branch = NULL;
		return amm_git_fail(rc, "branch");
	}
	return NULL;
}

/* "@1700000000 +0100" or "1700000000 +0100" (as git's GIT_AUTHOR_DATE), else now. */
static void
sig_time(const char *env, git_time_t *when, int *offset)
{
	const char *s = getenv(env);
	char *end;
	long long t;

	*when = (git_time_t)time(NULL);
	*offset = 0;
	if (s == NULL)
		return;
	if (*s == '@')
		s++;
	t = strtoll(s, &end, 10);
	if (end == s)
		return;
	*when = (git_time_t)t;
	while (*end == ' ')
		end++;
	if ((*end == '+' || *end == '-') && strlen(end) >= 5) {
		int hh = (end[1] - '0') * 10 + (end[2] - '0');
		int mm = (end[3] - '0') * 10 + (end[4] - '0');

		*offset = (*end == '-' ? -1 : 1) * (hh * 60 + mm);
	}
}

amm_error *
amm_store_signature(struct amm_store *st, const char *who, const git_signature *author,
                    git_signature **out)
{
	git_config *cfg = NULL;
	const char *cname = NULL, *cemail = NULL;
	char *name_env = amm_asprintf("GIT_%s_NAME", who);
	char *email_env = amm_asprintf("GIT_%s_EMAIL", who);
	char *date_env = amm_asprintf("GIT_%s_DATE", who);
	const char *name = getenv(name_env), *email = getenv(email_env);
	amm_error *err = NULL;
	git_time_t when;
	int offset, rc;

	*out = NULL;
	if (git_repository_config_snapshot(&cfg, st->repo) == 0) {
		git_config_get_string(&cname, cfg, "user.name");
		git_config_get_string(&cemail, cfg, "user.email");
	}
	if (name == NULL || *name == '\0')
		name = cname;
	if (email == NULL || *email == '\0')
		email = cemail;
	if (author != NULL && (name == NULL || *name == '\0'))
		name = author->name;
	if (author != NULL && (email == NULL || *email == '\0'))
		email = author->email;
	if (name == NULL || *name == '\0' || email == NULL || *email == '\0') {
		err = amm_error_new(AMM_EXIT_INPUT, MSG_STORE_IDENTITY);
		goto done;
	}
	sig_time(date_env, &when, &offset);
	rc = git_signature_new(out, name, email, when, offset);
	if (rc < 0)
		err = amm_error_new(AMM_EXIT_INPUT, MSG_STORE_BAD_IDENTITY, name, email);
done:
	git_config_free(cfg);
	free(name_env);
	free(email_env);
	free(date_env);
	return err;
}

amm_error *
amm_store_author(struct amm_store *st, git_signature **out)
{
	return amm_store_signature(st, "AUTHOR", NULL, out);
}
