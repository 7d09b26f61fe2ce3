/* amm sync [REMOTE] and amm sync --kies mijn|hun [ONDERDEEL] */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "msg.h"
#include "sync.h"

static const char *const kies_choices[] = {"mijn", "hun", NULL};

struct sync_opts {
	const char *kies;
	bool stil;
};

const struct amm_option opts_sync[] = {
    AMM_OPT_CHOICE("kies", 0, "K", struct sync_opts, kies, kies_choices,
                   "los de conflicten van de laatste sync op met mijn of hun waarde (in ONDERDEEL, "
                   "of overal), en deel daarna"),
    AMM_OPT_FLAG("stil", 'q', struct sync_opts, stil,
                 "toon geen voortgang, ook niet op een terminal"),
    AMM_OPT_END(struct sync_opts),
};

/*
 * One line on standard error, rewritten as the transfer goes on and ended when it is done; the
 * size when the transport counts it.
 */
static void
show_progress(const struct amm_progress_event *ev, void *arg)
{
	(void)arg;
	fprintf(stderr, "\r%s: %u/%u objecten", ev->sending ? "Verzonden" : "Ontvangen", ev->done,
	        ev->total);
	if (ev->bytes > 0)
		fprintf(stderr, ", %zu KiB", ev->bytes / 1024);
	fprintf(stderr, "%s", ev->done == ev->total ? "\n" : "");
	fflush(stderr);
}

/* Progress belongs on a terminal, not in scripts and CI logs. */
const struct amm_progress *
amm_transfer_progress(bool stil)
{
	static const struct amm_progress terminal = {show_progress, NULL};
	const char *ci = getenv("CI");

	return !stil && isatty(2) && (ci == NULL || *ci == '\0') ? &terminal : NULL;
}

static amm_error *
kies(struct amm_ctx *ctx, const char *choice, const char *deel_arg)
{
	struct amm_strlist resolved = {0};
	const char *file = NULL;
	enum amm_deel deel;
	amm_error *err;

	if (deel_arg != NULL) {
		if (!amm_deel_find(deel_arg, &deel))
			return amm_error_new(AMM_EXIT_USAGE, MSG_DEEL_UNKNOWN, deel_arg);
		file = amm_delen[deel].file;
	}
	err = amm_sync_resolve(ctx->store, strcmp(choice, "mijn") == 0, file, &resolved);
	for (size_t i = 0; err == NULL && i < resolved.len; i++)
		amm_printf(stdout, "Opgelost met %s waarde(n): %s\n", choice, resolved.items[i]);
	amm_strlist_free(&resolved);
	return err;
}

amm_error *
cmd_sync(struct amm_ctx *ctx, const struct amm_args *args)
{
	const struct sync_opts *o = args->opts;
	const char *choice = o->kies;
	const char *remote = choice == NULL && args->argc > 0 ? args->argv[0] : "origin";
	struct amm_sync_report r = {0};
	amm_error *err = NULL;

	if (choice != NULL) {
		err = kies(ctx, choice, args->argc > 0 ? args->argv[0] : NULL);
		if (err != NULL)
			return err;
	}
	err = amm_sync(ctx->store, remote, amm_transfer_progress(o->stil), &r);
	for (size_t i = 0; i < r.erased.len; i++)
		amm_printf(
		    stdout,
		    "Casus %s is gewist volgens vergeten.ini: uit de geschiedenis, de werkmap "
		    "en .git van deze kloon.\n",
		    r.erased.items[i]);
	if (r.dropped.len > 0) {
		amm_printf(stdout,
		           "%zu eigen, nog niet gedeelde commit%s met wijzigingen aan een gewiste "
		           "casus %s vervallen:\n",
		           r.dropped.len, r.dropped.len == 1 ? "" : "s",
		           r.dropped.len == 1 ? "is" : "zijn");
		for (size_t i = 0; i < r.dropped.len; i++)
			amm_printf(stdout, "  %s\n", r.dropped.items[i]);
	}
	for (size_t i = 0; i < r.discarded.len; i++)
		amm_printf(stdout,
		           "Niet vastgelegde wijziging aan een gewiste casus weggegooid: %s\n",
		           r.discarded.items[i]);
	for (size_t i = 0; i < r.erased_hun.len; i++)
		amm_printf(
		    stdout,
		    "Casus %s stond nog op de server: de server krijgt de geschiedenis zonder "
		    "de casus.\n",
		    r.erased_hun.items[i]);
	if (r.fast_forward)
		amm_printf(stdout, "Bijgewerkt met de wijzigingen van %s.\n", r.tracking);
	if (r.merged)
		amm_printf(stdout, "Samengevoegd met %s.\n", r.tracking);
	for (size_t i = 0; i < r.notes.len; i++)
		amm_printf(stdout, "  %s\n", r.notes.items[i]);
	if (r.pushed && r.retries > 0)
		amm_printf(stdout,
		           "Gedeeld met %s (de server veranderde intussen; %d keer opnieuw "
		           "samengevoegd).\n",
		           r.tracking, r.retries);
	else if (r.pushed)
		amm_printf(stdout, "Gedeeld met %s.\n", r.tracking);
	if (err == NULL && !r.fast_forward && !r.merged && !r.pushed)
		amm_printf(stdout, "Alles is al gelijk met %s.\n", r.tracking);
	amm_sync_report_free(&r);
	return err;
}
