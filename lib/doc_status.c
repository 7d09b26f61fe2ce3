/* What amm status shows, as a document tree (doc.h). */
#include "doc.h"

#include <stdlib.h>

#include "doc_priv.h"
#include "util.h"

/* label: words in a state: "klaar" (done), "bezig" (something missing), "te-laat". */
static void
stand(struct amm_doc *list, const char *label, const char *style, char *words)
{
	amm_doc_add(amm_doc_add(list, AMM_DOC_FIELD, label), AMM_DOC_WORDS, words)->style = style;
	free(words);
}

static const char *
state(bool done, bool late)
{
	return late ? "te-laat" : done ? "klaar" : "bezig";
}

struct amm_doc *
amm_doc_status(const struct amm_model *m, const struct amm_voortgang *v, long max_open,
               struct amm_date today, const struct amm_strlist *warn)
{
	const struct amm_m_casus *c = &m->c;
	const struct amm_value *next = &c->volgende_evaluatie;
	struct amm_doc *root = amm_doc_add(NULL, AMM_DOC_ROOT, NULL);
	struct amm_doc *h = amm_doc_heading(root, 1, "Casus "), *list;
	bool open = amm_model_is_open(m);

	amm_doc_add(h, AMM_DOC_VALUE, m->casus->id);
	if (*c->alias.text != '\0') {
		amm_doc_add(h, AMM_DOC_WORDS, "  ");
		amm_doc_value(h, &c->alias, NULL);
	}
	amm_doc_add(h, AMM_DOC_WORDS, open ? "  (open sinds " : "  (afgesloten op ");
	amm_doc_value_or(h, open ? &c->geopend : &c->afgesloten, "-");
	if (!open) {
		amm_doc_add(h, AMM_DOC_WORDS, ", geopend ");
		amm_doc_value_or(h, &c->geopend, "-");
	}
	amm_doc_add(h, AMM_DOC_WORDS, ")");
	list = amm_doc_add(root, AMM_DOC_LIST, NULL);
	amm_doc_value_or(amm_doc_add(list, AMM_DOC_FIELD, "Casusinbrenger"), &c->casusinbrenger,
	                 "-");
	amm_doc_value_or(amm_doc_add(list, AMM_DOC_FIELD, "Procesbegeleider"), &c->procesbegeleider,
	                 "-");
	amm_doc_value_or(amm_doc_add(list, AMM_DOC_FIELD, "Maatwerkcoach"), &c->maatwerkcoach, "-");

	list =
	    amm_doc_add(amm_doc_section(root, "voortgang", "De zes stappen"), AMM_DOC_LIST, NULL);
	stand(list, "1 Perspectief", state(v->perspectief, false),
	      amm_xstrdup(v->perspectief ? "ingevuld" : "nog leeg"));
	stand(list, "2 Spin", state(v->spin_gevuld == AMM_SPIN_FIELDS, false),
	      amm_asprintf("%d van %d velden ingevuld", v->spin_gevuld, AMM_SPIN_FIELDS));
	stand(list, "3 Wat is er aan de hand", state(v->problemen > 0 && v->gedeeld, false),
	      amm_asprintf("%d probleem/problemen; %s", v->problemen,
	                   v->gedeeld ? "gedeeld met de Amsterdammer" : "nog niet gedeeld"));
	stand(list, "4 Eerste stap(pen)",
	      state(v->stappen > 0 && v->stappen_open <= max_open, false),
	      amm_asprintf("%d stap(pen), %d open", v->stappen, v->stappen_open));
	stand(list, "5 Wie doet wat", state(v->afspraken > 0, v->afspraken_te_laat > 0),
	      amm_asprintf("%d afspra(a)k(en), %d open, %d te laat", v->afspraken,
	                   v->afspraken_open, v->afspraken_te_laat));
	stand(
	    list, "6 Evaluatie",
	    state(*next->text != '\0', amm_value_set(next) && amm_date_cmp(next->date, today) < 0),
	    amm_asprintf("%d evaluatie(s); volgende: ", v->evaluaties));
	amm_doc_value_or(list->kids[list->n_kids - 1], next, "niet gepland");

	if (warn->len > 0) {
		list = amm_doc_add(amm_doc_section(root, "let-op", "Let op"), AMM_DOC_LIST, NULL);
		for (size_t i = 0; i < warn->len; i++)
			amm_doc_add(amm_doc_add(list, AMM_DOC_ITEM, NULL), AMM_DOC_WORDS,
			            warn->items[i]);
	}
	return root;
}
