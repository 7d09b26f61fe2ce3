/* amm rapport [--json] */
#include <stdlib.h>
#include <string.h>

#include "bedrag.h"
#include "cmd.h"
#include "summary.h"

struct counts {
	int open, afgesloten;
	int by_steps[7]; /* open casussen by the number of steps with something in them */
	json_t *systeem; /* text -> count */
	int uitz[3];     /* in behandeling, akkoord, afgewezen */
	long long gewoon[3], maatwerk[3];
};

static void
count_casus(const struct amm_summary_casus *s, struct counts *n)
{
	size_t i;
	json_t *v;

	if (!s->open) {
		n->afgesloten++;
	} else {
		n->open++;
		n->by_steps[amm_voortgang_stappen(&s->v)]++;
	}
	json_array_foreach(s->systeem, i, v)
	{
		const char *t = json_string_value(v); /* shown visibly */
		json_t *was = json_object_get(n->systeem, t);

		json_object_set_new(n->systeem, t,
		                    json_integer(was ? json_integer_value(was) + 1 : 1));
	}
	json_array_foreach(s->uitzonderingen, i, v)
	{
		int st = (int)json_integer_value(json_array_get(v, 0));

		n->uitz[st]++;
		n->gewoon[st] += json_integer_value(json_array_get(v, 1));
		n->maatwerk[st] += json_integer_value(json_array_get(v, 2));
	}
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
	struct amm_summary sum = {0};
	json_t *problems;
	size_t unreadable = 0;
	amm_error *err = amm_summary_read(&sum, ctx->store, ctx->head, ctx->today);

	(void)args;
	for (size_t i = 0; i < sum.len && err == NULL; i++) {
		amm_error *bad = amm_summary_fout(sum.items[i].fout);

		if (!amm_load_skip(&bad, &unreadable))
			count_casus(&sum.items[i], &n);
	}
	problems = sorted_problems(n.systeem);
	if (err == NULL && ctx->json) {
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
	amm_summary_free(&sum);
	return err != NULL ? err : amm_load_skipped(unreadable);
}
