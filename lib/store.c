#include "store_priv.h"

#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "history.h"
#include "msg.h"
#include "privacy.h"

struct tx_change {
	char *path;
	char *data; /* NULL: remove */
	size_t len;
	git_oid oid;
};

struct amm_tx {
	struct amm_store *st;
	struct amm_snap *snap;
	struct tx_change *changes;
	size_t len;
	char *casus, *onderdeel, *what;
	struct amm_strlist notes;
	git_oid other; /* has_other: the second parent of a merge */
	bool has_other;
	bool fast_forward; /* the branch moves to other; no commit is made */
};

amm_error *
amm_git_fail(int rc, const char *what)
{
	int saved = errno;
	const git_error *e = git_error_last();

	if (e != NULL && e->message != NULL && *e->message != '\0')
		return amm_error_new(AMM_EXIT_SYSTEM, MSG_GIT_FAILED, what, e->message, rc);
	return amm_error_new(AMM_EXIT_SYSTEM, MSG_GIT_FAILED, what,
	                     saved ? strerror(saved) : "onbekende fout", rc);
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

#define TMP_SUFFIX ".amm-tmp"

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
		listed = strcmp(line, "*" TMP_SUFFIX "\n") == 0;
	if (f != NULL)
		fclose(f);
	if (!listed) {
		if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
			err = amm_error_errno(MSG_STORE_MKDIR, dir);
			goto done;
		}
		f = fopen(path, "a");
		if (f == NULL || fputs("*" TMP_SUFFIX "\n", f) < 0 || fclose(f) != 0)
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
	free(st);
}

const char *
amm_store_last_subject(const struct amm_store *st)
{
	return st->last_subject ? st->last_subject : "";
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
	size_t off = 0;
	int fd = mkstemp(tmp);

	while (fd >= 0 && off < len) {
		ssize_t n = write(fd, data + off, len - off);

		if (n < 0 && errno != EINTR)
			break;
		off += n > 0 ? (size_t)n : 0;
	}
	if (fd < 0 || off < len || fsync(fd) != 0 || close(fd) != 0 || rename(tmp, path) != 0) {
		err = amm_error_errno(MSG_STORE_WRITE, path);
		if (fd >= 0)
			unlink(tmp);
	}
	free(tmp);
	free(path);
	return err;
}

const char *
amm_store_workdir(const struct amm_store *st)
{
	return st->workdir;
}

amm_error *
amm_snap_of(struct amm_snap **out, git_repository *repo, const git_oid *commit_id)
{
	struct amm_snap *snap = amm_xcalloc(1, sizeof(*snap));
	int rc;

	snap->repo = repo;
	if (commit_id != NULL) {
		rc = git_commit_lookup(&snap->commit, repo, commit_id);
		if (rc == 0)
			rc = git_commit_tree(&snap->tree, snap->commit);
		if (rc < 0) {
			amm_snap_free(snap);
			return amm_git_fail(rc, "commit lezen");
		}
		git_oid_tostr(snap->id, sizeof(snap->id), commit_id);
	}
	*out = snap;
	return NULL;
}

amm_error *
amm_snap_open(struct amm_snap **out, struct amm_store *st, const char *rev)
{
	git_object *obj = NULL;
	git_oid id;
	amm_error *err;
	int rc;

	*out = NULL;
	if (rev == NULL) {
		rc = git_reference_name_to_id(&id, st->repo, "HEAD");
		if (rc == GIT_ENOTFOUND || rc == GIT_EUNBORNBRANCH)
			return amm_snap_of(out, st->repo, NULL);
		if (rc < 0)
			return amm_git_fail(rc, "HEAD");
		return amm_snap_of(out, st->repo, &id);
	}
	rc = git_revparse_single(&obj, st->repo, rev);
	if (rc == GIT_ENOTFOUND || rc == GIT_EAMBIGUOUS || rc == GIT_EINVALIDSPEC)
		return amm_error_new(AMM_EXIT_NOTFOUND, MSG_STORE_NO_REV, rev);
	if (rc < 0)
		return amm_git_fail(rc, rev);
	{
		git_object *peeled = NULL;

		rc = git_object_peel(&peeled, obj, GIT_OBJECT_COMMIT);
		git_object_free(obj);
		if (rc < 0)
			return amm_error_new(AMM_EXIT_NOTFOUND, MSG_STORE_NO_REV, rev);
		err = amm_snap_of(out, st->repo, git_object_id(peeled));
		git_object_free(peeled);
	}
	return err;
}

void
amm_snap_free(struct amm_snap *snap)
{
	if (snap == NULL)
		return;
	for (size_t i = 0; i < AMM_SNAP_DIRS; i++) {
		free(snap->dirs[i].path);
		git_tree_free(snap->dirs[i].tree);
	}
	git_tree_free(snap->tree);
	git_commit_free(snap->commit);
	free(snap);
}

const char *
amm_snap_id(const struct amm_snap *snap)
{
	return snap->id;
}

/*
 * The tree of folder dir ("" is the root), borrowed from the snapshot: each folder is read
 * once while it is among the last used. Rc GIT_ENOTFOUND when dir is not a folder.
 */
static int
snap_dir(struct amm_snap *snap, const char *dir, git_tree **out)
{
	const char *slash = strrchr(dir, '/');
	const git_tree_entry *e;
	git_tree *parent = NULL, *tree = NULL;
	char *up;
	size_t i;
	int rc;

	*out = snap->tree;
	if (*dir == '\0' || snap->tree == NULL)
		return snap->tree != NULL ? 0 : GIT_ENOTFOUND;
	for (i = 0; i < AMM_SNAP_DIRS && snap->dirs[i].path != NULL; i++)
		if (strcmp(snap->dirs[i].path, dir) == 0)
			break;
	if (i == AMM_SNAP_DIRS || snap->dirs[i].path == NULL) {
		up = amm_xstrndup(dir, slash != NULL ? (size_t)(slash - dir) : 0);
		rc = snap_dir(snap, up, &parent);
		free(up);
		e = rc == 0 ? git_tree_entry_byname(parent, slash != NULL ? slash + 1 : dir) : NULL;
		if (e == NULL || git_tree_entry_type(e) != GIT_OBJECT_TREE)
			return rc < 0 ? rc : GIT_ENOTFOUND;
		rc = git_tree_lookup(&tree, snap->repo, git_tree_entry_id(e));
		if (rc < 0)
			return rc;
		i = AMM_SNAP_DIRS - 1;
		free(snap->dirs[i].path);
		git_tree_free(snap->dirs[i].tree);
		snap->dirs[i].path = amm_xstrdup(dir);
		snap->dirs[i].tree = tree;
	}
	/* To the front. */
	for (; i > 0; i--) {
		char *p = snap->dirs[i].path;
		git_tree *t = snap->dirs[i].tree;

		snap->dirs[i] = snap->dirs[i - 1];
		snap->dirs[i - 1].path = p;
		snap->dirs[i - 1].tree = t;
	}
	*out = snap->dirs[0].tree;
	return 0;
}

/* The blob id at path, or false. */
static bool
snap_blob_id(struct amm_snap *snap, const char *path, git_oid *out)
{
	const char *slash = strrchr(path, '/');
	char *dir = amm_xstrndup(path, slash != NULL ? (size_t)(slash - path) : 0);
	const git_tree_entry *e = NULL;
	git_tree *tree = NULL;

	if (snap_dir(snap, dir, &tree) == 0)
		e = git_tree_entry_byname(tree, slash != NULL ? slash + 1 : path);
	free(dir);
	if (e == NULL || git_tree_entry_type(e) != GIT_OBJECT_BLOB)
		return false;
	git_oid_cpy(out, git_tree_entry_id(e));
	return true;
}

bool
amm_snap_exists(struct amm_snap *snap, const char *path)
{
	git_oid id;

	return snap_blob_id(snap, path, &id);
}

amm_error *
amm_snap_read(struct amm_snap *snap, const char *path, char **data, size_t *len)
{
	git_blob *blob = NULL;
	git_oid id;
	size_t n;
	int rc;

	*data = NULL;
	if (len != NULL)
		*len = 0;
	if (!snap_blob_id(snap, path, &id))
		return amm_error_new(AMM_EXIT_NOTFOUND, MSG_STORE_NO_FILE, path);
	rc = git_blob_lookup(&blob, snap->repo, &id);
	if (rc < 0)
		return amm_git_fail(rc, path);
	n = (size_t)git_blob_rawsize(blob);
	*data = amm_xstrndup(git_blob_rawcontent(blob), n);
	if (len != NULL)
		*len = n;
	git_blob_free(blob);
	return NULL;
}

amm_error *
amm_snap_list(struct amm_snap *snap, const char *dir, struct amm_strlist *names)
{
	git_tree *tree = NULL;
	int rc = snap_dir(snap, dir, &tree);

	if (rc == GIT_ENOTFOUND)
		return NULL;
	if (rc < 0)
		return amm_git_fail(rc, dir);
	for (size_t i = 0; i < git_tree_entrycount(tree); i++)
		amm_strlist_add(names, git_tree_entry_name(git_tree_entry_byindex(tree, i)));
	amm_strlist_sort(names);
	return NULL;
}

/* History. */

static bool
oid_equal(bool has_a, const git_oid *a, bool has_b, const git_oid *b)
{
	return has_a == has_b && (!has_a || git_oid_equal(a, b));
}

static bool
tree_blob_id(git_tree *tree, const char *path, git_oid *out)
{
	git_tree_entry *entry = NULL;
	bool found = false;

	if (git_tree_entry_bypath(&entry, tree, path) == 0) {
		git_oid_cpy(out, git_tree_entry_id(entry));
		found = true;
	}
	git_tree_entry_free(entry);
	return found;
}

/* Did commit change path with respect to each of its parents? */
static int
commit_changed(git_commit *commit, const char *path, bool *changed)
{
	git_tree *tree = NULL;
	git_oid mine, theirs;
	bool has_mine;
	unsigned np = git_commit_parentcount(commit);
	int rc;

	*changed = false;
	rc = git_commit_tree(&tree, commit);
	if (rc < 0)
		return rc;
	has_mine = tree_blob_id(tree, path, &mine);
	git_tree_free(tree);
	*changed = np == 0 ? has_mine : true;
	for (unsigned i = 0; i < np && *changed; i++) {
		git_commit *parent = NULL;
		git_tree *ptree = NULL;
		bool has_theirs;

		rc = git_commit_parent(&parent, commit, i);
		if (rc == 0)
			rc = git_commit_tree(&ptree, parent);
		if (rc < 0) {
			git_commit_free(parent);
			return rc;
		}
		has_theirs = tree_blob_id(ptree, path, &theirs);
		if (oid_equal(has_mine, &mine, has_theirs, &theirs))
			*changed = false;
		git_tree_free(ptree);
		git_commit_free(parent);
	}
	return 0;
}

amm_error *
amm_store_path_log(struct amm_store *st, const char *path, struct amm_log_entry **out, size_t *n)
{
	struct amm_log_entry *list = NULL;
	git_oid *ids = NULL;
	size_t len = 0, nids = 0;
	amm_error *err;
	int rc = 0;

	*out = NULL;
	*n = 0;
	/* The history index names the commits that may have changed path; each is checked. */
	err = amm_history_candidates(st, path, &ids, &nids);
	for (size_t i = 0; err == NULL && rc == 0 && i < nids; i++) {
		git_commit *commit = NULL;
		bool changed = false;

		rc = git_commit_lookup(&commit, st->repo, &ids[i]);
		if (rc == 0)
			rc = commit_changed(commit, path, &changed);
		if (rc == 0 && changed) {
			const git_signature *a = git_commit_author(commit);
			const git_signature *c = git_commit_committer(commit);
			struct amm_log_entry *e;

			list = amm_xrealloc(list, (len + 1) * sizeof(*list));
			e = &list[len++];
			git_oid_tostr(e->id, sizeof(e->id), &ids[i]);
			e->author = amm_xstrdup(a->name);
			e->email = amm_xstrdup(a->email);
			e->time = (long long)c->when.time;
			e->offset = c->when.offset;
			e->message = amm_xstrdup(git_commit_message(commit));
			e->root = git_commit_parentcount(commit) == 0;
		}
		git_commit_free(commit);
	}
	free(ids);
	if (err == NULL && rc < 0)
		err = amm_git_fail(rc, "geschiedenis");
	if (err != NULL) {
		amm_log_free(list, len);
		return err;
	}
	*out = list;
	*n = len;
	return NULL;
}

void
amm_log_free(struct amm_log_entry *entries, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(entries[i].author);
		free(entries[i].email);
		free(entries[i].message);
	}
	free(entries);
}

amm_error *
amm_snap_open_date(struct amm_snap **out, struct amm_store *st, struct amm_date date,
                   const char *path)
{
	git_commit *commit = NULL;
	git_oid id;
	long day = amm_date_to_days(date);
	amm_error *err = NULL;
	int rc;

	*out = NULL;
	if (path != NULL) {
		struct amm_log_entry *log = NULL;
		size_t n = 0, i = 0;

		err = amm_store_path_log(st, path, &log, &n);
		while (err == NULL && i < n &&
		       amm_date_to_days(amm_date_of_time(log[i].time, log[i].offset)) > day)
			i++;
		if (err == NULL && i < n)
			err = amm_snap_open(out, st, log[i].id);
		amm_log_free(log, n);
		/* Not there yet by then: the day as the whole repository had it says so. */
		if (err != NULL || *out != NULL)
			return err;
	}
	rc = git_reference_name_to_id(&id, st->repo, "HEAD");
	if (rc == 0)
		rc = git_commit_lookup(&commit, st->repo, &id);
	while (rc == 0) {
		const git_signature *c = git_commit_committer(commit);
		git_commit *parent = NULL;

		if (amm_date_to_days(amm_date_of_time((long long)c->when.time, c->when.offset)) <=
		    day) {
			err = amm_snap_of(out, st->repo, git_commit_id(commit));
			break;
		}
		if (git_commit_parentcount(commit) == 0) {
			rc = GIT_ENOTFOUND;
			break;
		}
		rc = git_commit_parent(&parent, commit, 0);
		git_commit_free(commit);
		commit = parent;
	}
	git_commit_free(commit);
	if (rc == GIT_ENOTFOUND || rc == GIT_EUNBORNBRANCH)
		return amm_error_new(AMM_EXIT_NOTFOUND, MSG_STORE_NO_DATE, date.y, date.m, date.d);
	if (rc < 0)
		return amm_git_fail(rc, "geschiedenis");
	return err;
}

/* Writing. */

struct amm_snap *
amm_tx_snap(struct amm_tx *tx)
{
	return tx->snap;
}

static struct tx_change *
tx_change(struct amm_tx *tx, const char *path)
{
	struct tx_change *c;

	for (size_t i = 0; i < tx->len; i++)
		if (strcmp(tx->changes[i].path, path) == 0) {
			free(tx->changes[i].data);
			return &tx->changes[i];
		}
	tx->changes = amm_xrealloc(tx->changes, (tx->len + 1) * sizeof(*tx->changes));
	c = &tx->changes[tx->len++];
	memset(c, 0, sizeof(*c));
	c->path = amm_xstrdup(path);
	return c;
}

void
amm_tx_write(struct amm_tx *tx, const char *path, const char *data, size_t len)
{
	struct tx_change *c = tx_change(tx, path);

	c->data = amm_xstrndup(data, len);
	c->len = len;
}

void
amm_tx_remove(struct amm_tx *tx, const char *path)
{
	struct tx_change *c = tx_change(tx, path);

	c->data = NULL;
	c->len = 0;
}

void
amm_tx_message(struct amm_tx *tx, const char *casus, const char *onderdeel, const char *fmt, ...)
{
	va_list ap;

	free(tx->casus);
	free(tx->onderdeel);
	free(tx->what);
	tx->casus = casus != NULL ? amm_xstrdup(casus) : NULL;
	tx->onderdeel = amm_xstrdup(onderdeel);
	va_start(ap, fmt);
	tx->what = amm_vasprintf(fmt, ap);
	va_end(ap);
}

static void
tx_other(struct amm_tx *tx, const char *id)
{
	tx->has_other = git_oid_fromstr(&tx->other, id) == 0;
}

void
amm_tx_merge(struct amm_tx *tx, const char *other)
{
	tx_other(tx, other);
}

void
amm_tx_fast_forward(struct amm_tx *tx, const char *id)
{
	tx_other(tx, id);
	tx->fast_forward = tx->has_other;
}

void
amm_tx_note(struct amm_tx *tx, const char *line)
{
	amm_strlist_add(&tx->notes, line);
}

static void
tx_clear(struct amm_tx *tx)
{
	for (size_t i = 0; i < tx->len; i++) {
		free(tx->changes[i].path);
		free(tx->changes[i].data);
	}
	free(tx->changes);
	free(tx->casus);
	free(tx->onderdeel);
	free(tx->what);
	amm_strlist_free(&tx->notes);
	amm_snap_free(tx->snap);
	memset(tx, 0, sizeof(*tx));
}

/* An exclusive lock on .git/amm.lock, so that amm writers on one repository take turns. */
static amm_error *
store_lock(struct amm_store *st, int *fd_out)
{
	char *path = amm_store_git_path(st, "amm.lock");
	amm_error *err = NULL;
	int fd;

	*fd_out = -1;
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0) {
		err = amm_error_errno(MSG_STORE_LOCK, path);
		goto done;
	}
	/* Wait up to a minute: writers hold it for milliseconds. */
	for (int i = 0; flock(fd, LOCK_EX | LOCK_NB) != 0; i++) {
		if (errno != EWOULDBLOCK || i == 6000) {
			err = amm_error_errno(MSG_STORE_LOCK, path);
			close(fd);
			goto done;
		}
		usleep(10000);
	}
	*fd_out = fd;
done:
	free(path);
	return err;
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

static bool
oid_of_workfile(struct amm_store *st, const char *path, git_oid *out)
{
	char *full = amm_asprintf("%s%s", st->workdir, path);
	FILE *f = fopen(full, "rb");
	struct amm_buf buf = {0};
	char chunk[8192];
	size_t n;
	bool ok = false;

	free(full);
	if (f == NULL)
		return false;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		amm_buf_add(&buf, chunk, n);
	if (!ferror(f))
		ok = git_odb_hash(out, buf.data ? buf.data : "", buf.len, GIT_OBJECT_BLOB) == 0;
	fclose(f);
	amm_buf_free(&buf);
	return ok;
}

/*
 * Whether the index still has path as one of the last commits had it: a write killed after it
 * moved the branch, before it updated the index. Writing path puts the entry right.
 */
static bool
index_behind(struct amm_snap *snap, const char *path, const git_index_entry *ie)
{
	git_commit *c = NULL;
	bool behind = false;

	if (snap->commit == NULL || git_commit_dup(&c, snap->commit) != 0)
		return false;
	for (int depth = 0; depth < 50 && !behind; depth++) {
		git_commit *parent = NULL;
		git_tree *tree = NULL;
		git_tree_entry *entry = NULL;

		if (git_commit_parent(&parent, c, 0) != 0)
			break;
		git_commit_free(c);
		c = parent;
		if (git_commit_tree(&tree, c) != 0)
			break;
		if (git_tree_entry_bypath(&entry, tree, path) == 0)
			behind = ie != NULL && git_oid_equal(git_tree_entry_id(entry), &ie->id);
		else
			behind = ie == NULL;
		git_tree_entry_free(entry);
		git_tree_free(tree);
	}
	git_commit_free(c);
	return behind;
}

/* A path amm would write must be as HEAD has it, in the work tree and in the index. */
static amm_error *
check_clean(struct amm_tx *tx)
{
	git_index *index = NULL;
	amm_error *err = NULL;
	int rc;

	rc = git_repository_index(&index, tx->st->repo);
	if (rc == 0)
		rc = git_index_read(index, 0);
	if (rc < 0)
		return amm_git_fail(rc, "index");
	for (size_t i = 0; i < tx->len && err == NULL; i++) {
		const char *path = tx->changes[i].path;
		const git_index_entry *ie = git_index_get_bypath(index, path, 0);
		git_oid base, work;
		bool has_base = snap_blob_id(tx->snap, path, &base);
		bool has_work = oid_of_workfile(tx->st, path, &work);

		if (!oid_equal(has_base, &base, has_work, &work) ||
		    (!oid_equal(has_base, &base, ie != NULL, ie ? &ie->id : NULL) &&
		     !index_behind(tx->snap, path, ie)) ||
		    git_index_get_bypath(index, path, 1) != NULL ||
		    git_index_get_bypath(index, path, 2) != NULL)
			err = amm_error_new(AMM_EXIT_CONFLICT, MSG_STORE_DIRTY, path, path, path);
	}
	git_index_free(index);
	return err;
}

static amm_error *
mkdirs(const char *workdir, const char *path)
{
	char *full = amm_asprintf("%s%s", workdir, path);
	amm_error *err = NULL;

	for (char *p = full + strlen(workdir); (p = strchr(p, '/')) != NULL; p++) {
		*p = '\0';
		if (mkdir(full, 0700) != 0 && errno != EEXIST) {
			err = amm_error_errno(MSG_STORE_MKDIR, full);
			break;
		}
		*p = '/';
	}
	free(full);
	return err;
}

/* Write data to path in the work tree through a temporary file, fsync and rename. */
static amm_error *
write_workfile(struct amm_store *st, const struct tx_change *c)
{
	char *full = amm_asprintf("%s%s", st->workdir, c->path);
	char *tmp = NULL;
	amm_error *err = NULL;
	size_t off = 0;
	int fd = -1;

	if (c->data == NULL) {
		if (unlink(full) != 0 && errno != ENOENT)
			err = amm_error_errno(MSG_STORE_WRITE, c->path);
		goto done;
	}
	err = mkdirs(st->workdir, c->path);
	if (err != NULL)
		goto done;
	/* Writers hold the lock: a file of this name is an interrupted write's, to be replaced. */
	tmp = amm_asprintf("%s" TMP_SUFFIX, full);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0) {
		free(tmp);
		tmp = NULL;
		err = amm_error_errno(MSG_STORE_WRITE, c->path);
		goto done;
	}
	while (off < c->len) {
		ssize_t n = write(fd, c->data + off, c->len - off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			err = amm_error_errno(MSG_STORE_WRITE, c->path);
			goto done;
		}
		off += (size_t)n;
	}
	if (fsync(fd) != 0 || close(fd) != 0) {
		fd = -1;
		err = amm_error_errno(MSG_STORE_WRITE, c->path);
		goto done;
	}
	fd = -1;
	if (rename(tmp, full) != 0) {
		err = amm_error_errno(MSG_STORE_WRITE, c->path);
		goto done;
	}
	free(tmp);
	tmp = NULL;
done:
	if (fd >= 0)
		close(fd);
	if (tmp != NULL) {
		unlink(tmp);
		free(tmp);
	}
	free(full);
	return err;
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

/* who is AUTHOR or COMMITTER; the committer is the author unless set apart. */
static amm_error *
signature(struct amm_store *st, const char *who, const git_signature *author, git_signature **out)
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

static char *
tx_commit_message(const struct amm_tx *tx)
{
	struct amm_buf buf = {0};

	if (tx->casus != NULL)
		amm_buf_addf(&buf, "%s %s: %s\n\n", tx->casus, tx->onderdeel, tx->what);
	else
		amm_buf_addf(&buf, "%s: %s\n\n", tx->onderdeel, tx->what);
	for (size_t i = 0; i < tx->notes.len; i++)
		amm_buf_addf(&buf, "%s%s\n", tx->notes.items[i],
		             i + 1 == tx->notes.len ? "\n" : "");
	if (tx->casus != NULL)
		amm_buf_addf(&buf, "AMM-Casus: %s\n", tx->casus);
	amm_buf_addf(&buf, "AMM-Onderdeel: %s\n", tx->onderdeel);
	return amm_buf_detach(&buf, NULL);
}

/* Blobs for the changes; drop those that leave a file as it was. */
static amm_error *
tx_prepare(struct amm_tx *tx)
{
	size_t kept = 0;

	for (size_t i = 0; i < tx->len; i++) {
		struct tx_change *c = &tx->changes[i];
		git_oid base;
		bool has_base = snap_blob_id(tx->snap, c->path, &base);
		bool same;

		if (c->data != NULL) {
			int rc =
			    git_blob_create_from_buffer(&c->oid, tx->st->repo, c->data, c->len);

			if (rc < 0)
				return amm_git_fail(rc, c->path);
			same = has_base && git_oid_equal(&base, &c->oid);
		} else {
			same = !has_base;
		}
		if (same) {
			free(c->path);
			free(c->data);
		} else {
			tx->changes[kept++] = *c;
		}
	}
	tx->len = kept;
	return NULL;
}

static amm_error *
tx_commit(struct amm_tx *tx, git_oid *commit_id)
{
	git_tree_update *updates = amm_xcalloc(tx->len, sizeof(*updates));
	git_signature *author = NULL, *committer = NULL;
	git_tree *tree = NULL;
	git_oid tree_id;
	char *message = NULL;
	const git_commit *parents[2];
	git_commit *other = NULL;
	amm_error *err = NULL;
	int rc;

	if (tx->fast_forward) {
		git_oid_cpy(commit_id, &tx->other);
		free(updates);
		return NULL;
	}

	for (size_t i = 0; i < tx->len; i++) {
		updates[i].action =
		    tx->changes[i].data ? GIT_TREE_UPDATE_UPSERT : GIT_TREE_UPDATE_REMOVE;
		updates[i].id = tx->changes[i].oid;
		updates[i].filemode = GIT_FILEMODE_BLOB;
		updates[i].path = tx->changes[i].path;
	}
	/* No baseline in an empty repository: the tree is built from the updates alone. */
	rc = git_tree_create_updated(&tree_id, tx->st->repo, tx->snap->tree, tx->len, updates);
	if (rc < 0) {
		err = amm_git_fail(rc, "tree");
		goto done;
	}
	err = signature(tx->st, "AUTHOR", NULL, &author);
	if (err == NULL)
		err = signature(tx->st, "COMMITTER", author, &committer);
	if (err != NULL)
		goto done;
	rc = git_tree_lookup(&tree, tx->st->repo, &tree_id);
	if (rc < 0) {
		err = amm_git_fail(rc, "tree");
		goto done;
	}
	message = tx_commit_message(tx);
	err = amm_privacy_check_message(message);
	if (err != NULL)
		goto done;
	parents[0] = tx->snap->commit;
	if (tx->has_other) {
		rc = git_commit_lookup(&other, tx->st->repo, &tx->other);
		if (rc < 0) {
			err = amm_git_fail(rc, "commit");
			goto done;
		}
		parents[1] = other;
	}
	rc = git_commit_create(commit_id, tx->st->repo, NULL, author, committer, "UTF-8", message,
	                       tree, (tx->snap->commit ? 1 : 0) + (other ? 1 : 0),
	                       tx->snap->commit ? parents : parents + 1);
	if (rc < 0)
		err = amm_git_fail(rc, "commit");
done:
	git_commit_free(other);
	git_tree_free(tree);
	git_signature_free(author);
	git_signature_free(committer);
	free(message);
	free(updates);
	return err;
}

/*
 * git's lock file for name (a ref, or "index") in .git. amm's own writers take turns on
 * amm.lock, so it is a git command at work, or one that was killed: give it two seconds, then
 * name the file. NULL when it is gone (*gone set).
 */
static amm_error *
lock_left(struct amm_store *st, const char *name, bool *gone)
{
	char *path = amm_asprintf("%s%s.lock", git_repository_path(st->repo), name);
	amm_error *err = NULL;

	*gone = true;
	for (int i = 0; access(path, F_OK) == 0; i++) {
		if (i == 200) {
			*gone = false;
			err = amm_error_new(AMM_EXIT_CONFLICT, MSG_STORE_LOCK_LEFT, path, path);
			break;
		}
		usleep(10000);
	}
	free(path);
	return err;
}

/* Move the branch from tip to id; *lost when someone else moved it first. */
static amm_error *
move_branch(struct amm_tx *tx, const char *branch, const git_oid *tip, bool unborn,
            const git_oid *id, bool *lost)
{
	git_reference *ref = NULL;
	char *log = amm_asprintf("commit: %s", tx->what);
	int rc;

	*lost = false;
	if (unborn)
		rc = git_reference_create(&ref, tx->st->repo, branch, id, 0, log);
	else
		rc = git_reference_create_matching(&ref, tx->st->repo, branch, id, 1, tip, log);
	free(log);
	git_reference_free(ref);
	if (rc == GIT_ELOCKED)
		return lock_left(tx->st, branch, lost);
	if (rc == GIT_EMODIFIED || rc == GIT_EEXISTS) {
		*lost = true;
		return NULL;
	}
	return rc < 0 ? amm_git_fail(rc, branch) : NULL;
}

static amm_error *
update_index(struct amm_tx *tx)
{
	git_index *index = NULL;
	amm_error *err;
	bool gone;
	int rc;

	for (int attempt = 0;; attempt++) {
		rc = git_repository_index(&index, tx->st->repo);
		if (rc == 0)
			rc = git_index_read(index, 0); /* re-read only when it changed on disk */
		for (size_t i = 0; i < tx->len && rc == 0; i++)
			rc = tx->changes[i].data
			         ? git_index_add_bypath(index, tx->changes[i].path)
			         : git_index_remove_bypath(index, tx->changes[i].path);
		if (rc == 0)
			rc = git_index_write(index);
		git_index_free(index);
		index = NULL;
		if (rc != GIT_ELOCKED || attempt == 100)
			break;
		err = lock_left(tx->st, "index", &gone);
		if (err != NULL)
			return amm_error_wrap(err, MSG_STORE_INDEX_LOCKED);
	}
	if (rc < 0) {
		const git_error *e = git_error_last();

		return amm_error_new(AMM_EXIT_SYSTEM, MSG_STORE_INDEX,
		                     e && e->message ? e->message : "?");
	}
	return NULL;
}

/* Put the files that an attempt which lost a race wrote back as the branch tip has them. */
static void
restore_workfiles(struct amm_store *st, const struct amm_strlist *written)
{
	struct amm_snap *now = NULL;

	if (amm_snap_open(&now, st, NULL) != NULL)
		return;
	for (size_t i = 0; i < written->len; i++) {
		struct tx_change c = {.path = written->items[i]};

		amm_error_free(amm_snap_read(now, c.path, &c.data, &c.len));
		amm_error_free(write_workfile(st, &c));
		free(c.data);
	}
	amm_snap_free(now);
}

amm_error *
amm_store_update(struct amm_store *st, amm_store_fn fn, void *ctx, bool *committed)
{
	struct amm_tx tx = {0};
	struct amm_strlist written = {0};
	amm_error *err = NULL;
	char *branch = NULL;
	git_oid tip, id;
	bool unborn, gone, lost = false;
	int lock = -1;

	*committed = false;
	err = store_lock(st, &lock);
	if (err != NULL)
		return err;
	if (git_repository_state(st->repo) != GIT_REPOSITORY_STATE_NONE) {
		err = amm_error_new(AMM_EXIT_CONFLICT, MSG_STORE_BUSY_STATE);
		goto done;
	}
	for (int attempt = 0;; attempt++) {
		err = amm_store_branch(st, &branch, &tip, &unborn);
		/* A lock file a killed git or amm left behind: said before anything is written. */
		if (err == NULL && attempt == 0)
			err = lock_left(st, "index", &gone);
		if (err == NULL && attempt == 0)
			err = lock_left(st, branch, &gone);
		if (err == NULL)
			err = amm_snap_of(&tx.snap, st->repo, unborn ? NULL : &tip);
		if (err != NULL)
			goto done;
		tx.st = st;
		err = fn(&tx, ctx);
		if (err == NULL)
			err = tx_prepare(&tx);
		if (err == NULL && tx.len > 0 && tx.onderdeel == NULL)
			err = amm_error_new(AMM_EXIT_SYSTEM, MSG_STORE_NO_MESSAGE);
		if (err == NULL && tx.len > 0 && attempt == 0)
			err = check_clean(&tx);
		if (err != NULL || (tx.len == 0 && !tx.has_other))
			goto done;
		err = tx_commit(&tx, &id);
		for (size_t i = 0; i < tx.len && err == NULL; i++) {
			amm_strlist_add(&written, tx.changes[i].path);
			err = write_workfile(st, &tx.changes[i]);
		}
		if (err == NULL)
			err = move_branch(&tx, branch, &tip, unborn, &id, &lost);
		if (err != NULL)
			goto done;
		if (!lost)
			break;
		if (attempt == 50) {
			err = amm_error_new(AMM_EXIT_CONFLICT, MSG_STORE_RACE);
			goto done;
		}
		tx_clear(&tx);
		free(branch);
		branch = NULL;
	}
	*committed = true;
	free(st->last_subject);
	st->last_subject = tx.casus ? amm_asprintf("%s %s: %s", tx.casus, tx.onderdeel, tx.what)
	                            : amm_asprintf("%s: %s", tx.onderdeel, tx.what);
	err = update_index(&tx);
done:
	/* A write that did not land leaves no file behind: they were clean before. */
	if (!*committed && written.len > 0)
		restore_workfiles(st, &written);
	amm_strlist_free(&written);
	tx_clear(&tx);
	free(branch);
	if (lock >= 0)
		close(lock);
	return err;
}

/* Forgetting a folder. */

/* A map from old to new commit ids (open addressing; ids are random enough to hash). */
struct oidmap {
	git_oid *keys, *vals;
	bool *used, *dropped_root;
	size_t cap;
};

static size_t
oid_hash(const git_oid *id, size_t cap)
{
	size_t h;

	memcpy(&h, id->id, sizeof(h));
	return h & (cap - 1);
}

static void
oidmap_put(struct oidmap *m, const git_oid *k, const git_oid *v)
{
	size_t i = oid_hash(k, m->cap);

	while (m->used[i] && !git_oid_equal(&m->keys[i], k))
		i = (i + 1) & (m->cap - 1);
	m->used[i] = true;
	git_oid_cpy(&m->keys[i], k);
	if (v != NULL)
		git_oid_cpy(&m->vals[i], v);
	m->dropped_root[i] = v == NULL;
}

/* The new id of k; false when k was dropped without a parent to stand in for it. */
static bool
oidmap_get(const struct oidmap *m, const git_oid *k, git_oid *v)
{
	size_t i = oid_hash(k, m->cap);

	while (m->used[i]) {
		if (git_oid_equal(&m->keys[i], k)) {
			if (m->dropped_root[i])
				return false;
			git_oid_cpy(v, &m->vals[i]);
			return true;
		}
		i = (i + 1) & (m->cap - 1);
	}
	git_oid_cpy(v, k); /* not rewritten: itself */
	return true;
}

static void
oidmap_free(struct oidmap *m)
{
	free(m->keys);
	free(m->vals);
	free(m->used);
	free(m->dropped_root);
}

/* The tree without dir, and without the folders above it that it leaves empty. */
static int
tree_without(git_repository *repo, git_tree *tree, const char *dir, git_oid *out, bool *changed)
{
	char *path = amm_xstrdup(dir);
	git_tree_entry *entry = NULL;
	git_tree *now = NULL;
	int rc = 0;

	*changed = false;
	git_oid_cpy(out, git_tree_id(tree));
	for (;;) {
		git_tree_update up = {.action = GIT_TREE_UPDATE_REMOVE, .path = path};
		char *slash;

		git_tree_free(now);
		now = NULL;
		rc = git_tree_lookup(&now, repo, out);
		if (rc < 0 || git_tree_entry_bypath(&entry, now, path) != 0)
			break;
		git_tree_entry_free(entry);
		entry = NULL;
		rc = git_tree_create_updated(out, repo, now, 1, &up);
		if (rc < 0)
			break;
		*changed = true;
		/* Is the parent folder empty now? Then it goes too. */
		slash = strrchr(path, '/');
		if (slash == NULL)
			break;
		*slash = '\0';
		git_tree_free(now);
		now = NULL;
		rc = git_tree_lookup(&now, repo, out);
		if (rc < 0 || git_tree_entry_bypath(&entry, now, path) != 0)
			break;
		{
			git_tree *sub = NULL;
			size_t n;

			rc = git_tree_lookup(&sub, repo, git_tree_entry_id(entry));
			n = rc == 0 ? git_tree_entrycount(sub) : 1;
			git_tree_free(sub);
			git_tree_entry_free(entry);
			entry = NULL;
			if (rc < 0 || n > 0)
				break;
		}
	}
	git_tree_entry_free(entry);
	git_tree_free(now);
	free(path);
	return rc < 0 ? rc : 0;
}

/* Rewrite one commit (parents first); records the new id or the drop in map. */
static int
rewrite_commit(git_repository *repo, git_commit *c, const char *dir, struct oidmap *map,
               struct amm_forget_report *r)
{
	unsigned np = git_commit_parentcount(c);
	git_commit **parents = amm_xcalloc(np ? np : 1, sizeof(*parents));
	git_oid new_tree, new_id, pid;
	git_tree *tree = NULL, *nt = NULL;
	unsigned kept = 0;
	bool changed = false, same = true;
	int rc;

	rc = git_commit_tree(&tree, c);
	if (rc == 0)
		rc = tree_without(repo, tree, dir, &new_tree, &changed);
	for (unsigned i = 0; i < np && rc == 0; i++) {
		bool dup = false;

		if (!oidmap_get(map, git_commit_parent_id(c, i), &pid)) {
			same = false;
			continue;
		}
		for (unsigned k = 0; k < kept; k++)
			dup = dup || git_oid_equal(git_commit_id(parents[k]), &pid);
		if (dup) {
			same = false;
			continue;
		}
		same = same && git_oid_equal(&pid, git_commit_parent_id(c, i));
		rc = git_commit_lookup(&parents[kept++], repo, &pid);
	}
	if (rc < 0)
		goto done;
	if (!changed && same) {
		oidmap_put(map, git_commit_id(c), git_commit_id(c));
		goto done;
	}
	/* A commit that only touched the folder has nothing left to say. */
	if (changed && kept == 1 && git_oid_equal(&new_tree, git_commit_tree_id(parents[0]))) {
		oidmap_put(map, git_commit_id(c), git_commit_id(parents[0]));
		r->dropped++;
		goto done;
	}
	rc = git_tree_lookup(&nt, repo, &new_tree);
	if (rc == 0 && changed && kept == 0 && git_tree_entrycount(nt) == 0) {
		oidmap_put(map, git_commit_id(c), NULL);
		r->dropped++;
		goto done;
	}
	if (rc == 0)
		rc = git_commit_create(&new_id, repo, NULL, git_commit_author(c),
		                       git_commit_committer(c), git_commit_message_encoding(c),
		                       git_commit_message(c), nt, kept,
		                       (const git_commit **)parents);
	if (rc == 0) {
		oidmap_put(map, git_commit_id(c), &new_id);
		r->rewritten++;
	}
done:
	for (unsigned k = 0; k < kept; k++)
		git_commit_free(parents[k]);
	free(parents);
	git_tree_free(tree);
	git_tree_free(nt);
	return rc;
}

static int
collect_ref(const char *name, void *payload)
{
	amm_strlist_add(payload, name);
	return 0;
}

/* Refuse what a rewrite cannot handle safely: local changes, annotated tags, unknown refs. */
static amm_error *
forget_check(struct amm_store *st, const struct amm_strlist *refs)
{
	git_status_options so;
	git_status_list *status = NULL;
	amm_error *err = NULL;
	size_t dirty = 0;
	int rc;

	git_status_options_init(&so, GIT_STATUS_OPTIONS_VERSION);
	if (git_repository_state(st->repo) != GIT_REPOSITORY_STATE_NONE)
		return amm_error_new(AMM_EXIT_CONFLICT, MSG_STORE_BUSY_STATE);
	if (git_repository_head_detached(st->repo) == 1)
		return amm_error_new(AMM_EXIT_CONFLICT, MSG_STORE_DETACHED);
	so.flags = GIT_STATUS_OPT_EXCLUDE_SUBMODULES;
	rc = git_status_list_new(&status, st->repo, &so);
	if (rc < 0)
		return amm_git_fail(rc, "status");
	for (size_t i = 0; i < git_status_list_entrycount(status); i++)
		if (git_status_byindex(status, i)->status != GIT_STATUS_WT_NEW &&
		    git_status_byindex(status, i)->status != GIT_STATUS_IGNORED)
			dirty++;
	git_status_list_free(status);
	if (dirty > 0)
		return amm_error_new(AMM_EXIT_CONFLICT, MSG_FORGET_DIRTY, dirty);
	for (size_t i = 0; i < refs->len && err == NULL; i++) {
		const char *name = refs->items[i];
		git_reference *ref = NULL;
		git_object *obj = NULL;

		if (amm_str_starts(name, "refs/heads/") || amm_str_starts(name, "refs/remotes/"))
			continue;
		if (!amm_str_starts(name, "refs/tags/")) {
			err = amm_error_new(AMM_EXIT_CONFLICT, MSG_FORGET_REF, name);
			break;
		}
		rc = git_reference_lookup(&ref, st->repo, name);
		if (rc == 0)
			rc = git_reference_peel(&obj, ref, GIT_OBJECT_ANY);
		if (rc == 0 && git_object_type(obj) != GIT_OBJECT_COMMIT)
			err = amm_error_new(AMM_EXIT_CONFLICT, MSG_FORGET_REF, name);
		git_object_free(obj);
		git_reference_free(ref);
	}
	return err;
}

static int
remove_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* rm -r path; an absent path is fine. */
static amm_error *
remove_tree(const char *path)
{
	if (nftw(path, remove_one, 16, FTW_DEPTH | FTW_PHYS) != 0 && errno != ENOENT)
		return amm_error_errno(MSG_STORE_WRITE, path);
	return NULL;
}

/* Delete every pack but keep, and every loose object. */
static amm_error *
drop_other_objects(struct amm_store *st, const char *keep)
{
	const char *gitdir = git_repository_path(st->repo);
	char *packdir = amm_asprintf("%sobjects/pack", gitdir);
	struct amm_strlist gone = {0};
	amm_error *err = NULL;
	DIR *d = opendir(packdir);
	struct dirent *e;

	if (d == NULL) {
		err = amm_error_errno(MSG_STORE_WRITE, packdir);
		goto done;
	}
	while ((e = readdir(d)) != NULL)
		if (amm_str_starts(e->d_name, "pack-") && strstr(e->d_name, keep) == NULL)
			amm_strlist_take(&gone, amm_asprintf("%s/%s", packdir, e->d_name));
	closedir(d);
	for (int i = 0; i < 256; i++) {
		char *sub = amm_asprintf("%sobjects/%02x", gitdir, i);
		DIR *ld = opendir(sub);

		while (ld != NULL && (e = readdir(ld)) != NULL)
			if (e->d_name[0] != '.')
				amm_strlist_take(&gone, amm_asprintf("%s/%s", sub, e->d_name));
		if (ld != NULL)
			closedir(ld);
		amm_strlist_take(&gone, sub);
	}
	/* Derived files that name old commits. */
	amm_strlist_take(&gone, amm_asprintf("%sobjects/info/commit-graph", gitdir));
	amm_strlist_take(&gone, amm_asprintf("%sORIG_HEAD", gitdir));
	amm_strlist_take(&gone, amm_asprintf("%sFETCH_HEAD", gitdir));
	for (size_t i = 0; i < gone.len; i++)
		if (remove(gone.items[i]) != 0 && errno != ENOENT && errno != ENOTEMPTY &&
		    errno != EEXIST && err == NULL)
			err = amm_error_errno(MSG_STORE_WRITE, gone.items[i]);
done:
	amm_strlist_free(&gone);
	free(packdir);
	return err;
}

amm_error *
amm_store_forget(struct amm_store *st, const char *dir, struct amm_forget_report *r)
{
	struct amm_strlist refs = {0};
	struct oidmap map = {0};
	git_revwalk *walk = NULL;
	git_packbuilder *pb = NULL;
	git_index *index = NULL;
	amm_error *err = NULL;
	git_oid id;
	int lock = -1, rc;

	memset(r, 0, sizeof(*r));
	err = store_lock(st, &lock);
	if (err != NULL)
		return err;
	rc = git_reference_foreach_name(st->repo, collect_ref, &refs);
	if (rc < 0) {
		err = amm_git_fail(rc, "refs");
		goto done;
	}
	err = forget_check(st, &refs);
	if (err != NULL)
		goto done;
	/* 1. New commits for the history of every branch and tag, parents first. */
	rc = git_revwalk_new(&walk, st->repo);
	if (rc == 0)
		rc = git_revwalk_sorting(walk, GIT_SORT_TOPOLOGICAL | GIT_SORT_REVERSE);
	for (size_t i = 0; i < refs.len && rc == 0; i++)
		if (!amm_str_starts(refs.items[i], "refs/remotes/"))
			rc = git_revwalk_push_ref(walk, refs.items[i]);
	while (rc == 0 && (rc = git_revwalk_next(&id, walk)) == 0) {
		git_commit *c = NULL;

		/* Grow the map at a quarter load; rebuilding is cheap next to the rewrite. */
		if ((r->rewritten + r->dropped + 1) * 4 > map.cap) {
			struct oidmap bigger = {0};

			bigger.cap = map.cap ? map.cap * 4 : 1024;
			bigger.keys = amm_xcalloc(bigger.cap, sizeof(git_oid));
			bigger.vals = amm_xcalloc(bigger.cap, sizeof(git_oid));
			bigger.used = amm_xcalloc(bigger.cap, sizeof(bool));
			bigger.dropped_root = amm_xcalloc(bigger.cap, sizeof(bool));
			for (size_t k = 0; map.used && k < map.cap; k++)
				if (map.used[k])
					oidmap_put(&bigger, &map.keys[k],
					           map.dropped_root[k] ? NULL : &map.vals[k]);
			oidmap_free(&map);
			map = bigger;
		}
		rc = git_commit_lookup(&c, st->repo, &id);
		if (rc == 0)
			rc = rewrite_commit(st->repo, c, dir, &map, r);
		git_commit_free(c);
	}
	git_revwalk_free(walk);
	walk = NULL;
	if (rc != GIT_ITEROVER && rc != 0) {
		err = amm_git_fail(rc, "geschiedenis herschrijven");
		goto done;
	}
	/* 2. A pack with everything the new history reaches, before anything is moved. */
	rc = git_revwalk_new(&walk, st->repo);
	for (size_t i = 0; i < refs.len && rc == 0; i++) {
		git_oid old, now;

		if (amm_str_starts(refs.items[i], "refs/remotes/"))
			continue;
		rc = git_reference_name_to_id(&old, st->repo, refs.items[i]);
		if (rc == 0 && !oidmap_get(&map, &old, &now)) {
			err = amm_error_new(AMM_EXIT_CONFLICT, MSG_FORGET_EMPTY, refs.items[i]);
			goto done;
		}
		if (rc == 0)
			rc = git_revwalk_push(walk, &now);
	}
	if (rc == 0)
		rc = git_packbuilder_new(&pb, st->repo);
	if (rc == 0)
		rc = git_packbuilder_insert_walk(pb, walk);
	if (rc == 0)
		rc = git_packbuilder_write(pb, NULL, 0, NULL, NULL);
	if (rc < 0) {
		err = amm_git_fail(rc, "pack");
		goto done;
	}
	/* 3. The refs point at the new history; reflogs, remote-tracking branches and the history
	 * index (it names the casus) go. */
	amm_history_remove(st);
	for (size_t i = 0; i < refs.len && err == NULL; i++) {
		const char *name = refs.items[i];
		git_reference *ref = NULL;
		git_oid old, now;

		if (amm_str_starts(name, "refs/remotes/")) {
			rc = git_reference_lookup(&ref, st->repo, name);
			if (rc == 0)
				rc = git_reference_delete(ref);
		} else {
			rc = git_reference_name_to_id(&old, st->repo, name);
			oidmap_get(&map, &old, &now);
			if (rc == 0)
				rc = git_reference_create(&ref, st->repo, name, &now, 1,
				                          "amm vergeet");
			if (amm_str_starts(name, "refs/heads/"))
				amm_strlist_add(&r->branches, name + strlen("refs/heads/"));
		}
		git_reference_free(ref);
		if (rc == 0)
			rc = git_reflog_delete(st->repo, name);
		if (rc < 0 && rc != GIT_ENOTFOUND)
			err = amm_git_fail(rc, name);
	}
	if (err == NULL) {
		rc = git_reflog_delete(st->repo, "HEAD");
		if (rc < 0 && rc != GIT_ENOTFOUND)
			err = amm_git_fail(rc, "HEAD");
	}
	/* 4. The folder leaves the index and the work tree. */
	if (err == NULL) {
		rc = git_repository_index(&index, st->repo);
		if (rc == 0)
			rc = git_index_read(index, 1);
		if (rc == 0)
			rc = git_index_remove_directory(index, dir, 0);
		if (rc == 0)
			rc = git_index_write(index);
		if (rc < 0)
			err = amm_git_fail(rc, "index");
	}
	if (err == NULL) {
		char *full = amm_asprintf("%s%s", st->workdir, dir);

		err = remove_tree(full);
		free(full);
	}
	/* 5. Nothing else stays: every object outside the new pack is deleted. */
	if (err == NULL) {
		char hex[GIT_OID_HEXSZ + 1];

		git_oid_tostr(hex, sizeof(hex), git_packbuilder_hash(pb));
		err = drop_other_objects(st, hex);
	}
	if (err == NULL) {
		git_strarray remotes = {0};

		if (git_remote_list(&remotes, st->repo) == 0)
			for (size_t i = 0; i < remotes.count; i++)
				amm_strlist_add(&r->remotes, remotes.strings[i]);
		git_strarray_dispose(&remotes);
	}
done:
	git_index_free(index);
	git_packbuilder_free(pb);
	git_revwalk_free(walk);
	oidmap_free(&map);
	amm_strlist_free(&refs);
	close(lock);
	return err;
}

void
amm_forget_report_free(struct amm_forget_report *r)
{
	amm_strlist_free(&r->branches);
	amm_strlist_free(&r->remotes);
}
