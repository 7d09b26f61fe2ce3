/*
 * amm vergeet ID --bevestig ID --grond GROND
 * amm vergeet --lijst BESTAND [--ja]
 * amm vergeet --toepassen
 * amm vergeet --controleer ID
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "erase.h"
#include "msg.h"

struct vergeet_opts {
	const char *bevestig, *grond, *lijst, *controleer;
	bool ja, toepassen;
};

const struct amm_option opts_vergeet[] = {
    AMM_OPT_STRING("bevestig", 0, "ID", struct vergeet_opts, bevestig,
                   "herhaal het casusnummer: wissen kan niet ongedaan worden gemaakt"),
    AMM_OPT_CHOICE("grond", 0, "GROND", struct vergeet_opts, grond, amm_erase_grounds,
                   "waarom: verzoek, bewaartermijn, onrechtmatig, bezwaar of wettelijke-plicht"),
    AMM_OPT_STRING("lijst", 0, "BESTAND", struct vergeet_opts, lijst,
                   "wis de casussen van een vernietigingslijst (amm bewaartermijn --csv)"),
    AMM_OPT_FLAG("ja", 0, struct vergeet_opts, ja,
                 "vraag niet om bevestiging van de lijst (voor batchtaken)"),
    AMM_OPT_FLAG("toepassen", 0, struct vergeet_opts, toepassen,
                 "voer het wissen uit dat vergeten.ini vraagt, of maak het af"),
    AMM_OPT_STRING("controleer", 0, "ID", struct vergeet_opts, controleer,
                   "zoek in deze kloon naar sporen van een gewiste casus"),
    AMM_OPT_END(struct vergeet_opts),
};

static void
say_done(const struct amm_forget_report *r)
{
	printf("%zu commit%s herschreven, %zu vervallen.\n", r->rewritten,
	       r->rewritten == 1 ? "" : "s", r->dropped);
	for (size_t i = 0; i < r->discarded.len; i++)
		amm_printf(stdout, "Niet vastgelegde wijziging weggegooid: %s\n",
		           r->discarded.items[i]);
	if (r->remotes.len > 0)
		printf("\nDe casus staat nog op de server en in de andere klonen. Doe nu 'amm "
		       "sync': de "
		       "server en elke kloon die daarna synchroniseert, wissen de casus ook.\n");
	printf("Kopieën buiten de repository's (back-ups, klonen die niet meer synchroniseren, "
	       "exports) bereikt amm niet; controleer een kloon met 'amm vergeet --controleer "
	       "ID'.\n");
}

/* The ids of a destruction list: CSV with a header whose first column is id. */
static amm_error *
list_read(const char *path, struct amm_strlist *ids, char **text)
{
	FILE *f = fopen(path, "r");
	struct amm_buf buf = {0};
	amm_error *err = NULL;
	char line[1024];
	int nr = 0;

	*text = NULL;
	if (f == NULL)
		return amm_error_errno(MSG_CLI_READ, path);
	while (err == NULL && fgets(line, sizeof(line), f) != NULL) {
		char *id = amm_xstrndup(line, strcspn(line, ",\r\n"));

		nr++;
		amm_buf_adds(&buf, line);
		if (nr == 1 && strcmp(id, "id") == 0) {
			free(id);
			continue;
		}
		if (*id == '\0')
			free(id);
		else if (!amm_casus_id_valid(id)) {
			err = amm_error_new(AMM_EXIT_INPUT, MSG_VERGEET_LIST_BAD, path, nr, id);
			free(id);
		} else if (!amm_strlist_has(ids, id))
			amm_strlist_take(ids, id);
		else
			free(id);
	}
	fclose(f);
	if (err == NULL && ids->len == 0)
		err = amm_error_new(AMM_EXIT_INPUT, MSG_VERGEET_LIST_EMPTY, path);
	*text = amm_buf_detach(&buf, NULL);
	return err;
}

/* Erase the casussen of a destruction list, after a yes on a terminal or --ja. */
static amm_error *
vergeet_lijst(struct amm_ctx *ctx, const struct amm_args *args, struct amm_forget_report *r)
{
	const struct vergeet_opts *o = args->opts;
	const char *path = o->lijst;
	struct amm_strlist ids = {0}, unreadable = {0};
	struct amm_due *due = NULL;
	struct amm_buf kept = {0};
	char *text = NULL, *name = NULL, day[AMM_DATE_LEN];
	size_t ndue = 0;
	amm_error *err;

	err = list_read(path, &ids, &text);
	if (err == NULL)
		err = amm_erase_due(ctx->head, ctx->today, &due, &ndue, &unreadable);
	amm_date_format(ctx->today, day);
	amm_buf_adds(&kept, "id,afgesloten,bewaren_tot,vernietigd\n");
	for (size_t i = 0; i < ids.len && err == NULL; i++) {
		const struct amm_due *d = NULL;

		for (size_t k = 0; k < ndue; k++)
			if (strcmp(due[k].id, ids.items[i]) == 0)
				d = &due[k];
		err = amm_casus_exists(ctx->head, ids.items[i]);
		if (err == NULL && d == NULL)
			err = amm_error_new(AMM_EXIT_INPUT, MSG_VERGEET_LIST_NOTDUE, ids.items[i],
			                    path);
		if (err == NULL)
			amm_buf_addf(&kept, "%s,%s,%s,%s\n", d->id, d->afgesloten, d->bewaren_tot,
			             day);
	}
	if (err != NULL)
		goto done;
	if (ids.len == 1)
		printf(
		    "Deze casus wordt uit de hele geschiedenis gewist (grond: bewaartermijn):\n");
	else
		printf("Deze %zu casussen worden uit de hele geschiedenis gewist (grond: "
		       "bewaartermijn):\n",
		       ids.len);
	for (size_t i = 0; i < ids.len; i++)
		amm_printf(stdout, "  %s\n", ids.items[i]);
	if (!o->ja) {
		char answer[16] = "";

		if (!isatty(STDIN_FILENO)) {
			err = amm_error_new(AMM_EXIT_USAGE, MSG_VERGEET_ASK);
			goto done;
		}
		printf("Typ 'ja' om ze definitief te wissen: ");
		fflush(stdout);
		if (fgets(answer, sizeof(answer), stdin) == NULL || strcmp(answer, "ja\n") != 0) {
			err = amm_error_new(AMM_EXIT_USAGE, MSG_VERGEET_NO);
			goto done;
		}
	}
	/* The list is kept, ids and dates only, as the record that destruction happened. */
	name = amm_asprintf(AMM_ERASE_LIST_DIR "/%s.csv", day);
	err = amm_erase(ctx->store, &ids, "bewaartermijn", ctx->today, name, kept.data, r);
	if (err == NULL) {
		printf("Gewist: %zu casus%s; de lijst staat in %s. ", ids.len,
		       ids.len == 1 ? "" : "sen", name);
		say_done(r);
	}
done:
	free(name);
	free(text);
	free(due);
	amm_buf_free(&kept);
	amm_strlist_free(&ids);
	amm_strlist_free(&unreadable);
	return err;
}

static amm_error *
vergeet_controleer(struct amm_ctx *ctx, const char *id)
{
	struct amm_strlist found = {0};
	amm_error *err;

	if (!amm_casus_id_valid(id))
		return amm_error_new(AMM_EXIT_USAGE, MSG_CASUS_BAD_ID, id);
	err = amm_erase_traces(ctx->store, id, &found);
	if (err == NULL && found.len == 0)
		amm_printf(stdout,
		           "Geen spoor van casus %s in deze kloon: geen object, index, werkmap of "
		           "bestand van amm noemt hem.\n",
		           id);
	for (size_t i = 0; i < found.len; i++)
		amm_printf(stdout, "%s\n", found.items[i]);
	if (err == NULL && found.len > 0)
		err = amm_error_new(AMM_EXIT_FINDINGS, MSG_VERGEET_TRACES, found.len, id);
	amm_strlist_free(&found);
	return err;
}

amm_error *
cmd_vergeet(struct amm_ctx *ctx, const struct amm_args *args)
{
	const struct vergeet_opts *o = args->opts;
	const char *confirm = o->bevestig, *ground = o->grond;
	struct amm_forget_report r = {0};
	struct amm_strlist ids = {0};
	amm_error *err;

	if (o->controleer != NULL && args->argc == 0)
		return vergeet_controleer(ctx, o->controleer);
	if (o->toepassen && args->argc == 0) {
		err = amm_erase_apply(ctx->store, &r);
		if (err == NULL) {
			printf("Het wissen dat vergeten.ini vraagt is uitgevoerd: ");
			say_done(&r);
		}
		amm_forget_report_free(&r);
		return err;
	}
	if (o->lijst != NULL && args->argc == 0) {
		err = vergeet_lijst(ctx, args, &r);
		amm_forget_report_free(&r);
		return err;
	}
	if (args->argc != 1 || confirm == NULL)
		return amm_error_new(AMM_EXIT_USAGE, MSG_VERGEET_USAGE);
	if (strcmp(args->argv[0], confirm) != 0)
		return amm_error_new(AMM_EXIT_USAGE, MSG_VERGEET_CONFIRM, args->argv[0], confirm);
	if (ground == NULL)
		return amm_error_new(AMM_EXIT_USAGE, MSG_VERGEET_GROUND);
	err = amm_casus_exists(ctx->head, args->argv[0]);
	if (err != NULL)
		return err;
	amm_strlist_add(&ids, args->argv[0]);
	err = amm_erase(ctx->store, &ids, ground, ctx->today, NULL, NULL, &r);
	if (err == NULL) {
		printf("Casus %s is gewist uit de hele geschiedenis: ", args->argv[0]);
		say_done(&r);
	}
	amm_strlist_free(&ids);
	amm_forget_report_free(&r);
	return err;
}
