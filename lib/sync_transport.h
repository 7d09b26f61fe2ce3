/*
 * The transport of a sync: one connection to the server at a time (credentials from ssh,
 * GIT_ASKPASS or the environment, the server's key or certificate checked, progress), fetch,
 * push and the server's tip, all through libgit2. Private to the sync modules; amm_sync_clone
 * (sync.h) is here too.
 */
#ifndef AMM_SYNC_TRANSPORT_H
#define AMM_SYNC_TRANSPORT_H

#include <stdbool.h>

#include "store_priv.h"
#include "sync.h"

/* What the transfer callbacks need, and what they found out. */
struct amm_transport {
	const struct amm_progress *progress; /* NULL: nobody is told */
	unsigned int shown;                  /* objects in the last event */
	bool local_push; /* libgit2 1.5 leaves the byte count of a local push uninitialised */
	int ssh_attempt, userpass_attempt;
	const char *auth_error;
	const char *host_error; /* the server's key or certificate was refused */
	char *refused;          /* the server's reason for refusing a push */
};
void amm_transport_free(struct amm_transport *t);

/* The remote's URL, or its name when it has none. */
const char *amm_transport_url(const git_remote *remote);

/*
 * Fetch with spec ("+refs/heads/main:refs/remotes/origin/main") into tracking_ref, under the
 * writers' lock; *theirs is the ref's tip (*has: the server has the branch).
 */
amm_error *amm_transport_fetch(struct amm_store *st, git_remote *remote, char *spec,
                               struct amm_transport *t, const char *tracking_ref, git_oid *theirs,
                               bool *has);

/* The server's tip of branch now (*has: it has the branch). */
amm_error *amm_transport_tip(git_remote *remote, const char *branch, struct amm_transport *t,
                             git_oid *tip, bool *has);

/*
 * Push branch; forced (a history rewritten by an erasure) replaces the server's. Our
 * remote-tracking ref is left to the caller, which writes it under the writers' lock. A refusal
 * by the server: AMM_EXIT_SYSTEM with its reason; t->auth_error or t->host_error say whether
 * signing in failed.
 */
amm_error *amm_transport_push(git_remote *remote, const char *branch, bool forced,
                              struct amm_transport *t);

#endif
