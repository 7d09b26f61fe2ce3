/* amm rapport [--json] */
#include <stdlib.h>
#include <string.h>

#include "bedrag.h"
#include "cmd.h"

const struct amm_option opts_rapport[] = {
    {"json", 0, NULL, "uitvoer als JSON (zie amm-rapport(1))"},
    {NULL, 0, NULL, NULL},
};

struct counts {
	int open, afgesloten;
	int by_steps[7]; /* open casussen by the number of steps with something in them */
	json_t *systeem; /* text -> count */
	int uitz[3];     /* in behandeling, akkoord, afgewezen */
	long long gewoon[3], maatwerk[3];
};

static long long
cents_of(const char *text)
{
	long long cents = 0;
	amm_error *err = *text ? amm_bedrag_parse(text, &cents) : NULL;

	amm_error_free(err);
	return err == NULL ? cents : 0;
}

static void
count_casus(const struct amm_casus *c, struct amm_date today, struct counts *n)
{
	const struct amm_ini *an = c->ini[AMM_DEEL_ANALYSE], *ui = c->ini[AMM_DEEL_UITZONDERINGEN];
	struct amm_voortgang v;
	int *nrs;
	size_t k;

	if (!amm_casus_is_open(c)) {
		n->afgesloten++;
	} else {
		n->open++;
		amm_casus_voortgang(c, today, &v);
		n->by_steps[amm_voortgang_stappen(&v)]++;
	}
	amm_items(an, "probleem", &nrs, &k);
	for (size_t i = 0; i < k; i++) {
		char *sec = amm_asprintf("probleem %d", nrs[i]);

		if (strcmp(amm_ini_str(an, sec, "type"), "systeem") == 0 &&
		    strcmp(amm_ini_str(an, sec, "status"), "verwijderd") != 0) {
			const char *t = amm_ini_str(an, sec, "tekst");
			json_t *was = json_object_get(n->systeem, t);

			json_object_set_new(n->systeem, t,
			                    json_integer(was ? json_integer_value(was) + 1 : 1));
		}
		free(sec);
	}
	free(nrs);
	amm_items(ui, "uitzondering", &nrs, &k);
	for (size_t i = 0; i < k; i++) {
		char *sec = amm_asprintf("uitzondering %d", nrs[i]);
		const char *b = amm_ini_str(ui, sec, "besluit");
		int s = strcmp(b, "akkoord") == 0 ? 1 : strcmp(b, "afgewezen") == 0 ? 2 : 0;

		n->uitz[s]++;
		n->gewoon[s] += cents_of(amm_ini_str(ui, sec, "kosten-gewoon"));
		n->maatwerk[s] += cents_of(amm_ini_str(ui, sec, "kosten-maatwerk"));
		free(sec);
	}
	free(nrs);
}

/* System problems, most frequent first (then alphabetical), as [text, count] pairs. */
static json_t *
sorted_problems(json_t *map)
{
	json_t *list = json_array(), *v;
	const char *k;

	json_object_foreach(map, k, v)
	{
		size_t at = 0;

		while (at < json_array_size(list)) {
			json_t *o = json_array_get(list, at);
			json_int_t c = json_integer_value(json_object_get(o, "aantal"));

			if (c < json_integer_value(v) ||
			    (c == json_integer_value(v) &&
			     strcmp(json_string_value(json_object_get(o, "tekst")), k) > 0))
				break;
			at++;
		}
		json_array_insert_new(
		    list, at, json_pack("{s:s, s:I}", "tekst", k, "aantal", json_integer_value(v)));
	}
	return list;
}

static void
print_text(const struct counts *n, json_t *problems)
{
	static const char *const states[] = {"in behandeling", "akkoord", "afgewezen"};
	json_t *p;
	size_t i;

	printf("Casussen: %d open, %d afgesloten\n\nOpen casussen naar voortgang (stappen van de "
	       "methode met iets erin):\n",
	       n->open, n->afgesloten);
	for (int s = 0; s <= 6; s++)
		printf("  %d van 6  %d\n", s, n->by_steps[s]);
	printf("\nSysteemproblemen (signalen voor de maatwerkcommunity):\n");
	if (json_array_size(problems) == 0)
		printf("  (geen)\n");
	json_array_foreach(problems, i, p) amm_printf(
	    stdout, "  %3lld  %s\n", (long long)json_integer_value(json_object_get(p, "aantal")),
	    json_string_value(json_object_get(p, "tekst")));
	printf("\nUitzonderingen:\n");
	for (int s = 0; s < 3; s++) {
		char *g = amm_bedrag_format(n->gewoon[s]), *m = amm_bedrag_format(n->maatwerk[s]);

		printf("  %-15s %3d   gewone route %s, maatwerk %s\n", states[s], n->uitz[s], g, m);
		free(g);
		free(m);
	}
}

amm_error *
cmd_rapport(struct amm_ctx *ctx, const struct amm_args *args)
{
	struct counts n = {.systeem = json_object()};
	struct amm_strlist ids = {0};
	json_t *problems;
	size_t unreadable = 0;
	amm_error *err = amm_casus_ids(ctx->head, &ids);

	for (size_t i = 0; i < ids.len && err == NULL; i++) {
		struct amm_casus *casus = NULL;

		err = amm_casus_load(&casus, ctx->head, ids.items[i]);
		amm_load_skip(&err, &unreadable);
		if (casus != NULL)
			count_casus(casus, ctx->today, &n);
		amm_casus_free(casus);
	}
	problems = sorted_problems(n.systeem);
	if (err == NULL && amm_flag(args, "json")) {
		static const char *const states[] = {"in_behandeling", "akkoord", "afgewezen"};
		json_t *steps = json_array(), *uitz = json_object();

		for (int s = 0; s <= 6; s++)
			json_array_append_new(steps, json_integer(n.by_steps[s]));
		for (int s = 0; s < 3; s++) {
			char *g = amm_bedrag_canonical(n.gewoon[s]);
			char *m = amm_bedrag_canonical(n.maatwerk[s]);

			json_object_set_new(uitz, states[s],
			                    json_pack("{s:i, s:s, s:s}", "aantal", n.uitz[s],
			                              "kosten_gewoon", g, "kosten_maatwerk", m));
			free(g);
			free(m);
		}
		err = amm_print_json(
		    json_pack("{s:{s:i, s:i}, s:o, s:O, s:o}", "casussen_per_status", "open",
		              n.open, "afgesloten", n.afgesloten, "open_naar_voortgang", steps,
		              "systeemproblemen", problems, "uitzonderingen_per_besluit", uitz));
	} else if (err == NULL) {
		print_text(&n, problems);
	}
	json_decref(problems);
	json_decref(n.systeem);
	amm_strlist_free(&ids);
	return err != NULL ? err : amm_load_skipped(unreadable);
}
