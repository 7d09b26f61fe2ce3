/* The transport of a sync: see sync_transport.h. */
#include "sync_transport.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "msg.h"
#include "sync.h"

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
	struct amm_transport *cb = payload;
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

/* Tell the caller about a transfer when its count of objects changed. */
static void
report(struct amm_transport *cb, bool sending, unsigned int done, unsigned int total, size_t bytes)
{
	const struct amm_progress_event ev = {sending, done, total, bytes};

	if (cb->progress == NULL || total == 0 || done == cb->shown)
		return;
	cb->shown = done;
	cb->progress->fn(&ev, cb->progress->arg);
}

static int
fetch_progress(const git_indexer_progress *stats, void *payload)
{
	report(payload, false, stats->received_objects, stats->total_objects,
	       stats->received_bytes);
	return 0;
}

static int
push_progress(unsigned int current, unsigned int total, size_t bytes, void *payload)
{
	struct amm_transport *cb = payload;

	report(cb, true, current, total, cb->local_push ? 0 : bytes);
	return 0;
}

/* Whether libgit2 takes url for its local transport: a file:// URL or an existing folder. */
static bool
is_local(const char *url)
{
	struct stat sb;

	return strncmp(url, "file://", 7) == 0 ||
	       (strstr(url, "://") == NULL && stat(url, &sb) == 0 && S_ISDIR(sb.st_mode));
}

static int
push_status(const char *refname, const char *status, void *payload)
{
	struct amm_transport *cb = payload;

	(void)refname;
	if (status != NULL && cb->refused == NULL)
		cb->refused = amm_xstrdup(status);
	return 0;
}

/* A server that libgit2 could not verify (known_hosts, certificate authorities) is refused. */
static int
certificate_check(git_cert *cert, int valid, const char *host, void *payload)
{
	struct amm_transport *cb = payload;

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
callbacks_init(git_remote_callbacks *c, struct amm_transport *cb)
{
	cb->ssh_attempt = cb->userpass_attempt = 0;
	cb->shown = 0;
	cb->local_push = false;
	cb->auth_error = cb->host_error = NULL;
	c->certificate_check = certificate_check;
	c->credentials = credentials;
	c->transfer_progress = fetch_progress;
	c->push_transfer_progress = push_progress;
	c->push_update_reference = push_status;
	c->payload = cb;
}

static amm_error *
remote_fail(int rc, const struct amm_transport *cb, const char *url)
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
amm_transport_free(struct amm_transport *t)
{
	free(t->refused);
	t->refused = NULL;
}

const char *
amm_transport_url(const git_remote *remote)
{
	return git_remote_url(remote) ? git_remote_url(remote) : git_remote_name(remote);
}

amm_error *
amm_transport_fetch(struct amm_store *st, git_remote *remote, char *spec, struct amm_transport *cb,
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
	err = amm_server_lock(amm_transport_url(remote), true, &server);
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
		return remote_fail(rc, cb, amm_transport_url(remote));
	*has = git_reference_name_to_id(theirs, st->repo, tracking_ref) == 0;
	return NULL;
}

amm_error *
amm_transport_tip(git_remote *remote, const char *branch, struct amm_transport *cb, git_oid *tip,
                  bool *has)
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
	return rc < 0 ? remote_fail(rc, cb, amm_transport_url(remote)) : NULL;
}

amm_error *
amm_transport_push(git_remote *remote, const char *branch, bool forced, struct amm_transport *cb)
{
	git_push_options opts;
	char *spec = amm_asprintf("%s%s:%s", forced ? "+" : "", branch, branch);
	char *specs[] = {spec};
	git_strarray arr = {specs, 1};
	amm_error *err = NULL;
	int rc;

	git_push_options_init(&opts, GIT_PUSH_OPTIONS_VERSION);
	callbacks_init(&opts.callbacks, cb);
	cb->local_push = is_local(amm_transport_url(remote));
	free(cb->refused);
	cb->refused = NULL;
	/* Not git_remote_push(): it would write our remote-tracking ref without the writers' lock,
	 * and a kill there left a lock file no amm could tell from a running git's. */
	rc = git_remote_upload(remote, &arr, &opts);
	git_remote_disconnect(remote);
	if (rc < 0)
		err = remote_fail(rc, cb, amm_transport_url(remote));
	else if (cb->refused != NULL)
		err = amm_error_new(AMM_EXIT_SYSTEM, MSG_SYNC_REJECTED, cb->refused);
	free(spec);
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
amm_sync_clone(struct amm_store **out, const char *url, const char *path,
               const struct amm_progress *progress)
{
	struct amm_transport cb = {.progress = progress};
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
