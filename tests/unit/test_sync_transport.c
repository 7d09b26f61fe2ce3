/* The transport of sync: progress told to the caller, the server's tip, failures named. */
#include "helpers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sync.h"
#include "sync_transport.h"
#include "util.h"

/* A repository shared through a bare server next to it. */
struct shared {
	struct th_repo *r;
	char *server;
};

/* What a progress callback was told. */
struct events {
	struct amm_progress_event ev[256];
	size_t n;
};

static void
collect(const struct amm_progress_event *ev, void *arg)
{
	struct events *e = arg;

	if (e->n < sizeof(e->ev) / sizeof(*e->ev))
		e->ev[e->n++] = *ev;
}

/*
 * Told in order: one kind, one total, a count that only grows, ending at the total. A push to
 * a local path counts no bytes.
 */
static void
expect_transfer(const struct events *e, bool sending)
{
	assert_true(e->n > 0);
	for (size_t i = 0; i < e->n; i++) {
		assert_int_equal(e->ev[i].sending, sending);
		assert_int_equal(e->ev[i].total, e->ev[0].total);
		assert_true(e->ev[i].done <= e->ev[i].total);
		if (i > 0)
			assert_true(e->ev[i].done > e->ev[i - 1].done);
	}
	assert_int_equal(e->ev[e->n - 1].done, e->ev[e->n - 1].total);
	if (sending)
		for (size_t i = 0; i < e->n; i++)
			assert_int_equal(e->ev[i].bytes, 0);
	else
		assert_true(e->ev[e->n - 1].bytes > 0);
}

static int
shared_setup(void **state)
{
	struct shared *s = amm_xcalloc(1, sizeof(*s));
	void *repo;

	th_repo_setup(&repo);
	s->r = repo;
	s->server = amm_asprintf("%s/server.git", s->r->dir);
	assert_int_equal(th_sh("git init -q --bare '%s'", s->server), 0);
	assert_ok(amm_sync_set_remote(s->r->st, "origin", s->server));
	*state = s;
	return 0;
}

static int
shared_teardown(void **state)
{
	struct shared *s = *state;
	void *repo = s->r;

	free(s->server);
	th_repo_teardown(&repo);
	free(s);
	return 0;
}

static void
test_progress_of_push_and_clone(void **state)
{
	struct shared *s = *state;
	struct events sent = {0}, received = {0};
	struct amm_progress to_sent = {collect, &sent}, to_received = {collect, &received};
	struct amm_sync_report rep = {0};
	struct amm_store *clone = NULL;
	char *dir = amm_asprintf("%s/kloon", s->r->dir);
	char *url = amm_asprintf("file://%s", s->server);

	th_write(s->r->st, "k.ini", "[s]\na = 1\n");
	assert_ok(amm_sync(s->r->st, "origin", &to_sent, &rep));
	assert_true(rep.pushed);
	expect_transfer(&sent, true);
	/* A file:// URL: a plain path is copied, not transferred. */
	assert_ok(amm_sync_clone(&clone, url, dir, &to_received));
	expect_transfer(&received, false);
	/* What was sent is what was received: every object of the history. */
	assert_int_equal(received.ev[received.n - 1].total, sent.ev[sent.n - 1].total);
	/* Nothing new: nothing to tell. */
	sent.n = 0;
	assert_ok(amm_sync(s->r->st, "origin", &to_sent, &rep));
	assert_false(rep.pushed);
	assert_int_equal(sent.n, 0);
	amm_sync_report_free(&rep);
	amm_store_free(clone);
	free(url);
	free(dir);
}

static void
test_tip_and_fetch(void **state)
{
	struct shared *s = *state;
	struct amm_transport t = {0};
	struct amm_sync_report rep = {0};
	git_remote *remote = NULL;
	git_oid tip, fetched;
	char *head, hex[GIT_OID_HEXSZ + 1];
	bool has;

	assert_int_equal(git_remote_lookup(&remote, s->r->st->repo, "origin"), 0);
	assert_string_equal(amm_transport_url(remote), s->server);
	/* An empty server has no branch. */
	assert_ok(amm_transport_tip(remote, "refs/heads/main", &t, &tip, &has));
	assert_false(has);
	assert_ok(amm_sync(s->r->st, "origin", NULL, &rep));
	assert_ok(amm_transport_tip(remote, "refs/heads/main", &t, &tip, &has));
	assert_true(has);
	head = th_sh_out("git -C '%s' rev-parse HEAD", s->r->dir);
	git_oid_tostr(hex, sizeof(hex), &tip);
	assert_memory_equal(head, hex, GIT_OID_HEXSZ);
	assert_ok(amm_transport_tip(remote, "refs/heads/ander", &t, &tip, &has));
	assert_false(has);
	assert_ok(amm_transport_fetch(s->r->st, remote, "+refs/heads/main:refs/remotes/origin/test",
	                              &t, "refs/remotes/origin/test", &fetched, &has));
	assert_true(has);
	git_oid_tostr(hex, sizeof(hex), &fetched);
	assert_memory_equal(head, hex, GIT_OID_HEXSZ);
	free(head);
	amm_sync_report_free(&rep);
	amm_transport_free(&t);
	git_remote_free(remote);
}

static void
test_failures_are_named(void **state)
{
	struct shared *s = *state;
	struct amm_transport t = {0};
	git_remote *remote = NULL;
	char *gone = amm_asprintf("%s/nergens.git", s->r->dir);
	char *want = amm_asprintf("verbinden met %s lukte niet: ", gone);
	amm_error *err;
	git_oid tip;
	bool has;

	assert_int_equal(git_remote_create(&remote, s->r->st->repo, "weg", gone), 0);
	err = amm_transport_tip(remote, "refs/heads/main", &t, &tip, &has);
	assert_non_null(err);
	assert_int_equal(err->code, AMM_EXIT_SYSTEM);
	assert_true(amm_str_starts(err->msg, want));
	amm_error_free(err);
	err = amm_transport_fetch(s->r->st, remote, "+refs/heads/main:refs/remotes/weg/main", &t,
	                          "refs/remotes/weg/main", &tip, &has);
	assert_non_null(err);
	assert_int_equal(err->code, AMM_EXIT_SYSTEM);
	assert_true(amm_str_starts(err->msg, want));
	amm_error_free(err);
	err = amm_transport_push(remote, "refs/heads/main", false, &t);
	assert_non_null(err);
	assert_int_equal(err->code, AMM_EXIT_SYSTEM);
	amm_error_free(err);
	/* None of it was about signing in. */
	assert_null(t.auth_error);
	assert_null(t.host_error);
	amm_transport_free(&t);
	git_remote_free(remote);
	free(want);
	free(gone);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_progress_of_push_and_clone, shared_setup,
	                                    shared_teardown),
	    cmocka_unit_test_setup_teardown(test_tip_and_fetch, shared_setup, shared_teardown),
	    cmocka_unit_test_setup_teardown(test_failures_are_named, shared_setup, shared_teardown),
	};

	return cmocka_run_group_tests(tests, th_git_setup, th_git_teardown);
}
