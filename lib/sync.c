#include "sync.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "casus.h"
#include "erase.h"
#include "inidoc.h"
#include "merge.h"
#include "msg.h"
#include "store_priv.h"
#include "template.h"

#define MAX_PUSHES 6

/* What the transfer callbacks need, and what they found out. */
struct remote_cb {
	bool progress;
	unsigned int shown; /* objects in the last progress line */
	int ssh_attempt, userpass_attempt;
	const char *auth_error;
	const char *host_error; /* the server's key or certificate was refused */
	char *refused;          /* the server's reason for refusing a push */
};

/* The first line an askpass program prints for prompt, or NULL. */
static char *
askpass(const char *prompt)
{
	const char *prog = getenv("GIT_ASKPASS");
	struct amm_buf buf = {0};
	char chunk[256];
	int fds[2], status;
	ssize_t n;
	pid_t pid;

	if (prog == NULL || *prog == '\0')
		prog = getenv("SSH_ASKPASS");
	if (prog == NULL || *prog == '\0' || pipe(fds) != 0)
		return NULL;
	pid = fork();
	if (pid == 0) {
		int null = open("/dev/null", O_RDONLY);

		dup2(null, 0);
		dup2(fds[1], 1);
		close(fds[0]);
		close(fds[1]);
		execlp(prog, prog, prompt, (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	while (pid > 0 && (n = read(fds[0], chunk, sizeof(chunk))) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			break;
		amm_buf_add(&buf, chunk, (size_t)n);
	}
	close(fds[0]);
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 0) {
		amm_buf_free(&buf);
		return NULL;
	}
	amm_buf_adds(&buf, "");
	buf.data[strcspn(buf.data, "\r\n")] = '\0';
	return amm_buf_detach(&buf, NULL);
}

static int
credentials(git_credential **out, const char *url, const char *user_from_url, unsigned int allowed,
            void *payload)
{
	static const char *const keys[] = {"id_ed25519", "id_ecdsa", "id_rsa"};
	struct remote_cb *cb = payload;
	const struct passwd *pw = getpwuid(getuid());
	/* Without a name in the URL, ssh's own choice: the local user's. */
	const char *login = pw != NULL ? pw->pw_name : "git";
	const char *user = user_from_url;
	const char *home = getenv("HOME");

	if (allowed & GIT_CREDENTIAL_USERNAME)
		return git_credential_username_new(out, user ? user : login);
	if (allowed & GIT_CREDENTIAL_SSH_KEY) {
		while (cb->ssh_attempt <= 3) {
			int a = cb->ssh_attempt++;
			char *priv, *pub;
			int rc;

			if (a == 0) {
				if (getenv("SSH_AUTH_SOCK") != NULL)
					return git_credential_ssh_key_from_agent(out, user ? user
					                                                   : "git");
				continue;
			}
			priv = amm_asprintf("%s/.ssh/%s", home ? home : "", keys[a - 1]);
			pub = amm_asprintf("%s.pub", priv);
			rc = access(priv, R_OK) != 0
			         ? 1
			         : git_credential_ssh_key_new(out, user ? user : login,
			                                      access(pub, R_OK) == 0 ? pub : NULL,
			                                      priv, NULL);
			free(priv);
			free(pub);
			if (rc <= 0)
				return rc;
		}
		cb->auth_error = "geen ssh-sleutel werkte (ssh-agent, ~/.ssh/id_ed25519, "
		                 "~/.ssh/id_ecdsa, ~/.ssh/id_rsa)";
		return GIT_EAUTH;
	}
	if (allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT) {
		char *prompt, *name = NULL, *pass = NULL;
		int rc;

		if (cb->userpass_attempt++ > 0) {
			cb->auth_error = "de server wees de gebruikersnaam of het wachtwoord af";
			return GIT_EAUTH;
		}
		name = user                      ? amm_xstrdup(user)
		       : getenv("AMM_GEBRUIKER") ? amm_xstrdup(getenv("AMM_GEBRUIKER"))
		                                 : NULL;
		if (name == NULL) {
			prompt = amm_asprintf("Gebruikersnaam voor %s: ", url);
			name = askpass(prompt);
			free(prompt);
		}
		if (getenv("AMM_WACHTWOORD") != NULL) {
			pass = amm_xstrdup(getenv("AMM_WACHTWOORD"));
		} else if (name != NULL) {
			prompt = amm_asprintf("Wachtwoord voor %s: ", url);
			pass = askpass(prompt);
			free(prompt);
		}
		if (name == NULL || pass == NULL) {
			free(name);
			free(pass);
			cb->auth_error = "geen gebruikersnaam en wachtwoord: zet AMM_GEBRUIKER en "
			                 "AMM_WACHTWOORD, of GIT_ASKPASS";
			return GIT_EAUTH;
		}
		rc = git_credential_userpass_plaintext_new(out, name, pass);
		free(name);
		free(pass);
		return rc;
	}
	cb->auth_error = "de server vraagt een manier van aanmelden die amm niet kent";
	return GIT_EAUTH;
}

static int
fetch_progress(const git_indexer_progress *stats, void *payload)
{
	struct remote_cb *cb = payload;

	if (!cb->progress || stats->total_objects == 0 || stats->received_objects == cb->shown)
		return 0;
	cb->shown = stats->received_objects;
	fprintf(stderr, "\rOntvangen: %u/%u objecten, %zu KiB%s", stats->received_objects,
	        stats->total_objects, stats->received_bytes / 1024,
	        stats->received_objects == stats->total_objects ? "\n" : "");
	return 0;
}

static int
push_progress(unsigned int current, unsigned int total, size_t bytes, void *payload)
{
	struct remote_cb *cb = payload;

	if (!cb->progress || total == 0 || current == cb->shown)
		return 0;
	cb->shown = current;
	fprintf(stderr, "\rVerzonden: %u/%u objecten, %zu KiB%s", current, total, bytes / 1024,
	        current == total ? "\n" : "");
	return 0;
}

static int
push_status(const char *refname, const char *status, void *payload)
{
	struct remote_cb *cb = payload;

	(void)refname;
	if (status != NULL && cb->refused == NULL)
		cb->refused = amm_xstrdup(status);
	return 0;
}

/* A server that libgit2 could not verify (known_hosts, certificate authorities) is refused. */
static int
certificate_check(git_cert *cert, int valid, const char *host, void *payload)
{
	struct remote_cb *cb = payload;

	if (valid)
		return 0;
	cb->host_error =
	    cert->cert_type == GIT_CERT_X509
	        ? "het certificaat van de server is niet geldig"
	        : "de sleutel van de server is onbekend of veranderd; controleer hem en "
	          "zet hem in ~/.ssh/known_hosts (bijvoorbeeld door één keer 'ssh' "
	          "naar de server te doen)";
	(void)host;
	return GIT_ECERTIFICATE;
}

/* Callbacks for one connection: each tries the ways of signing in from the first. */
static void
callbacks_init(git_remote_callbacks *c, struct remote_cb *cb)
{
	cb->ssh_attempt = cb->userpass_attempt = 0;
	cb->shown = 0;
	cb->auth_error = cb->host_error = NULL;
	c->certificate_check = certificate_check;
	c->credentials = credentials;
	c->transfer_progress = fetch_progress;
	c->push_transfer_progress = push_progress;
	c->push_update_reference = push_status;
	c->payload = cb;
}

static amm_error *
remote_fail(int rc, const struct remote_cb *cb, const char *url)
{
	const git_error *e = git_error_last();
	const char *why = e && e->message ? e->message : "onbekende fout";

	if (cb->host_error != NULL)
		return amm_error_new(AMM_EXIT_SYSTEM, MSG_SYNC_HOST, url, cb->host_error);
	if (rc == GIT_EAUTH || cb->auth_error != NULL)
		return amm_error_new(AMM_EXIT_SYSTEM, MSG_SYNC_AUTH, url,
		                     cb->auth_error ? cb->auth_error : why);
	return amm_error_new(AMM_EXIT_SYSTEM, MSG_SYNC_FAILED, url, why);
}

void
amm_sync_report_free(struct amm_sync_report *r)
{
	free(r->tracking);
	amm_strlist_free(&r->notes);
	amm_strlist_free(&r->conflicted);
	amm_strlist_free(&r->erased);
	amm_strlist_free(&r->erased_hun);
	amm_strlist_free(&r->dropped);
	amm_strlist_free(&r->discarded);
	memset(r, 0, sizeof(*r));
}

static void
conflict_list_read(struct amm_store *st, struct amm_strlist *paths)
{
	char *path = amm_store_git_path(st, AMM_CONFLICT_FILE);
	FILE *f = fopen(path, "r");
	char line[4096];

	free(path);
	while (f != NULL && fgets(line, sizeof(line), f) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		if (*line != '\0')
			amm_strlist_add(paths, line);
	}
	if (f != NULL)
		fclose(f);
}

static amm_error *
conflict_list_write(struct amm_store *st, const struct amm_strlist *paths)
{
	struct amm_buf text = {0};
	amm_error *err = NULL;
	char *path;

	if (paths->len == 0) {
		path = amm_store_git_path(st, AMM_CONFLICT_FILE);
		if (unlink(path) != 0 && errno != ENOENT)
			err = amm_error_errno(MSG_STORE_WRITE, path);
		free(path);
		return err;
	}
	for (size_t i = 0; i < paths->len; i++)
		amm_buf_addf(&text, "%s\n", paths->items[i]);
	err = amm_store_git_replace(st, AMM_CONFLICT_FILE, text.data, text.len);
	amm_buf_free(&text);
	return err;
}

/* The files of the list that still hold conflicts in snap. */
static amm_error *
still_conflicted(struct amm_snap *snap, const struct amm_strlist *paths, struct amm_strlist *out)
{
	amm_error *err = NULL;

	for (size_t i = 0; i < paths->len && err == NULL; i++) {
		struct amm_conflict *list = NULL;
		size_t n = 0, len;
		char *data;

		if (amm_snap_read(snap, paths->items[i], &data, &len) != NULL)
			continue;
		err = amm_conflicts_find(paths->items[i], data, len, &list, &n);
		if (err == NULL && n > 0)
			amm_strlist_add(out, paths->items[i]);
		amm_conflicts_free(list, n);
		free(data);
	}
	return err;
}

/* A changed path between two trees: its blob on the new side (absent when removed). */
struct change {
	char *path;
	git_oid id;
	bool present;
};

static void
changes_free(struct change *c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(c[i].path);
	free(c);
}

static amm_error *
tree_changes(git_repository *repo, git_tree *from, git_tree *to, struct change **out, size_t *n)
{
	git_diff *diff = NULL;
	int rc = git_diff_tree_to_tree(&diff, repo, from, to, NULL);

	*out = NULL;
	*n = 0;
	if (rc < 0)
		return amm_git_fail(rc, "diff");
	*n = git_diff_num_deltas(diff);
	*out = amm_xcalloc(*n ? *n : 1, sizeof(**out));
	for (size_t i = 0; i < *n; i++) {
		const git_diff_delta *d = git_diff_get_delta(diff, i);

		(*out)[i].present = d->status != GIT_DELTA_DELETED;
		(*out)[i].path = amm_xstrdup(d->status == GIT_DELTA_DELETED ? d->old_file.path
		                                                            : d->new_file.path);
		git_oid_cpy(&(*out)[i].id, &d->new_file.id);
	}
	git_diff_free(diff);
	return NULL;
}

static const struct change *
change_find(const struct change *c, size_t n, const char *path)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(c[i].path, path) == 0)
			return &c[i];
	return NULL;
}

static amm_error *
blob_text(git_repository *repo, const git_oid *id, char **data, size_t *len)
{
	git_blob *blob = NULL;
	int rc = git_blob_lookup(&blob, repo, id);

	if (rc < 0)
		return amm_git_fail(rc, "blob");
	*len = (size_t)git_blob_rawsize(blob);
	*data = amm_xstrndup(git_blob_rawcontent(blob), *len);
	git_blob_free(blob);
	return NULL;
}

/* Write (or remove) the file as the change has it. */
static amm_error *
take_change(git_repository *repo, struct amm_tx *tx, const struct change *c)
{
	amm_error *err;
	char *data = NULL;
	size_t len;

	if (!c->present) {
		amm_tx_remove(tx, c->path);
		return NULL;
	}
	err = blob_text(repo, &c->id, &data, &len);
	if (err == NULL)
		amm_tx_write(tx, c->path, data, len);
	free(data);
	return err;
}

/* The blob of path in tree into *data, or *data NULL when absent. */
static amm_error *
tree_text(git_repository *repo, git_tree *tree, const char *path, char **data, size_t *len)
{
	git_tree_entry *e = NULL;
	amm_error *err = NULL;

	*data = NULL;
	*len = 0;
	if (tree != NULL && git_tree_entry_bypath(&e, tree, path) == 0)
		err = blob_text(repo, git_tree_entry_id(e), data, len);
	git_tree_entry_free(e);
	return err;
}

/* The merge state of the folder of path: files in one casus renumber together. */
struct folder {
	char *dir;
	struct amm_merge_state state;
};

struct merge_ctx {
	struct amm_store *st;
	struct amm_strlist moved; /* casus folders both sides made: ours moved to a new id */
	git_oid theirs;
	const char *tracking, *url;
	/* per run of the change function */
	struct folder *folders;
	size_t nfolders;
	struct amm_strlist notes, conflicted;
	size_t conflicts;
	bool merged, fast_forward;
};

static void
merge_ctx_reset(struct merge_ctx *m)
{
	for (size_t i = 0; i < m->nfolders; i++) {
		free(m->folders[i].dir);
		amm_merge_state_clear(&m->folders[i].state);
	}
	free(m->folders);
	m->folders = NULL;
	m->nfolders = 0;
	amm_strlist_free(&m->notes);
	amm_strlist_free(&m->conflicted);
	amm_strlist_free(&m->moved);
	m->conflicts = 0;
	m->merged = m->fast_forward = false;
}

static struct amm_merge_state *
folder_state(struct merge_ctx *m, const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t dlen = slash ? (size_t)(slash - path) : 0;

	for (size_t i = 0; i < m->nfolders; i++)
		if (strlen(m->folders[i].dir) == dlen &&
		    strncmp(m->folders[i].dir, path, dlen) == 0)
			return &m->folders[i].state;
	m->folders = amm_xrealloc(m->folders, (m->nfolders + 1) * sizeof(*m->folders));
	m->folders[m->nfolders] = (struct folder){amm_xstrndup(path, dlen), {0}};
	return &m->folders[m->nfolders++].state;
}

static bool
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

amm_error *
amm_sync_merge_text(const char *path, const char *b, size_t blen, const char *o, size_t olen,
                    const char *t, size_t tlen, struct amm_merge_state *state, char **out,
                    size_t *outlen)
{
	git_merge_file_input in[3];
	git_merge_file_options opts;
	git_merge_file_result res = {0};
	const char *texts[3] = {b ? b : "", o, t};
	const size_t lens[3] = {b ? blen : 0, olen, tlen};
	int rc;

	*out = NULL;
	*outlen = 0;
	if (ends_with(path, ".ini"))
		return amm_merge_ini(path, b, blen, o, olen, t, tlen, state, out, outlen);
	git_merge_file_options_init(&opts, GIT_MERGE_FILE_OPTIONS_VERSION);
	opts.our_label = "mijn";
	opts.their_label = "hun";
	for (int i = 0; i < 3; i++) {
		git_merge_file_input_init(&in[i], GIT_MERGE_FILE_INPUT_VERSION);
		in[i].ptr = texts[i];
		in[i].size = lens[i];
		in[i].path = path;
	}
	rc = git_merge_file(&res, &in[0], &in[1], &in[2], &opts);
	if (rc < 0)
		return amm_git_fail(rc, path);
	*out = amm_xstrndup(res.ptr, res.len);
	*outlen = res.len;
	if (!res.automergeable) {
		struct amm_conflict *list = NULL;
		size_t n = 0;

		amm_error_free(amm_conflicts_find(path, *out, *outlen, &list, &n));
		state->conflicts += n ? n : 1;
		amm_strlist_take(&state->notes, amm_asprintf("%s: conflict in %zu stuk(ken) tekst",
		                                             path, n ? n : 1));
		amm_conflicts_free(list, n);
	}
	git_merge_file_result_free(&res);
	return NULL;
}

amm_error *
amm_sync_conflict_note(struct amm_store *st, const char *path)
{
	struct amm_strlist paths = {0};
	amm_error *err = NULL;

	conflict_list_read(st, &paths);
	if (!amm_strlist_has(&paths, path)) {
		amm_strlist_add(&paths, path);
		err = conflict_list_write(st, &paths);
	}
	amm_strlist_free(&paths);
	return err;
}

/* Both sides changed path: merge the three versions into the transaction. */
static amm_error *
merge_file(struct merge_ctx *m, struct amm_tx *tx, git_tree *base, git_tree *ours, git_tree *theirs,
           const char *path)
{
	git_repository *repo = m->st->repo;
	char *b = NULL, *o = NULL, *t = NULL, *out = NULL;
	size_t blen, olen, tlen, outlen = 0, before, nnotes;
	struct amm_merge_state *state;
	amm_error *err;

	err = tree_text(repo, base, path, &b, &blen);
	if (err == NULL)
		err = tree_text(repo, ours, path, &o, &olen);
	if (err == NULL)
		err = tree_text(repo, theirs, path, &t, &tlen);
	if (err != NULL)
		goto done;
	if (o == NULL || t == NULL) {
		/* Removed on one side, changed on the other: the changed file stays. */
		if (o == NULL)
			amm_tx_write(tx, path, t, tlen);
		amm_strlist_take(&m->notes, amm_asprintf("%s: aan de ene kant verwijderd, aan de "
		                                         "andere gewijzigd; bewaard",
		                                         path));
		goto done;
	}
	state = folder_state(m, path);
	before = state->conflicts;
	nnotes = state->notes.len;
	err = amm_sync_merge_text(path, b, blen, o, olen, t, tlen, state, &out, &outlen);
	if (err != NULL)
		goto done;
	for (size_t i = nnotes; i < state->notes.len; i++)
		amm_strlist_add(&m->notes, state->notes.items[i]);
	if (state->conflicts > before) {
		m->conflicts += state->conflicts - before;
		amm_strlist_add(&m->conflicted, path);
	}
	amm_tx_write(tx, path, out, outlen);
done:
	free(b);
	free(o);
	free(t);
	free(out);
	return err;
}

/* stappen.ini first, so that the other files of its casus follow its renumbering. */
static int
stappen_first(const void *a, const void *b)
{
	const struct change *x = a, *y = b;

	return (int)ends_with(y->path, "/stappen.ini") - (int)ends_with(x->path, "/stappen.ini");
}

static bool
same_entry(git_tree *a, git_tree *b, const char *path, bool *in_a)
{
	git_tree_entry *ea = NULL, *eb = NULL;
	bool same;

	*in_a = a != NULL && git_tree_entry_bypath(&ea, a, path) == 0;
	if (b == NULL || git_tree_entry_bypath(&eb, b, path) != 0)
		same = !*in_a;
	else
		same = *in_a && git_oid_equal(git_tree_entry_id(ea), git_tree_entry_id(eb));
	git_tree_entry_free(ea);
	git_tree_entry_free(eb);
	return same;
}

/* The next casus id of the year of id, past those of both sides and those given out. */
static amm_error *
next_free_id(struct merge_ctx *m, git_commit *ours, git_commit *theirs, const char *id, char **out)
{
	struct amm_snap *snaps[2] = {NULL, NULL};
	long max = 0;
	amm_error *err = amm_snap_of(&snaps[0], m->st->repo, git_commit_id(ours));

	if (err == NULL)
		err = amm_snap_of(&snaps[1], m->st->repo, git_commit_id(theirs));
	for (int i = 0; i < 2 && err == NULL; i++) {
		char *next = NULL;

		err = amm_casus_next_id(snaps[i], atoi(id), &next);
		if (err == NULL && strtol(next + 5, NULL, 10) > max)
			max = strtol(next + 5, NULL, 10);
		free(next);
	}
	for (size_t i = 0; i < m->moved.len; i++) {
		const char *to = strrchr(m->moved.items[i], '\n') + 1;

		if (strncmp(to, id, 4) == 0 && strtol(to + 5, NULL, 10) >= max)
			max = strtol(to + 5, NULL, 10) + 1;
	}
	if (err == NULL)
		*out = amm_asprintf("%.4s-%03ld", id, max);
	amm_snap_free(snaps[0]);
	amm_snap_free(snaps[1]);
	return err;
}

/*
 * A casus folder both sides made (two members ran amm nieuw and got the same id): theirs keeps
 * the id, ours moves to the next free one, with its casus.ini saying so.
 */
static amm_error *
move_casus(struct merge_ctx *m, struct amm_tx *tx, git_commit *ours_c, git_commit *theirs_c,
           git_tree *ours, const char *dir)
{
	const char *id = strrchr(dir, '/') + 1;
	git_tree_entry *entry = NULL;
	git_tree *sub = NULL;
	amm_error *err = NULL;
	char *to = NULL, *to_dir = NULL;
	int rc;

	err = next_free_id(m, ours_c, theirs_c, id, &to);
	if (err != NULL)
		return err;
	to_dir = amm_casus_dir(to);
	rc = git_tree_entry_bypath(&entry, ours, dir);
	if (rc == 0)
		rc = git_tree_lookup(&sub, m->st->repo, git_tree_entry_id(entry));
	for (size_t i = 0; rc == 0 && err == NULL && i < git_tree_entrycount(sub); i++) {
		const git_tree_entry *e = git_tree_entry_byindex(sub, i);
		char *from_path = amm_asprintf("%s/%s", dir, git_tree_entry_name(e));
		char *to_path = amm_asprintf("%s/%s", to_dir, git_tree_entry_name(e));
		char *data = NULL, *text = NULL;
		struct amm_ini *ini = NULL;
		size_t len;

		err = blob_text(m->st->repo, git_tree_entry_id(e), &data, &len);
		if (err == NULL &&
		    strcmp(git_tree_entry_name(e), amm_delen[AMM_DEEL_CASUS].file) == 0) {
			err = amm_ini_parse(&ini, from_path, data, len);
			if (err == NULL)
				err = amm_ini_set(ini, "casus", "id", to);
			if (err == NULL) {
				text = amm_ini_serialize(ini, &len);
				free(data);
				data = text;
			}
			amm_ini_free(ini);
		}
		if (err == NULL) {
			amm_tx_write(tx, to_path, data, len);
			amm_tx_remove(tx, from_path); /* theirs, if they have it, come after */
		}
		free(data);
		free(from_path);
		free(to_path);
	}
	if (rc < 0)
		err = amm_git_fail(rc, dir);
	if (err == NULL) {
		amm_strlist_take(&m->moved, amm_asprintf("%s\n%s", dir, to));
		amm_strlist_take(&m->notes,
		                 amm_asprintf("casus %s (mijn) is nu %s: beide kanten maakten "
		                              "een nieuwe casus %s",
		                              id, to, id));
	}
	git_tree_free(sub);
	git_tree_entry_free(entry);
	free(to);
	free(to_dir);
	return err;
}

/* Whether path is in a casus folder whose ours moved. */
static bool
in_moved(const struct merge_ctx *m, const char *path)
{
	for (size_t i = 0; i < m->moved.len; i++) {
		size_t n = (size_t)(strchr(m->moved.items[i], '\n') - m->moved.items[i]);

		if (strncmp(path, m->moved.items[i], n) == 0 && path[n] == '/')
			return true;
	}
	return false;
}

static amm_error *
merge_trees(struct merge_ctx *m, struct amm_tx *tx, git_commit *ours_c, git_commit *theirs_c)
{
	git_repository *repo = m->st->repo;
	git_commit *base_c = NULL;
	git_tree *base = NULL, *ours = NULL, *theirs = NULL;
	struct change *co = NULL, *ct = NULL;
	size_t no = 0, nt = 0;
	amm_error *err = NULL;
	git_oid base_id;
	int rc;

	rc = git_merge_base(&base_id, repo, git_commit_id(ours_c), git_commit_id(theirs_c));
	if (rc == GIT_ENOTFOUND)
		return amm_error_new(AMM_EXIT_CONFLICT, MSG_SYNC_UNRELATED, m->url);
	if (rc == 0)
		rc = git_commit_lookup(&base_c, repo, &base_id);
	if (rc == 0)
		rc = git_commit_tree(&base, base_c);
	if (rc == 0)
		rc = git_commit_tree(&ours, ours_c);
	if (rc == 0)
		rc = git_commit_tree(&theirs, theirs_c);
	if (rc < 0) {
		err = amm_git_fail(rc, "merge");
		goto done;
	}
	err = tree_changes(repo, base, ours, &co, &no);
	if (err == NULL)
		err = tree_changes(repo, base, theirs, &ct, &nt);
	if (err != NULL)
		goto done;
	/* Casus folders new on both sides, made apart. */
	for (size_t i = 0; i < nt && err == NULL; i++) {
		char *dir = amm_casus_dir_of(ct[i].path);
		bool in_ours, in_base;

		if (dir != NULL && !in_moved(m, ct[i].path) &&
		    (same_entry(base, NULL, dir, &in_base), !in_base) &&
		    !same_entry(ours, theirs, dir, &in_ours) && in_ours)
			err = move_casus(m, tx, ours_c, theirs_c, ours, dir);
		free(dir);
	}
	if (nt > 1)
		qsort(ct, nt, sizeof(*ct), stappen_first);
	for (size_t i = 0; i < nt && err == NULL; i++) {
		const struct change *o = change_find(co, no, ct[i].path);

		if (o == NULL || in_moved(m, ct[i].path)) {
			err = take_change(repo, tx, &ct[i]);
		} else if (o->present != ct[i].present ||
		           (o->present && !git_oid_equal(&o->id, &ct[i].id))) {
			err = merge_file(m, tx, base, ours, theirs, ct[i].path);
		}
	}
	/* Files only ours changed, in a casus whose stappen moved: their references follow. */
	for (size_t i = 0; i < no && err == NULL; i++) {
		struct amm_merge_state *state;

		if (!co[i].present || !ends_with(co[i].path, ".ini") ||
		    change_find(ct, nt, co[i].path) != NULL || in_moved(m, co[i].path))
			continue;
		state = folder_state(m, co[i].path);
		if (state->nrenum > 0)
			err = merge_file(m, tx, base, ours, base, co[i].path);
	}
done:
	changes_free(co, no);
	changes_free(ct, nt);
	git_tree_free(base);
	git_tree_free(ours);
	git_tree_free(theirs);
	git_commit_free(base_c);
	return err;
}

/* The change function of a sync: take over, or merge, the server's commit. */
static amm_error *
merge_change(struct amm_tx *tx, void *arg)
{
	struct merge_ctx *m = arg;
	struct amm_snap *snap = amm_tx_snap(tx);
	git_repository *repo = m->st->repo;
	git_commit *theirs = NULL;
	char hex[GIT_OID_HEXSZ + 1];
	amm_error *err = NULL;
	int rc;

	merge_ctx_reset(m);
	git_oid_tostr(hex, sizeof(hex), &m->theirs);
	if (snap->commit != NULL &&
	    (git_oid_equal(git_commit_id(snap->commit), &m->theirs) ||
	     git_graph_descendant_of(repo, git_commit_id(snap->commit), &m->theirs) == 1))
		return NULL; /* nothing new */
	rc = git_commit_lookup(&theirs, repo, &m->theirs);
	if (rc < 0)
		return amm_git_fail(rc, m->tracking);
	if (snap->commit == NULL ||
	    git_graph_descendant_of(repo, &m->theirs, git_commit_id(snap->commit)) == 1) {
		git_tree *to = NULL;
		struct change *c = NULL;
		size_t n = 0;

		rc = git_commit_tree(&to, theirs);
		err = rc < 0 ? amm_git_fail(rc, m->tracking)
		             : tree_changes(repo, snap->tree, to, &c, &n);
		for (size_t i = 0; i < n && err == NULL; i++)
			err = take_change(repo, tx, &c[i]);
		changes_free(c, n);
		git_tree_free(to);
		amm_tx_fast_forward(tx, hex);
		amm_tx_message(tx, NULL, "sync", "bijgewerkt naar %s", m->tracking);
		m->fast_forward = true;
	} else {
		err = merge_trees(m, tx, snap->commit, theirs);
		for (size_t i = 0; i < m->notes.len; i++)
			amm_tx_note(tx, m->notes.items[i]);
		amm_tx_merge(tx, hex);
		amm_tx_message(tx, NULL, "sync", "samengevoegd met %s", m->tracking);
		m->merged = true;
	}
	git_commit_free(theirs);
	return err;
}

static const char *
remote_url(const git_remote *remote)
{
	return git_remote_url(remote) ? git_remote_url(remote) : git_remote_name(remote);
}

/* Fetch the branch into its remote-tracking ref; *theirs is its tip (*has: it exists). */
static amm_error *
fetch(struct amm_store *st, git_remote *remote, char *spec, struct remote_cb *cb,
      const char *tracking_ref, git_oid *theirs, bool *has)
{
	char *specs[] = {spec};
	git_strarray arr = {specs, 1};
	git_fetch_options opts;
	amm_error *err;
	int rc, server;

	git_fetch_options_init(&opts, GIT_FETCH_OPTIONS_VERSION);
	callbacks_init(&opts.callbacks, cb);
	opts.update_fetchhead = 0; /* amm does not read it; one lock file less to leave behind */
	/* Under the writers' lock, naming the ref it locks: a kill leaves nothing the next amm
	 * cannot clear. */
	err = amm_store_lock(st);
	if (err != NULL)
		return err;
	/* No amm prunes a server reached as a folder while we read its objects. */
	err = amm_server_lock(remote_url(remote), true, &server);
	if (err != NULL) {
		amm_store_unlock(st);
		return err;
	}
	amm_store_lock_step(st, tracking_ref);
	rc = git_remote_fetch(remote, &arr, &opts, "amm sync");
	amm_store_lock_step(st, NULL);
	amm_server_unlock(server);
	amm_store_unlock(st);
	if (rc < 0)
		return remote_fail(rc, cb, remote_url(remote));
	*has = git_reference_name_to_id(theirs, st->repo, tracking_ref) == 0;
	return NULL;
}

/* The server's tip of branch now (*has: it has the branch). */
static amm_error *
remote_tip(git_remote *remote, const char *branch, struct remote_cb *cb, git_oid *tip, bool *has)
{
	git_remote_callbacks callbacks;
	const git_remote_head **heads = NULL;
	size_t n = 0;
	int rc;

	*has = false;
	git_remote_init_callbacks(&callbacks, GIT_REMOTE_CALLBACKS_VERSION);
	callbacks_init(&callbacks, cb);
	rc = git_remote_connect(remote, GIT_DIRECTION_FETCH, &callbacks, NULL, NULL);
	if (rc == 0)
		rc = git_remote_ls(&heads, &n, remote);
	for (size_t i = 0; rc == 0 && i < n; i++)
		if (strcmp(heads[i]->name, branch) == 0) {
			git_oid_cpy(tip, &heads[i]->oid);
			*has = true;
		}
	git_remote_disconnect(remote);
	return rc < 0 ? remote_fail(rc, cb, remote_url(remote)) : NULL;
}

/*
 * Push branch; forced (a history rewritten by an erasure) replaces the server's. Our
 * remote-tracking ref is left to the caller (set_tracking), which writes it under the writers'
 * lock: git_remote_push() would write it without, and a kill there left a lock file that no amm
 * could tell from a running git's.
 */
static amm_error *
push(git_remote *remote, const char *branch, bool forced, struct remote_cb *cb)
{
	git_push_options opts;
	char *spec = amm_asprintf("%s%s:%s", forced ? "+" : "", branch, branch);
	char *specs[] = {spec};
	git_strarray arr = {specs, 1};
	amm_error *err = NULL;
	int rc;

	git_push_options_init(&opts, GIT_PUSH_OPTIONS_VERSION);
	callbacks_init(&opts.callbacks, cb);
	free(cb->refused);
	cb->refused = NULL;
	rc = git_remote_upload(remote, &arr, &opts);
	git_remote_disconnect(remote);
	if (rc < 0)
		err = remote_fail(rc, cb, remote_url(remote));
	else if (cb->refused != NULL)
		err = amm_error_new(AMM_EXIT_SYSTEM, MSG_SYNC_REJECTED, cb->refused);
	free(spec);
	return err;
}

/*
 * Push as push() does, under the server's lock: when forced, only if the server is still at
 * fetched (*moved and nothing pushed when it is not), and then a server reached as a folder is
 * pruned before another amm pushes or fetches there.
 */
static amm_error *
push_locked(git_remote *remote, const char *branch, bool forced, const git_oid *fetched,
            struct remote_cb *cb, bool *moved)
{
	amm_error *err;
	git_oid at;
	bool has_at;
	int server;

	*moved = false;
	err = amm_server_lock(remote_url(remote), false, &server);
	if (err != NULL)
		return err;
	if (forced) {
		/* libgit2 has no force-with-lease: beyond a folder a small window remains. */
		err = remote_tip(remote, branch, cb, &at, &has_at);
		*moved = err == NULL && (!has_at || !git_oid_equal(&at, fetched));
	}
	if (err == NULL && !*moved)
		err = push(remote, branch, forced, cb);
	if (err == NULL && !*moved && forced)
		err = amm_erase_prune_local(remote_url(remote));
	amm_server_unlock(server);
	return err;
}

/* Our remote-tracking ref at tip, the server's branch now, named as a step of the writers' lock. */
static void
set_tracking(struct amm_store *st, const char *tracking_ref, const git_oid *tip)
{
	git_reference *ref = NULL;
	amm_error *err = amm_store_lock(st);

	/* Without it the next fetch says the same. */
	if (err != NULL) {
		amm_error_free(err);
		return;
	}
	amm_store_lock_step(st, tracking_ref);
	git_reference_create(&ref, st->repo, tracking_ref, tip, 1, "amm sync: push");
	amm_store_lock_step(st, NULL);
	amm_store_unlock(st);
	git_reference_free(ref);
}

static void
add_new(struct amm_strlist *list, const char *s)
{
	if (!amm_strlist_has(list, s))
		amm_strlist_add(list, s);
}

/*
 * Apply the erasure records of both sides to both histories before they merge: when either
 * side lacks a record the other has, a recorded casus is still in a tree, an erasure was
 * interrupted, or a commit we have not shared (since known, our last view of the server)
 * holds one. *theirs becomes the server's tip rewritten; *forced when that differs.
 */
static amm_error *
sync_erasures(struct amm_store *st, const char *tracking_ref, const git_oid *known, bool has_known,
              git_oid *theirs, struct amm_sync_report *r, bool *forced)
{
	struct amm_snap *ours = NULL, *hun = NULL;
	struct amm_erasures el = {0}, eh = {0};
	struct amm_strlist ids = {0}, dirs = {0}, touched = {0};
	struct amm_forget_report fr = {0};
	char ohex[GIT_OID_HEXSZ + 1], khex[GIT_OID_HEXSZ + 1];
	amm_error *err, *pending;
	bool need = false;
	git_oid now;

	*forced = false;
	err = amm_snap_open(&ours, st, NULL);
	if (err == NULL)
		err = amm_snap_of(&hun, st->repo, theirs);
	if (err == NULL)
		err = amm_erasures_load(ours, &el);
	if (err == NULL)
		err = amm_erasures_load(hun, &eh);
	if (err != NULL)
		goto done;
	for (size_t i = 0; i < el.len + eh.len; i++) {
		const char *id = i < el.len ? el.items[i].id : eh.items[i - el.len].id;
		char *dir = amm_casus_dir(id);

		if (!amm_strlist_has(&ids, id)) {
			amm_strlist_add(&ids, id);
			need = need || !amm_erasures_has(&el, id) || !amm_erasures_has(&eh, id) ||
			       amm_snap_holds(ours, dir) || amm_snap_holds(hun, dir);
			amm_strlist_add(&dirs, dir);
		}
		free(dir);
	}
	pending = amm_erase_pending(st, ours);
	need = need || pending != NULL;
	amm_error_free(pending);
	if (dirs.len == 0 && !need)
		goto done;
	if (has_known)
		git_oid_tostr(khex, sizeof(khex), known);
	if (ours->commit != NULL) {
		git_oid_tostr(ohex, sizeof(ohex), git_commit_id(ours->commit));
		err = amm_erase_touching(st, ohex, has_known ? khex : NULL, &dirs, &touched);
	}
	if (err != NULL || (!need && touched.len == 0))
		goto done;
	err = amm_store_forget(st, &dirs, false, &fr);
	r->prune = true;
	if (err != NULL)
		goto done;
	for (size_t i = 0; i < ids.len; i++) {
		if (!amm_erasures_has(&el, ids.items[i]))
			add_new(&r->erased, ids.items[i]);
		if (!amm_erasures_has(&eh, ids.items[i]))
			add_new(&r->erased_hun, ids.items[i]);
	}
	for (size_t i = 0; i < touched.len; i++)
		add_new(&r->dropped, touched.items[i]);
	for (size_t i = 0; i < fr.discarded.len; i++)
		add_new(&r->discarded, fr.discarded.items[i]);
	if (git_reference_name_to_id(&now, st->repo, tracking_ref) != 0) {
		err = amm_error_new(AMM_EXIT_CONFLICT, MSG_FORGET_EMPTY, tracking_ref);
		goto done;
	}
	*forced = !git_oid_equal(&now, theirs);
	git_oid_cpy(theirs, &now);
done:
	amm_forget_report_free(&fr);
	amm_strlist_free(&touched);
	amm_strlist_free(&dirs);
	amm_strlist_free(&ids);
	amm_erasures_free(&el);
	amm_erasures_free(&eh);
	amm_snap_free(ours);
	amm_snap_free(hun);
	return err;
}

amm_error *
amm_sync(struct amm_store *st, const char *name, bool progress, struct amm_sync_report *r)
{
	struct remote_cb cb = {.progress = progress};
	struct merge_ctx m = {.st = st};
	struct amm_strlist listed = {0};
	struct amm_snap *head = NULL;
	git_remote *remote = NULL;
	char *branch = NULL, *tracking_ref = NULL, *spec = NULL;
	amm_error *err = NULL;
	git_oid tip;
	bool unborn;
	int rc;

	amm_sync_report_free(r); /* a report of an earlier sync is replaced */
	rc = git_remote_lookup(&remote, st->repo, name);
	if (rc == GIT_ENOTFOUND || rc == GIT_EINVALIDSPEC)
		return amm_error_new(AMM_EXIT_NOTFOUND, MSG_SYNC_NO_REMOTE, name, name);
	if (rc < 0)
		return amm_git_fail(rc, name);
	err = amm_store_branch(st, &branch, &tip, &unborn);
	if (err != NULL)
		goto done;
	r->tracking = amm_asprintf("%s/%s", name, branch + strlen("refs/heads/"));
	tracking_ref = amm_asprintf("refs/remotes/%s", r->tracking);
	spec = amm_asprintf("+%s:%s", branch, tracking_ref);
	m.tracking = r->tracking;
	m.url = remote_url(remote);

	/* Conflicts of an earlier sync are chosen before anything is shared. */
	conflict_list_read(st, &listed);
	err = amm_erase_finish(st);
	if (err == NULL)
		err = amm_snap_open(&head, st, NULL);
	if (err == NULL)
		err = still_conflicted(head, &listed, &r->conflicted);
	if (err == NULL && r->conflicted.len != listed.len)
		err = conflict_list_write(st, &r->conflicted);
	if (err == NULL && r->conflicted.len > 0) {
		struct amm_buf files = {0};

		for (size_t i = 0; i < r->conflicted.len; i++)
			amm_buf_addf(&files, "%s%s", i ? ", " : "", r->conflicted.items[i]);
		err = amm_error_new(AMM_EXIT_CONFLICT, MSG_SYNC_UNRESOLVED, files.data);
		amm_buf_free(&files);
	}
	if (err != NULL)
		goto done;

	for (int attempt = 0;; attempt++) {
		bool committed, has_theirs, has_known, forced = false, moved;
		git_oid fetched = {{0}}, known;

		has_known = git_reference_name_to_id(&known, st->repo, tracking_ref) == 0;
		err = fetch(st, remote, spec, &cb, tracking_ref, &m.theirs, &has_theirs);
		if (err != NULL)
			break;
		git_oid_cpy(&fetched, &m.theirs);
		if (has_theirs)
			err = sync_erasures(st, tracking_ref, &known, has_known, &m.theirs, r,
			                    &forced);
		if (err != NULL)
			break;
		if (has_theirs) {
			err = amm_store_update(st, merge_change, &m, &committed);
			r->merged = r->merged || (committed && m.merged);
			r->fast_forward = r->fast_forward || (committed && m.fast_forward);
			for (size_t i = 0; committed && i < m.notes.len; i++)
				amm_strlist_add(&r->notes, m.notes.items[i]);
			if (err != NULL)
				break;
			if (committed && m.conflicts > 0) {
				r->conflicts = m.conflicts;
				for (size_t i = 0; i < m.conflicted.len; i++)
					amm_strlist_add(&r->conflicted, m.conflicted.items[i]);
				err = conflict_list_write(st, &r->conflicted);
				if (err == NULL)
					err = amm_error_new(AMM_EXIT_CONFLICT, MSG_SYNC_CONFLICT,
					                    m.conflicts);
				break;
			}
		}
		free(branch);
		branch = NULL;
		err = amm_store_branch(st, &branch, &tip, &unborn);
		if (err != NULL || unborn ||
		    (has_theirs && !forced && git_oid_equal(&tip, &m.theirs)))
			break;
		/* Replace the server's history only where the fetch found it. */
		err = push_locked(remote, branch, forced, &fetched, &cb, &moved);
		if (err == NULL && moved) {
			if (attempt + 1 == MAX_PUSHES) {
				err = amm_error_new(AMM_EXIT_CONFLICT, MSG_SYNC_BUSY);
				break;
			}
			r->retries++;
			continue;
		}
		if (err == NULL) {
			/* The server has our tip now; git's own fetch would say the same. */
			set_tracking(st, tracking_ref, &tip);
			r->pushed = true;
			break;
		}
		if (cb.auth_error == NULL && cb.host_error == NULL) {
			/* Refused because the server moved since the fetch: merge again. */
			git_oid now;
			bool has_now;
			amm_error *again =
			    fetch(st, remote, spec, &cb, tracking_ref, &now, &has_now);

			if (again == NULL && has_now &&
			    (!has_theirs || !git_oid_equal(&now, &fetched))) {
				amm_error_free(err);
				err = NULL;
			}
			amm_error_free(again);
		}
		if (err != NULL)
			break;
		if (attempt + 1 == MAX_PUSHES) {
			err = amm_error_new(AMM_EXIT_CONFLICT, MSG_SYNC_BUSY);
			break;
		}
		r->retries++;
	}
done:
	/* After an erasure nothing of the old history stays here, whatever else happened. */
	if (r->prune) {
		amm_error *pruned = amm_erase_prune(st);

		if (err == NULL)
			err = pruned;
		else
			amm_error_free(pruned);
	}
	merge_ctx_reset(&m);
	amm_strlist_free(&listed);
	amm_snap_free(head);
	free(cb.refused);
	free(branch);
	free(tracking_ref);
	free(spec);
	git_remote_free(remote);
	return err;
}

struct resolve_ctx {
	const struct amm_strlist *paths;
	bool mijn;
	struct amm_strlist *resolved;
};

static amm_error *
resolve_change(struct amm_tx *tx, void *arg)
{
	struct resolve_ctx *c = arg;
	struct amm_snap *snap = amm_tx_snap(tx);
	struct amm_buf what = {0};
	amm_error *err = NULL;

	amm_strlist_free(c->resolved);
	for (size_t i = 0; i < c->paths->len && err == NULL; i++) {
		const char *path = c->paths->items[i];
		char *data = NULL, *out = NULL;
		size_t len, outlen;

		err = amm_snap_read(snap, path, &data, &len);
		if (err == NULL)
			err = amm_conflicts_resolve(path, data, len, c->mijn, &out, &outlen);
		if (err == NULL && (outlen != len || memcmp(out, data, len) != 0)) {
			amm_tx_write(tx, path, out, outlen);
			amm_strlist_add(c->resolved, path);
			amm_buf_addf(&what, "%s%s", what.len ? ", " : "", path);
		}
		free(data);
		free(out);
	}
	if (err == NULL && c->resolved->len > 0)
		amm_tx_message(tx, NULL, "sync", "conflicten opgelost (%s): %s",
		               c->mijn ? "mijn" : "hun", what.data);
	amm_buf_free(&what);
	return err;
}

amm_error *
amm_sync_resolve(struct amm_store *st, bool mijn, const char *deel, struct amm_strlist *resolved)
{
	struct amm_strlist listed = {0}, chosen = {0}, left = {0};
	struct resolve_ctx c = {&chosen, mijn, resolved};
	struct amm_snap *head = NULL;
	amm_error *err;
	bool committed;

	conflict_list_read(st, &listed);
	for (size_t i = 0; i < listed.len; i++) {
		const char *slash = strrchr(listed.items[i], '/');
		const char *base = slash ? slash + 1 : listed.items[i];

		if (deel == NULL || strcmp(base, deel) == 0)
			amm_strlist_add(&chosen, listed.items[i]);
	}
	err = chosen.len == 0 ? amm_error_new(AMM_EXIT_NOTFOUND, MSG_SYNC_NO_CONFLICTS)
	                      : amm_store_update(st, resolve_change, &c, &committed);
	if (err == NULL && resolved->len == 0)
		err = amm_error_new(AMM_EXIT_NOTFOUND, MSG_SYNC_NO_CONFLICTS);
	if (err == NULL)
		err = amm_snap_open(&head, st, NULL);
	if (err == NULL)
		err = still_conflicted(head, &listed, &left);
	if (err == NULL)
		err = conflict_list_write(st, &left);
	amm_snap_free(head);
	amm_strlist_free(&listed);
	amm_strlist_free(&chosen);
	amm_strlist_free(&left);
	return err;
}

/* The clone set up the branch HEAD names (which the server lacks) to follow the server's. */
static void
forget_upstream(git_repository *repo)
{
	git_reference *head = NULL;
	git_config *cfg = NULL;

	if (git_reference_lookup(&head, repo, "HEAD") == 0 &&
	    git_reference_type(head) == GIT_REFERENCE_SYMBOLIC &&
	    git_repository_config(&cfg, repo) == 0) {
		const char *name = git_reference_symbolic_target(head) + strlen("refs/heads/");
		char *remote = amm_asprintf("branch.%s.remote", name);
		char *merge = amm_asprintf("branch.%s.merge", name);

		git_config_delete_entry(cfg, remote);
		git_config_delete_entry(cfg, merge);
		free(remote);
		free(merge);
	}
	git_config_free(cfg);
	git_reference_free(head);
}

/*
 * A server whose HEAD names a branch it does not have (a bare repository made with plain
 * 'git init --bare' names master, amm shares main) leaves the clone empty: take the server's
 * main branch, or else its only one.
 */
static amm_error *
adopt_branch(git_repository *repo, const git_checkout_options *checkout)
{
	git_branch_iterator *it = NULL;
	git_reference *ref = NULL, *chosen = NULL, *local = NULL;
	git_commit *commit = NULL;
	git_branch_t type;
	size_t count = 0;
	amm_error *err = NULL;
	char *name = NULL, *head = NULL;
	int rc;

	if (git_repository_head_unborn(repo) != 1)
		return NULL;
	forget_upstream(repo);
	rc = git_branch_iterator_new(&it, repo, GIT_BRANCH_REMOTE);
	while (rc == 0 && git_branch_next(&ref, &type, it) == 0) {
		const char *short_name = git_reference_shorthand(ref);
		const char *slash = strchr(short_name, '/');

		if (slash == NULL || strcmp(slash + 1, "HEAD") == 0) {
			git_reference_free(ref);
			continue;
		}
		count++;
		if (chosen == NULL || strcmp(slash + 1, "main") == 0) {
			git_reference_free(chosen);
			chosen = ref;
		} else {
			git_reference_free(ref);
		}
	}
	git_branch_iterator_free(it);
	if (chosen == NULL ||
	    (count > 1 && strcmp(strchr(git_reference_shorthand(chosen), '/') + 1, "main") != 0))
		goto done; /* nothing to take, or no way to choose */
	name = amm_xstrdup(strchr(git_reference_shorthand(chosen), '/') + 1);
	head = amm_asprintf("refs/heads/%s", name);
	rc = git_commit_lookup(&commit, repo, git_reference_target(chosen));
	if (rc == 0)
		rc = git_branch_create(&local, repo, name, commit, 0);
	if (rc == 0)
		rc = git_branch_set_upstream(local, git_reference_shorthand(chosen));
	if (rc == 0)
		rc = git_repository_set_head(repo, head);
	if (rc == 0)
		rc = git_checkout_head(repo, checkout);
	if (rc < 0)
		err = amm_git_fail(rc, head);
done:
	git_reference_free(chosen);
	git_reference_free(local);
	git_commit_free(commit);
	free(name);
	free(head);
	return err;
}

amm_error *
amm_sync_clone(struct amm_store **out, const char *url, const char *path, bool progress)
{
	struct remote_cb cb = {.progress = progress};
	git_clone_options opts;
	git_repository *repo = NULL;
	struct stat sb;
	amm_error *err;
	int rc;

	*out = NULL;
	if (stat(path, &sb) == 0) {
		bool empty = S_ISDIR(sb.st_mode);

		if (empty) {
			DIR *d = opendir(path);
			struct dirent *e;

			while (d != NULL && (e = readdir(d)) != NULL)
				if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
					empty = false;
			if (d != NULL)
				closedir(d);
		}
		if (!empty)
			return amm_error_new(AMM_EXIT_INPUT, MSG_KLOON_EXISTS, path);
	}
	git_clone_options_init(&opts, GIT_CLONE_OPTIONS_VERSION);
	callbacks_init(&opts.fetch_opts.callbacks, &cb);
	opts.checkout_opts.dir_mode = 0700;
	opts.checkout_opts.file_mode = 0600;
	rc = git_clone(&repo, url, path, &opts);
	if (rc < 0)
		return remote_fail(rc, &cb, url);
	err = adopt_branch(repo, &opts.checkout_opts);
	if (err == NULL && chmod(path, 0700) != 0)
		err = amm_error_errno(MSG_STORE_MKDIR, path);
	if (err == NULL)
		err = amm_store_prepare(repo);
	if (err != NULL) {
		git_repository_free(repo);
		return err;
	}
	return amm_store_wrap(out, repo);
}

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
	if (fd < 0 || write(fd, t->data, t->len) != (ssize_t)t->len || fsync(fd) != 0 ||
	    close(fd) != 0 || rename(tmp, path) != 0) {
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
