/*
 * A whole casus folder through the model: the input holds the files of one casus in the order
 * of amm_delen (casus.ini, perspectief.md, spin.ini, ...), separated by a line "%%". Whatever
 * the files hold, building and validating the model must not crash or leak, every finding names
 * a rule of amm check and a line of its file, and no value it calls valid breaks its rule.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "model.h"

#define SEPARATOR "\n%%\n"

static size_t
lines_of(const char *text, size_t len)
{
	size_t n = 1;

	for (size_t i = 0; i < len; i++)
		n += text[i] == '\n';
	return n;
}

static void
check_value(const struct amm_value *v)
{
	if (v->valid && amm_text_check("", v->text, strlen(v->text)) != NULL)
		abort();
	if (v->valid && v->date.y != 0 && !amm_date_valid(v->date.y, v->date.m, v->date.d))
		abort();
}

/* Every struct amm_value of a record of size bytes. */
static void
check_record(const void *record, size_t size, size_t skip)
{
	for (size_t off = skip; off + sizeof(struct amm_value) <= size;
	     off += sizeof(struct amm_value))
		check_value((const struct amm_value *)((const char *)record + off));
}

#define CHECK_ITEMS(list, n)                                                                       \
	for (size_t i_ = 0; i_ < (n); i_++)                                                        \
	check_record(&(list)[i_], sizeof((list)[i_]), sizeof(struct amm_m_item))

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct amm_casus *c = amm_xcalloc(1, sizeof(*c));
	const char *p = (const char *)data, *end = p + size;
	struct amm_findings findings = {0};
	struct amm_model *m = NULL;
	struct amm_voortgang v;
	bool readable = true;

	c->id = amm_xstrdup("2026-001");
	for (int d = 0; d < AMM_DEEL_COUNT; d++) {
		const char *sep = p < end ? memmem(p, (size_t)(end - p), SEPARATOR, 4) : NULL;
		size_t len = sep ? (size_t)(sep - p) : (size_t)(end - p);

		c->raw[d] = amm_xcalloc(len + 1, 1);
		memcpy(c->raw[d], p, len);
		c->raw_len[d] = len;
		if (d == AMM_DEEL_PERSPECTIEF) {
			c->perspectief = amm_xstrdup(c->raw[d]);
		} else if (readable) {
			amm_error *err = amm_ini_parse_dups(&c->ini[d], amm_delen[d].file, p, len);

			/* A file amm cannot read never reaches the model. */
			readable = err == NULL;
			amm_error_free(err);
		}
		p = sep ? sep + 4 : end;
	}
	if (!readable)
		goto done;
	m = amm_model_build(c);
	for (size_t i = 0; i < m->n_findings; i++) {
		const struct amm_model_finding *f = &m->findings[i];
		bool known = false;

		for (const struct amm_rule *r = amm_rules; r->id != NULL; r++)
			known = known || strcmp(r->id, f->rule) == 0;
		/* Only a required key of a section that is not there has no line. */
		if (!known || (f->line == 0 && strcmp(f->rule, AMM_RULE_ONTBREEKT) != 0) ||
		    f->line > lines_of(c->raw[f->deel], c->raw_len[f->deel]) || *f->message == '\0')
			abort();
	}
	check_record(&m->c, sizeof(m->c), 0);
	for (int i = 0; i < AMM_SPIN_FIELDS; i++)
		check_value(&m->spin[i]);
	check_value(&m->gedeeld);
	CHECK_ITEMS(m->problemen, m->n_problemen);
	CHECK_ITEMS(m->stappen, m->n_stappen);
	CHECK_ITEMS(m->afspraken, m->n_afspraken);
	CHECK_ITEMS(m->evaluaties, m->n_evaluaties);
	CHECK_ITEMS(m->uitzonderingen, m->n_uitzonderingen);
	CHECK_ITEMS(m->team, m->n_team);
	/* An agreement that names a step that is not there is a finding on its line. */
	for (size_t i = 0; i < m->n_afspraken; i++) {
		const struct amm_value *stap = &m->afspraken[i].stap;
		bool found = false;

		if (!amm_value_set(stap) || amm_model_stap(m, (long)stap->num) != NULL)
			continue;
		for (size_t k = 0; k < m->n_findings; k++)
			found =
			    found || (strcmp(m->findings[k].rule, AMM_RULE_ONBEKENDE_STAP) == 0 &&
			              m->findings[k].line == stap->line);
		if (!found)
			abort();
	}
	amm_model_voortgang(m, (struct amm_date){2026, 11, 24}, &v);
	if (v.afspraken_te_laat > v.afspraken || v.stappen_open > v.stappen)
		abort();
	amm_error_free(amm_model_refuse(c, ~0u));
	amm_check_casus(m, NULL, (struct amm_date){2026, 11, 24}, &findings);
	amm_findings_free(&findings);
done:
	amm_model_free(m);
	amm_casus_free(c);
	return 0;
}
