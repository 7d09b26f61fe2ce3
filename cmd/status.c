/* amm status [--json] */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "cmd.h"
#include "doc.h"
#include "merge.h"
#include "render.h"

/* What a professional should look at now, in the method's words. */
static void
warnings(const struct amm_model *m, const struct amm_voortgang *v, long max_open,
         struct amm_date today, struct amm_strlist *out)
{
	const struct amm_value *next = &m->c.volgende_evaluatie;

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
	if (*next->text == '\0' && v->stappen > 0)
		amm_strlist_add(out, "stap 6: er is geen volgende evaluatie gepland");
	if (amm_value_set(next) && amm_date_cmp(next->date, today) < 0)
		amm_strlist_take(
		    out, amm_asprintf("stap 6: de evaluatie van %s is verstreken", next->text));
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

amm_error *
cmd_status(struct amm_ctx *ctx, const struct amm_args *args)
{
	struct amm_casus *casus = NULL;
	struct amm_model *m = NULL;
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
	m = amm_model_build(casus);
	amm_model_voortgang(m, ctx->today, &v);
	max_open = amm_config_number(cfg, "check", "max-open-stappen", AMM_MAX_OPEN_STAPPEN);
	warnings(m, &v, max_open, ctx->today, &warn);
	if (ctx->json) {
		json_t *w = json_array(), *obj = amm_json_casus(casus);

		for (size_t i = 0; i < warn.len; i++)
			json_array_append_new(w, amm_json_text_value(warn.items[i]));
		json_object_set_new(obj, "voortgang", amm_voortgang_json(&v));
		json_object_set_new(obj, "waarschuwingen", w);
		json_object_set_new(obj, "conflicten", conflicts_json(conflicts, nconflicts));
		err = amm_print_json(obj);
	} else {
		struct amm_doc *doc = amm_doc_status(m, &v, max_open, ctx->today, &warn);
		struct amm_marks marks = {0};
		struct amm_buf buf = {0};

		amm_render_doc(doc, &buf, &marks);
		amm_print_marked(ctx, buf.data, &marks);
		amm_marks_free(&marks);
		amm_buf_free(&buf);
		amm_doc_free(doc);
		print_conflicts(conflicts, nconflicts);
	}
done:
	amm_model_free(m);
	amm_conflicts_free(conflicts, nconflicts);
	amm_strlist_free(&warn);
	amm_casus_free(casus);
	amm_ini_free(cfg);
	return err;
}
