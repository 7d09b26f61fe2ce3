#include "store_priv.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "history.h"
#include "msg.h"
#include "privacy.h"
#include "worktree.h"

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

amm_error *
amm_snap_root_id(struct amm_snap *snap, char out[41])
{
	git_revwalk *walk = NULL;
	git_oid id, root;
	bool found = false;
	int rc;

	out[0] = '\0';
	if (snap->commit == NULL)
		return NULL;
	rc = git_revwalk_new(&walk, snap->repo);
	if (rc == 0)
		rc = git_revwalk_simplify_first_parent(walk);
	if (rc == 0)
		rc = git_revwalk_push(walk, git_commit_id(snap->commit));
	while (rc == 0 && (rc = git_revwalk_next(&id, walk)) == 0) {
		git_oid_cpy(&root, &id);
		found = true;
	}
	git_revwalk_free(walk);
	if (rc != GIT_ITEROVER)
		return amm_git_fail(rc, "git_revwalk_next");
	if (found)
		git_oid_tostr(out, 41, &root);
	return NULL;
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

/*
 * Stale locks. amm's writers take turns on .git/amm.lock with flock(2), which the kernel
 * releases when its holder dies, so amm.lock itself is never stale. While it holds amm.lock a
 * writer keeps one line in it: its pid, its start time and the boot id (a pid alone may be
 * reused), and the git lock file it is taking at that moment ("index", "refs/heads/main")
 * or "-". It empties the file when it lets go. A line found by the next holder is therefore
 * the line of a writer that died holding the lock, and amm.lock's mtime is when that writer
 * began its last step. A git lock file is that writer's leftover, and is removed, only when
 * the writer is no longer running, it died while taking that very lock, and the lock file
 * was made after that step began (and within seconds of it). Any other lock file is taken
 * to belong to a running git: amm waits for it and names it, as before.
 */

/*
 * The start time of process pid in clock ticks since boot (from /proc), 0 if unknown; *zombie
 * when it has exited and waits for its parent.
 */
static unsigned long long
proc_start(long pid, bool *zombie)
{
	char path[64], buf[1024];
	unsigned long long start = 0;
	size_t n;
	char *p;
	FILE *f;

	*zombie = false;
	snprintf(path, sizeof(path), "/proc/%ld/stat", pid);
	f = fopen(path, "r");
	if (f == NULL)
		return 0;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	/* Field 22; the command name (field 2, in parentheses) may hold spaces. */
	p = strrchr(buf, ')');
	*zombie = p != NULL && (p[1] == ' ') && (p[2] == 'Z' || p[2] == 'X');
	for (int field = 3; p != NULL && field <= 22; field++)
		p = strchr(p + 1, ' ');
	if (p != NULL)
		start = strtoull(p + 1, NULL, 10);
	return start;
}

static void
boot_id(char out[40])
{
	FILE *f = fopen("/proc/sys/kernel/random/boot_id", "r");

	strcpy(out, "-");
	if (f != NULL) {
		if (fscanf(f, "%39s", out) != 1)
			strcpy(out, "-");
		fclose(f);
	}
}

/* Say in amm.lock which git lock file this writer takes now ("-": none). */
static void
lock_step(struct amm_store *st, const char *step)
{
	char *line;
	size_t len;

	if (st->lock_fd < 0)
		return;
	line = amm_asprintf("%s %s\n", st->lock_owner, step);
	len = strlen(line);
	if (pwrite(st->lock_fd, line, len, 0) == (ssize_t)len)
		(void)!ftruncate(st->lock_fd, (off_t)len);
	free(line);
}

/* The line a writer that died holding amm.lock left in it: what it was doing, and since when. */
static void
lock_read_dead(struct amm_store *st)
{
	char buf[256], boot[40], dead_boot[40], step[200];
	struct stat sb;
	unsigned long long start, now;
	bool zombie;
	long pid;
	ssize_t n = pread(st->lock_fd, buf, sizeof(buf) - 1, 0);

	if (n <= 0 || fstat(st->lock_fd, &sb) != 0)
		return;
	buf[n] = '\0';
	if (sscanf(buf, "%ld %llu %39s %199s", &pid, &start, dead_boot, step) != 4 || pid <= 0)
		return;
	boot_id(boot);
	/* Still running (the same process, not one that got its pid): not dead, leave it be. */
	if (strcmp(boot, dead_boot) == 0 && (kill((pid_t)pid, 0) == 0 || errno == EPERM)) {
		now = proc_start(pid, &zombie);
		if (!zombie && (now == 0 || start == 0 || now == start))
			return;
	}
	if (strcmp(step, "-") != 0) {
		st->dead_step = amm_xstrdup(step);
		st->dead_since = sb.st_mtim;
		st->dead_pid = pid;
	}
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

/* amm.lock for amm_store_update(), with this writer's line in it. */
static amm_error *
store_lock_own(struct amm_store *st)
{
	amm_error *err = store_lock(st, &st->lock_fd);
	char boot[40];
	bool zombie;

	if (err != NULL)
		return err;
	lock_read_dead(st);
	boot_id(boot);
	free(st->lock_owner);
	st->lock_owner =
	    amm_asprintf("%ld %llu %s", (long)getpid(), proc_start(getpid(), &zombie), boot);
	lock_step(st, "-");
	return NULL;
}

/* Let go of amm.lock: an empty file says that its last holder finished. */
static void
store_unlock(struct amm_store *st)
{
	if (st->lock_fd < 0)
		return;
	(void)!ftruncate(st->lock_fd, 0);
	close(st->lock_fd);
	st->lock_fd = -1;
	free(st->dead_step);
	st->dead_step = NULL;
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

/* The blob id of path in the work tree (*has false when absent); a link or a folder is refused. */
static amm_error *
oid_of_workfile(struct amm_store *st, const char *path, bool *has, git_oid *out)
{
	char *data = NULL;
	size_t len = 0;
	amm_error *err = amm_worktree_read(st->workdir, path, &data, &len, has);
	int rc = err == NULL && *has ? git_odb_hash(out, data, len, GIT_OBJECT_BLOB) : 0;

	if (rc < 0)
		err = amm_git_fail(rc, path);
	free(data);
	return err;
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

/* Is path as the snapshot has it, in the work tree and in the index (not in a conflict)? */
static amm_error *
path_clean(struct amm_tx *tx, git_index *index, const char *path, bool *clean)
{
	const git_index_entry *ie = git_index_get_bypath(index, path, 0);
	git_oid base, work;
	bool has_base = snap_blob_id(tx->snap, path, &base), has_work;
	amm_error *err = oid_of_workfile(tx->st, path, &has_work, &work);

	*clean = err == NULL && oid_equal(has_base, &base, has_work, &work) &&
	         (oid_equal(has_base, &base, ie != NULL, ie ? &ie->id : NULL) ||
	          index_behind(tx->snap, path, ie)) &&
	         git_index_get_bypath(index, path, 1) == NULL &&
	         git_index_get_bypath(index, path, 2) == NULL;
	return err;
}

static amm_error *
tx_index(struct amm_tx *tx, git_index **index)
{
	int rc = git_repository_index(index, tx->st->repo);

	if (rc == 0)
		rc = git_index_read(*index, 0);
	return rc < 0 ? amm_git_fail(rc, "index") : NULL;
}

/* A path amm would write must be as HEAD has it, in the work tree and in the index. */
static amm_error *
check_clean(struct amm_tx *tx)
{
	git_index *index = NULL;
	amm_error *err = tx_index(tx, &index);
	bool clean = true;

	for (size_t i = 0; i < tx->len && err == NULL && clean; i++) {
		const char *path = tx->changes[i].path;

		err = path_clean(tx, index, path, &clean);
		if (err == NULL && !clean)
			err = amm_error_new(AMM_EXIT_CONFLICT, MSG_STORE_DIRTY, path, path, path);
	}
	git_index_free(index);
	return err;
}

amm_error *
amm_tx_clean(struct amm_tx *tx, const char *path, bool *clean)
{
	git_index *index = NULL;
	amm_error *err = tx_index(tx, &index);

	*clean = false;
	if (err == NULL)
		err = path_clean(tx, index, path, clean);
	git_index_free(index);
	return err;
}

/* Write data to path in the work tree, confined to it (worktree.h); data NULL removes it. */
static amm_error *
write_workfile(struct amm_store *st, const struct tx_change *c)
{
	return amm_worktree_write(st->workdir, c->path, c->data, c->len);
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

			/* A full disk, a file-size limit: the file amm wanted to write. */
			if (rc < 0)
				return amm_error_wrap(amm_git_fail(rc, c->path), MSG_STORE_WRITE,
				                      c->path);
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
 * amm.lock, so it is a git command at work, or one that was killed. The leftover of an amm
 * that died taking it (see lock_read_dead) is removed with a notice; for any other, give it
 * two seconds, then name the file. NULL when it is gone (*gone set).
 */
static amm_error *
lock_left(struct amm_store *st, const char *name, bool *gone)
{
	char *path = amm_asprintf("%s%s.lock", git_repository_path(st->repo), name);
	amm_error *err = NULL;
	struct stat sb;

	*gone = true;
	if (st->dead_step != NULL && strcmp(st->dead_step, name) == 0 && lstat(path, &sb) == 0 &&
	    S_ISREG(sb.st_mode) &&
	    (sb.st_mtim.tv_sec > st->dead_since.tv_sec ||
	     (sb.st_mtim.tv_sec == st->dead_since.tv_sec &&
	      sb.st_mtim.tv_nsec >= st->dead_since.tv_nsec)) &&
	    sb.st_mtim.tv_sec <= st->dead_since.tv_sec + 5 && unlink(path) == 0)
		amm_strlist_take(&st->notices,
		                 amm_asprintf(MSG_STORE_LOCK_STALE, path, st->dead_pid));
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
	lock_step(tx->st, branch);
	if (unborn)
		rc = git_reference_create(&ref, tx->st->repo, branch, id, 0, log);
	else
		rc = git_reference_create_matching(&ref, tx->st->repo, branch, id, 1, tip, log);
	lock_step(tx->st, "-");
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

/* The index entries of paths as the work tree has them (a path it lacks is removed). */
static amm_error *
update_index(struct amm_store *st, const struct amm_strlist *paths)
{
	git_index *index = NULL;
	amm_error *err;
	bool gone;
	int rc;

	if (paths->len == 0)
		return NULL;
	for (int attempt = 0;; attempt++) {
		rc = git_repository_index(&index, st->repo);
		if (rc == 0)
			rc = git_index_read(index, 0); /* re-read only when it changed on disk */
		for (size_t i = 0; i < paths->len && rc == 0; i++) {
			char *full = amm_asprintf("%s%s", st->workdir, paths->items[i]);

			rc = access(full, F_OK) == 0
			         ? git_index_add_bypath(index, paths->items[i])
			         : git_index_remove_bypath(index, paths->items[i]);
			free(full);
		}
		lock_step(st, "index");
		if (rc == 0)
			rc = git_index_write(index);
		lock_step(st, "-");
		git_index_free(index);
		index = NULL;
		if (rc != GIT_ELOCKED || attempt == 100)
			break;
		err = lock_left(st, "index", &gone);
		if (err != NULL)
			return err;
	}
	if (rc < 0) {
		const git_error *e = git_error_last();

		return amm_error_new(AMM_EXIT_SYSTEM, "%s", e && e->message ? e->message : "?");
	}
	return NULL;
}

/*
 * Crash safety. A write is: blobs, tree and commit into the object database (harmless when
 * it dies: unreferenced objects), then a write-ahead marker .git/amm-write (written whole and
 * renamed into place), then the work-tree files (each renamed into place), then the branch
 * moved with a compare-and-swap, then the index, and last the marker removed. The marker
 * names the commit and, per path, the blob before and after the write (zeros: no file):
 *
 *   amm-write 1
 *   <old tip> <new commit>
 *   <old blob> <new blob> <path>
 *
 * A write that dies leaves the marker, and the next amm write settles it before anything
 * else: each path whose work-tree file (and index entry) is still one of amm's two versions
 * is put as the branch tip now has it. If the branch moved that finishes the write, if not
 * it takes it back. A file with any other content is someone's hand edit: it is left alone,
 * and the write that wants to change it refuses (exit 5) as for any uncommitted change.
 *
 * Why a marker, and not only the branch moved before the work tree: in either order there is
 * a moment when the work tree and the branch differ, and only a record of what amm wrote tells
 * its own leftover from a hand edit. Files first keeps a failed write (a full disk) simple: it
 * is taken back before anything is committed, and a commit is never left without its files.
 */
#define MARKER "amm-write"

static bool
marker_oid(const char *hex, git_oid *out, bool *has)
{
	if (git_oid_fromstrn(out, hex, GIT_OID_HEXSZ) != 0)
		return false;
	*has = !git_oid_is_zero(out);
	return true;
}

static bool
oid_is(bool has_a, const git_oid *a, bool has_old, const git_oid *old, bool has_new,
       const git_oid *new)
{
	return oid_equal(has_a, a, has_old, old) || oid_equal(has_a, a, has_new, new);
}

/*
 * Put each path of the marker that amm left half-way as the branch tip has it, in the work
 * tree and the index. *changed when a file or index entry had to change.
 */
static amm_error *
settle(struct amm_store *st, const char *marker, bool *changed)
{
	struct amm_snap *now = NULL;
	struct amm_strlist fix = {0};
	git_index *index = NULL;
	amm_error *err = NULL;
	const char *line = strchr(marker, '\n');
	int rc;

	*changed = false;
	if (!amm_str_starts(marker, MARKER " 1\n") || line == NULL ||
	    (line = strchr(line + 1, '\n')) == NULL)
		return amm_error_new(AMM_EXIT_SYSTEM, MSG_STORE_MARKER, MARKER);
	err = amm_snap_open(&now, st, NULL);
	if (err != NULL)
		return err;
	rc = git_repository_index(&index, st->repo);
	if (rc == 0)
		rc = git_index_read(index, 0);
	if (rc < 0) {
		err = amm_git_fail(rc, "index");
		goto done;
	}
	for (line++; *line != '\0' && err == NULL;) {
		const char *end = strchr(line, '\n');
		char *path;
		const git_index_entry *ie;
		git_oid old, new, work, tip;
		bool has_old, has_new, has_work, has_tip;
		amm_error *werr;

		if (end == NULL || end - line < 2 * GIT_OID_HEXSZ + 3 ||
		    !marker_oid(line, &old, &has_old) ||
		    !marker_oid(line + GIT_OID_HEXSZ + 1, &new, &has_new)) {
			err = amm_error_new(AMM_EXIT_SYSTEM, MSG_STORE_MARKER, MARKER);
			break;
		}
		path = amm_xstrndup(line + 2 * GIT_OID_HEXSZ + 2,
		                    (size_t)(end - line) - 2 * GIT_OID_HEXSZ - 2);
		line = end + 1;
		/* A link or a folder there is not amm's leftover: it stays, and is refused later.
		 */
		werr = oid_of_workfile(st, path, &has_work, &work);
		if (werr != NULL) {
			amm_error_free(werr);
			free(path);
			continue;
		}
		has_tip = snap_blob_id(now, path, &tip);
		if (oid_is(has_work, &work, has_old, &old, has_new, &new) &&
		    !oid_equal(has_work, &work, has_tip, &tip)) {
			struct tx_change c = {.path = path};

			if (has_tip)
				err = amm_snap_read(now, path, &c.data, &c.len);
			if (err == NULL)
				err = write_workfile(st, &c);
			free(c.data);
			*changed = err == NULL;
			has_work = has_tip;
			work = tip;
		}
		ie = git_index_get_bypath(index, path, 0);
		if (err == NULL && oid_equal(has_work, &work, has_tip, &tip) &&
		    oid_is(ie != NULL, ie ? &ie->id : NULL, has_old, &old, has_new, &new) &&
		    !oid_equal(ie != NULL, ie ? &ie->id : NULL, has_tip, &tip))
			amm_strlist_add(&fix, path);
		free(path);
	}
	git_index_free(index);
	index = NULL;
	if (err == NULL)
		err = update_index(st, &fix);
	*changed = *changed || (err == NULL && fix.len > 0);
done:
	git_index_free(index);
	amm_strlist_free(&fix);
	amm_snap_free(now);
	return err;
}

/* The marker of a write that died, settled; the notice says which way it went. */
static amm_error *
recover(struct amm_store *st)
{
	char *path = amm_store_git_path(st, MARKER);
	char *marker = NULL;
	amm_error *err = NULL;
	git_oid tip, commit;
	bool changed;
	struct amm_buf buf = {0};
	char chunk[4096];
	size_t n;
	FILE *f = fopen(path, "rb");

	if (f == NULL) {
		if (errno != ENOENT)
			err = amm_error_errno(MSG_STORE_MARKER, path);
		goto done;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		amm_buf_add(&buf, chunk, n);
	if (ferror(f))
		err = amm_error_errno(MSG_STORE_MARKER, path);
	fclose(f);
	marker = amm_buf_detach(&buf, NULL);
	if (err == NULL)
		err = settle(st, marker, &changed);
	if (err != NULL)
		goto done;
	if (changed) {
		bool forward = strlen(marker) > 12 + 2 * GIT_OID_HEXSZ &&
		               git_reference_name_to_id(&tip, st->repo, "HEAD") == 0 &&
		               git_oid_fromstrn(&commit, marker + 12 + GIT_OID_HEXSZ + 1,
		                                GIT_OID_HEXSZ) == 0 &&
		               git_oid_equal(&tip, &commit);

		amm_strlist_add(&st->notices,
		                forward ? MSG_STORE_ROLLED_FORWARD : MSG_STORE_ROLLED_BACK);
	}
	if (unlink(path) != 0)
		err = amm_error_errno(MSG_STORE_WRITE, path);
done:
	free(marker);
	free(path);
	return err;
}

/*
 * Write the marker through amm-write.tmp, fsync and rename. Only the holder of amm.lock writes
 * it, so one fixed temporary name will do: a killed write's is replaced by the next.
 */
static amm_error *
marker_write(struct amm_store *st, const char *marker)
{
	char *path = amm_store_git_path(st, MARKER);
	char *tmp = amm_store_git_path(st, MARKER ".tmp");
	amm_error *err = NULL;
	size_t len = strlen(marker), off = 0;
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);

	while (fd >= 0 && off < len) {
		ssize_t n = write(fd, marker + off, len - off);

		if (n < 0 && errno != EINTR)
			break;
		off += n > 0 ? (size_t)n : 0;
	}
	if (fd < 0 || off < len || fsync(fd) != 0) {
		err = amm_error_errno(MSG_STORE_WRITE, path);
		if (fd >= 0)
			close(fd);
	} else if (close(fd) != 0 || rename(tmp, path) != 0) {
		err = amm_error_errno(MSG_STORE_WRITE, path);
	}
	if (err != NULL && fd >= 0)
		unlink(tmp);
	free(tmp);
	free(path);
	return err;
}

/* The marker for the changes of tx, to be committed as commit_id on tip. */
static char *
marker_of(const struct amm_tx *tx, const git_oid *tip, bool unborn, const git_oid *commit_id)
{
	struct amm_buf buf = {0};
	char a[GIT_OID_HEXSZ + 1], b[GIT_OID_HEXSZ + 1];
	git_oid zero = {{0}}, base;

	git_oid_tostr(a, sizeof(a), unborn ? &zero : tip);
	git_oid_tostr(b, sizeof(b), commit_id);
	amm_buf_addf(&buf, MARKER " 1\n%s %s\n", a, b);
	for (size_t i = 0; i < tx->len; i++) {
		const struct tx_change *c = &tx->changes[i];

		if (!snap_blob_id(tx->snap, c->path, &base))
			base = zero;
		git_oid_tostr(a, sizeof(a), &base);
		git_oid_tostr(b, sizeof(b), c->data != NULL ? &c->oid : &zero);
		amm_buf_addf(&buf, "%s %s %s\n", a, b, c->path);
	}
	return amm_buf_detach(&buf, NULL);
}

amm_error *
amm_store_update(struct amm_store *st, amm_store_fn fn, void *ctx, bool *committed)
{
	struct amm_tx tx = {0};
	struct amm_strlist written = {0};
	amm_error *err = NULL;
	char *branch = NULL, *marker = NULL;
	git_oid tip, id;
	bool unborn, gone, lost = false;

	*committed = false;
	err = amm_store_lock(st);
	if (err != NULL)
		return err;
	if (git_repository_state(st->repo) != GIT_REPOSITORY_STATE_NONE) {
		err = amm_error_new(AMM_EXIT_CONFLICT, MSG_STORE_BUSY_STATE);
		goto done;
	}
	for (int attempt = 0;; attempt++) {
		err = amm_store_branch(st, &branch, &tip, &unborn);
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
		if (err == NULL) {
			free(marker);
			marker = marker_of(&tx, &tip, unborn, &id);
			err = marker_write(st, marker);
			if (err != NULL) {
				free(marker);
				marker = NULL;
			}
		}
		for (size_t i = 0; i < tx.len && err == NULL; i++) {
			if (!amm_strlist_has(&written, tx.changes[i].path))
				amm_strlist_add(&written, tx.changes[i].path);
			err = write_workfile(st, &tx.changes[i]);
		}
		if (err == NULL)
			err = move_branch(&tx, branch, &tip, unborn, &id, &lost);
		if (err != NULL)
			goto done;
		if (!lost)
			break;
		/* Put the files this attempt wrote back as the new tip has them, and retry. */
		err = settle(st, marker, &gone);
		if (err == NULL && attempt == 50)
			err = amm_error_new(AMM_EXIT_CONFLICT, MSG_STORE_RACE);
		if (err != NULL)
			goto done;
		tx_clear(&tx);
		free(branch);
		branch = NULL;
	}
	*committed = true;
	git_oid_tostr(st->last_commit, sizeof(st->last_commit), &id);
	free(st->last_subject);
	st->last_subject = tx.casus ? amm_asprintf("%s %s: %s", tx.casus, tx.onderdeel, tx.what)
	                            : amm_asprintf("%s: %s", tx.onderdeel, tx.what);
	/* The commit is made: an index not brought along is a warning, and the marker stays. */
	err = update_index(st, &written);
	if (err != NULL) {
		amm_strlist_take(&st->notices, amm_asprintf(MSG_STORE_INDEX, err->msg));
		amm_error_free(err);
		err = NULL;
		free(marker);
		marker = NULL;
	}
done:
	/* A write that did not land leaves no file behind: they were clean before. */
	if (marker != NULL && !*committed) {
		amm_error *undo = settle(st, marker, &gone);

		if (undo != NULL) {
			amm_error_free(undo);
			free(marker);
			marker = NULL; /* the next write tries again */
		}
	}
	if (marker != NULL) {
		char *path = amm_store_git_path(st, MARKER);

		unlink(path);
		free(path);
	}
	free(marker);
	amm_strlist_free(&written);
	tx_clear(&tx);
	free(branch);
	store_unlock(st);
	return err;
}

/*
 * The writers' lock, for amm_store_update() and the erasure (erase.c). Before anything is
 * written: a lock file a killed git or amm left behind is said (or removed when it is amm's
 * own), and a write that was killed half-way is finished or taken back.
 */
amm_error *
amm_store_lock(struct amm_store *st)
{
	char *branch = NULL;
	amm_error *err;
	git_oid tip;
	bool unborn, gone;

	err = store_lock_own(st);
	if (err != NULL)
		return err;
	err = amm_store_branch(st, &branch, &tip, &unborn);
	if (err == NULL)
		err = lock_left(st, "index", &gone);
	if (err == NULL)
		err = lock_left(st, branch, &gone);
	if (err == NULL && st->dead_step != NULL && strcmp(st->dead_step, "index") != 0 &&
	    strcmp(st->dead_step, branch) != 0)
		err = lock_left(st, st->dead_step, &gone);
	if (err == NULL)
		err = recover(st);
	free(branch);
	if (err != NULL)
		store_unlock(st);
	return err;
}

amm_error *
amm_store_settle(struct amm_store *st)
{
	char *path = amm_store_git_path(st, MARKER);
	bool killed = access(path, F_OK) == 0;
	amm_error *err = NULL;

	free(path);
	if (killed) {
		err = amm_store_lock(st);
		if (err == NULL)
			store_unlock(st);
	}
	return err;
}

void
amm_store_lock_step(struct amm_store *st, const char *step)
{
	lock_step(st, step != NULL ? step : "-");
}

void
amm_store_unlock(struct amm_store *st)
{
	store_unlock(st);
}

amm_error *
amm_store_author(struct amm_store *st, git_signature **out)
{
	return signature(st, "AUTHOR", NULL, out);
}
