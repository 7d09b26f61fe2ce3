/* amm status [--json] */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "cmd.h"
#include "merge.h"

/* What a professional should look at now, in the method's words. */
static void
warnings(const struct amm_casus *casus, const struct amm_voortgang *v, long max_open,
         struct amm_date today, struct amm_strlist *out)
{
	const char *next = amm_casus_get(casus, "volgende-evaluatie");
	struct amm_date d;

	if (!v->perspectief)
		amm_strlist_add(out, "stap 1: er is nog geen perspectief van de Amsterdammer");
	if (v->spin_gevuld < AMM_SPIN_FIELDS)
		amm_strlist_take(out,
		                 amm_asprintf("stap 2: %d van de %d velden van de spin zijn "
		                              "nog leeg",
		                              AMM_SPIN_FIELDS - v->spin_gevuld, AMM_SPIN_FIELDS));
	if (v->problemen > 0 && !v->gedeeld)
		amm_strlist_add(out, "stap 3: de analyse is nog niet met de Amsterdammer besproken "
		                     "(een gedeeld beeld)");
	if (v->stappen_open > max_open)
		amm_strlist_take(out, amm_asprintf("stap 4: %d stappen staan tegelijk open; de "
		                                   "methode vraagt om focus (hoogstens %ld)",
		                                   v->stappen_open, max_open));
	if (v->afspraken_te_laat > 0)
		amm_strlist_take(out, amm_asprintf("stap 5: %d afspraak/afspraken over de datum",
		                                   v->afspraken_te_laat));
	if (*next == '\0' && v->stappen > 0)
		amm_strlist_add(out, "stap 6: er is geen volgende evaluatie gepland");
	if (amm_date_stored(next, &d) && amm_date_cmp(d, today) < 0)
		amm_strlist_take(out,
		                 amm_asprintf("stap 6: de evaluatie van %s is verstreken", next));
}

static const char *
or_dash(const char *s)
{
	return *s ? s : "-";
}

/* A value of several lines, each under the first. */
static void
print_value(const char *label, const char *value)
{
	const char *p = value;

	printf("    %s", label);
	for (const char *nl; (nl = strchr(p, '\n')) != NULL; p = nl + 1)
		amm_printf(stdout, "%.*s\n          ", (int)(nl - p), p);
	amm_printf(stdout, "%s\n", p);
}

/* Values that amm sync kept side by side, and how to choose. */
static void
print_conflicts(const struct amm_conflict *list, size_t n)
{
	if (n == 0)
		return;
	printf("\nConflicten van amm sync (beide waarden zijn bewaard):\n");
	for (size_t i = 0; i < n; i++) {
		amm_printf(stdout, "  %s %s\n", list[i].onderdeel, list[i].what);
		print_value("mijn: ", list[i].mijn);
		print_value("hun:  ", list[i].hun);
		if (i + 1 == n || strcmp(list[i + 1].onderdeel, list[i].onderdeel) != 0)
			amm_printf(stdout,
			           "  Kies met 'amm sync --kies mijn|hun %s', of pas aan met 'amm "
			           "bewerk %s' en verwijder de [conflict ...]-sectie of de "
			           "markeringen.\n",
			           list[i].onderdeel, list[i].onderdeel);
	}
}

static json_t *
conflicts_json(const struct amm_conflict *list, size_t n)
{
	json_t *a = json_array();

	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:s, s:s, s:o, s:o}", "onderdeel",
		                                   list[i].onderdeel, "waar", list[i].what, "mijn",
		                                   amm_json_text_value(list[i].mijn), "hun",
		                                   amm_json_text_value(list[i].hun)));
	return a;
}

/* The state of a step of the method: green when done, yellow when something is missing, red
 * when it is late. */
static const char *
state(bool done, bool late)
{
	return late ? AMM_RED : done ? AMM_GREEN : AMM_YELLOW;
}

static void
print_status(const struct amm_ctx *ctx, const struct amm_casus *c, const struct amm_voortgang *v,
             long max_open, const struct amm_strlist *warn)
{
	const char *next = amm_casus_get(c, "volgende-evaluatie");
	struct amm_date d;
	bool verstreken = amm_date_stored(next, &d) && amm_date_cmp(d, ctx->today) < 0;

	if (amm_casus_is_open(c))
		amm_printf(stdout, "Casus %s  %s  (open sinds %s)\n", c->id,
		           or_dash(amm_casus_get(c, "alias")),
		           or_dash(amm_casus_get(c, "geopend")));
	else
		amm_printf(stdout, "Casus %s  %s  (afgesloten op %s, geopend %s)\n", c->id,
		           or_dash(amm_casus_get(c, "alias")),
		           or_dash(amm_casus_get(c, "afgesloten")),
		           or_dash(amm_casus_get(c, "geopend")));
	amm_printf(stdout, "Casusinbrenger:   %s\n", or_dash(amm_casus_get(c, "casusinbrenger")));
	amm_printf(stdout, "Procesbegeleider: %s\n", or_dash(amm_casus_get(c, "procesbegeleider")));
	amm_printf(stdout, "Maatwerkcoach:    %s\n\n", or_dash(amm_casus_get(c, "maatwerkcoach")));
	printf("1 Perspectief            ");
	amm_printfc(ctx, state(v->perspectief, false), "%s",
	            v->perspectief ? "ingevuld" : "nog leeg");
	printf("\n2 Spin                   ");
	amm_printfc(ctx, state(v->spin_gevuld == AMM_SPIN_FIELDS, false),
	            "%d van %d velden ingevuld", v->spin_gevuld, AMM_SPIN_FIELDS);
	printf("\n3 Wat is er aan de hand  ");
	amm_printfc(ctx, state(v->problemen > 0 && v->gedeeld, false), "%d probleem/problemen; %s",
	            v->problemen, v->gedeeld ? "gedeeld met de Amsterdammer" : "nog niet gedeeld");
	printf("\n4 Eerste stap(pen)       ");
	amm_printfc(ctx, state(v->stappen > 0 && v->stappen_open <= max_open, false),
	            "%d stap(pen), %d open", v->stappen, v->stappen_open);
	printf("\n5 Wie doet wat           ");
	amm_printfc(ctx, state(v->afspraken > 0, v->afspraken_te_laat > 0),
	            "%d afspra(a)k(en), %d open, %d te laat", v->afspraken, v->afspraken_open,
	            v->afspraken_te_laat);
	printf("\n6 Evaluatie              ");
	amm_printfc(ctx, state(*next != '\0', verstreken), "%d evaluatie(s); volgende: %s",
	            v->evaluaties, *next ? next : "niet gepland");
	printf("\n");
	if (warn->len > 0) {
		printf("\n");
		amm_printfc(ctx, AMM_YELLOW, "Let op:");
		printf("\n");
		for (size_t i = 0; i < warn->len; i++)
			amm_printf(stdout, "  - %s\n", warn->items[i]);
	}
}

amm_error *
cmd_status(struct amm_ctx *ctx, const struct amm_args *args)
{
	struct amm_casus *casus = NULL;
	struct amm_ini *cfg = NULL;
	struct amm_strlist warn = {0};
	struct amm_conflict *conflicts = NULL;
	size_t nconflicts = 0;
	struct amm_voortgang v;
	long max_open;
	amm_error *err;

	(void)args;
	err = amm_config_load(ctx->head, &cfg);
	if (err == NULL)
		err = amm_casus_load(&casus, ctx->head, ctx->casus);
	if (err == NULL)
		err = amm_casus_conflicts(casus, &conflicts, &nconflicts);
	if (err != NULL)
		goto done;
	amm_casus_voortgang(casus, ctx->today, &v);
	max_open = amm_config_number(cfg, "check", "max-open-stappen", AMM_MAX_OPEN_STAPPEN);
	warnings(casus, &v, max_open, ctx->today, &warn);
	if (ctx->json) {
		json_t *w = json_array(), *obj = amm_json_casus(casus);

		for (size_t i = 0; i < warn.len; i++)
			json_array_append_new(w, amm_json_text_value(warn.items[i]));
		json_object_set_new(obj, "voortgang", amm_voortgang_json(&v));
		json_object_set_new(obj, "waarschuwingen", w);
		json_object_set_new(obj, "conflicten", conflicts_json(conflicts, nconflicts));
		err = amm_print_json(obj);
	} else {
		print_status(ctx, casus, &v, max_open, &warn);
		print_conflicts(conflicts, nconflicts);
	}
done:
	amm_conflicts_free(conflicts, nconflicts);
	amm_strlist_free(&warn);
	amm_casus_free(casus);
	amm_ini_free(cfg);
	return err;
}
