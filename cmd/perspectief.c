/* amm perspectief [TEKST|-] [--bewerk] [--geschiedenis] [--json] */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "history.h"
#include "msg.h"
#include "markdown.h"
#include "perspectief.h"

struct perspectief_opts {
	bool bewerk;
	bool geschiedenis;
};

const struct amm_option opts_perspectief[] = {
    AMM_OPT_FLAG("bewerk", 'e', struct perspectief_opts, bewerk,
                 "schrijf het perspectief in je editor ($VISUAL of $EDITOR)"),
    AMM_OPT_FLAG("geschiedenis", 0, struct perspectief_opts, geschiedenis,
                 "toon elk eerder perspectief met datum en auteur"),
    AMM_OPT_END(struct perspectief_opts),
};

struct history_item {
	char date[AMM_DATE_LEN];
	const char *author;
	const char *commit;
	char *text;
};

/* The texts the perspectief had, newest first, each with when and by whom it was set. */
static amm_error *
history(struct amm_ctx *ctx, struct amm_log_entry **log, size_t *nlog, struct history_item **out,
        size_t *n)
{
	char *path = amm_casus_path(ctx->casus, AMM_DEEL_PERSPECTIEF);
	struct history_item *items = NULL;
	size_t len = 0;
	amm_error *err;

	*out = NULL;
	*n = 0;
	err = amm_store_path_log(ctx->store, path, log, nlog);
	for (size_t i = 0; i < *nlog && err == NULL; i++) {
		struct amm_snap *snap = NULL;
		char *data = NULL, *body;

		err = amm_snap_open(&snap, ctx->store, (*log)[i].id);
		if (err == NULL)
			err = amm_snap_read(snap, path, &data, NULL);
		amm_snap_free(snap);
		if (err != NULL && err->code == AMM_EXIT_NOTFOUND) {
			amm_error_free(err);
			err = NULL;
			continue;
		}
		if (err != NULL)
			break;
		body = amm_md_body(data);
		free(data);
		/* A change around the text is no new perspectief: the older entry says when. */
		if (len > 0 && strcmp(items[len - 1].text, body) == 0) {
			free(items[len - 1].text);
			len--;
		}
		items = amm_xrealloc(items, (len + 1) * sizeof(*items));
		amm_date_format(amm_date_of_time((*log)[i].time, (*log)[i].offset),
		                items[len].date);
		items[len].author = (*log)[i].author;
		items[len].commit = (*log)[i].id;
		items[len].text = body;
		len++;
	}
	/* The template's empty text is not a perspectief. */
	while (len > 0 && items[len - 1].text[0] == '\0')
		free(items[--len].text);
	free(path);
	*out = items;
	*n = len;
	return err;
}

static void
history_free(struct history_item *items, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(items[i].text);
	free(items);
}

static json_t *
history_json(const struct history_item *h)
{
	return json_pack("{s:o, s:s, s:o, s:s}", "tekst", amm_json_text_value(h->text), "datum",
	                 h->date, "auteur", amm_json_text_value(h->author), "commit", h->commit);
}

static amm_error *
show(struct amm_ctx *ctx, bool all, bool json)
{
	struct amm_log_entry *log = NULL;
	struct history_item *items = NULL;
	size_t nlog = 0, n = 0;
	struct amm_casus *casus = NULL;
	char *now = NULL;
	amm_error *err;

	err = amm_load(ctx, &casus);
	if (err == NULL)
		err = history(ctx, &log, &nlog, &items, &n);
	if (err != NULL)
		goto done;
	now = amm_casus_perspectief(casus);
	/* The current text as it stands at HEAD; the newest history item says who set it. */
	if (json && all) {
		json_t *list = json_array();

		for (size_t i = 0; i < n; i++)
			json_array_append_new(list, history_json(&items[i]));
		err = amm_print_json(json_pack("{s:o}", "geschiedenis", list));
	} else if (json) {
		err = amm_print_json(n > 0 && *now ? history_json(&items[0])
		                                   : json_pack("{s:o, s:n, s:n, s:n}", "tekst",
		                                               amm_json_text_value(now), "datum",
		                                               "auteur", "commit"));
	} else if (all) {
		if (n == 0)
			printf("Er is nog geen perspectief vastgelegd.\n");
		for (size_t i = 0; i < n; i++)
			amm_printf(stdout, "%s%s  %s%s\n  %s\n", i > 0 ? "\n" : "", items[i].date,
			           items[i].author, i == 0 ? "  (huidig)" : "", items[i].text);
	} else if (*now == '\0') {
		printf("Er is nog geen perspectief vastgelegd. Leg het vast in de eigen woorden "
		       "van de Amsterdammer:\n  amm perspectief \"Ik wil ...\"\n");
	} else {
		amm_printf(stdout, "%s\n", now);
		if (n > 0)
			amm_printf(stdout, "\n(vastgelegd op %s door %s)\n", items[0].date,
			           items[0].author);
	}
done:
	free(now);
	history_free(items, n);
	amm_log_free(log, nlog);
	amm_casus_free(casus);
	return err;
}

static amm_error *
set_change(struct amm_casus *casus, struct amm_tx *tx, void *arg)
{
	const char *text = arg;
	char *old = amm_casus_perspectief(casus);
	char *md = amm_md_set_body(casus->perspectief, text);

	free(casus->perspectief);
	casus->perspectief = md;
	amm_tx_message(tx, casus->id, "perspectief",
	               *old ? "perspectief gewijzigd" : "perspectief vastgelegd");
	free(old);
	return NULL;
}

amm_error *
cmd_perspectief(struct amm_ctx *ctx, const struct amm_args *args)
{
	const struct perspectief_opts *o = args->opts;
	bool edit = o->bewerk;
	struct amm_strlist warnings = {0};
	struct amm_casus *casus = NULL;
	char *text = NULL, *current = NULL, *edited = NULL;
	amm_error *err = NULL;

	if (args->argc == 0 && !edit)
		return show(ctx, o->geschiedenis, ctx->json);
	if (args->argc > 0 && edit)
		return amm_error_new(AMM_EXIT_USAGE, MSG_CLI_TEXT_AND_EDIT, "perspectief");
	if (edit) {
		err = amm_load(ctx, &casus);
		if (err == NULL) {
			current = amm_casus_perspectief(casus);
			err = amm_editor(*current ? current : "", "perspectief.md", &edited);
		}
		if (err == NULL)
			err = amm_text_clean("perspectief", edited, strlen(edited), &text);
	} else {
		err = amm_arg_text("perspectief", args->argv[0], &text);
	}
	if (err == NULL) {
		amm_perspectief_check(text, &warnings);
		err = amm_commit(ctx, set_change, text);
	}
	for (size_t i = 0; i < warnings.len && err == NULL; i++)
		amm_warn("%s", warnings.items[i]);
	amm_strlist_free(&warnings);
	amm_casus_free(casus);
	free(current);
	free(edited);
	free(text);
	return err;
}
