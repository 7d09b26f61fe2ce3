/* amm spin [VELD [TEKST|-]] [--toevoegen TEKST] [--svg [-o BESTAND]] [--json] */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "doc.h"
#include "msg.h"
#include "render.h"

struct spin_opts {
	const char *toevoegen;
	bool svg;
	const char *uitvoer;
};

const struct amm_option opts_spin[] = {
    AMM_OPT_STRING("toevoegen", 'a', "TEKST", struct spin_opts, toevoegen,
                   "voeg TEKST als nieuwe regel toe aan VELD"),
    AMM_OPT_FLAG("svg", 0, struct spin_opts, svg, "teken de spin als SVG-afbeelding"),
    AMM_OPT_STRING("uitvoer", 'o', "BESTAND", struct spin_opts, uitvoer,
                   "met --svg: schrijf naar BESTAND in plaats van de standaarduitvoer"),
    AMM_OPT_END(struct spin_opts),
};

struct spin_set {
	const struct amm_spin_veld *veld;
	const char *text;
	bool append;
};

static amm_error *
spin_change(struct amm_casus *casus, struct amm_tx *tx, void *arg)
{
	struct spin_set *s = arg;
	struct amm_ini *spin = casus->ini[AMM_DEEL_SPIN];
	const char *old = amm_ini_get(spin, "spin", s->veld->key);
	bool was_empty = old == NULL || *old == '\0';
	char *value =
	    s->append && !was_empty ? amm_asprintf("%s\n%s", old, s->text) : amm_xstrdup(s->text);
	amm_error *err = amm_ini_set(spin, "spin", s->veld->key, value);

	free(value);
	amm_tx_message(tx, casus->id, "spin", "%s %s", s->veld->key,
	               was_empty ? "ingevuld" : (s->append ? "aangevuld" : "gewijzigd"));
	return err;
}

static amm_error *
unknown_field(const char *name)
{
	struct amm_buf list = {0};
	amm_error *err;

	for (int i = 0; i < AMM_SPIN_FIELDS; i++)
		amm_buf_addf(&list, "%s%s", i ? ", " : "", amm_spin_velden[i].key);
	err = amm_error_new(AMM_EXIT_USAGE, MSG_SPIN_UNKNOWN, name, list.data);
	amm_buf_free(&list);
	return err;
}

static amm_error *
write_svg(struct amm_ctx *ctx, const char *file)
{
	struct amm_casus *casus = NULL;
	amm_error *err = amm_load(ctx, &casus);
	char *svg;

	if (err != NULL)
		return err;
	svg = amm_svg_spin(casus);
	amm_casus_free(casus);
	err = amm_write_output(file, svg);
	free(svg);
	return err;
}

static amm_error *
show_field(struct amm_ctx *ctx, const struct amm_spin_veld *veld, bool json)
{
	struct amm_casus *casus = NULL;
	amm_error *err = amm_load(ctx, &casus);
	const char *v;

	if (err != NULL)
		return err;
	v = amm_ini_get(casus->ini[AMM_DEEL_SPIN], "spin", veld->key);
	if (v == NULL)
		v = "";
	if (json)
		err = amm_print_json(json_pack("{s:s, s:s, s:o}", "veld", veld->key, "label",
		                               veld->label, "waarde", amm_json_text_value(v)));
	else {
		struct amm_model *m = amm_model_build(casus);
		struct amm_doc *doc = amm_doc_spin_veld(m, (int)(veld - amm_spin_velden));
		struct amm_buf buf = {0};

		amm_render_doc(doc, &buf, NULL);
		amm_print(stdout, buf.data);
		amm_buf_free(&buf);
		amm_doc_free(doc);
		amm_model_free(m);
	}
	amm_casus_free(casus);
	return err;
}

amm_error *
cmd_spin(struct amm_ctx *ctx, const struct amm_args *args)
{
	const struct spin_opts *o = args->opts;
	const char *append = o->toevoegen;
	struct spin_set s = {0};
	char *text = NULL;
	amm_error *err;

	if (o->svg) {
		if (args->argc > 0)
			return amm_error_new(AMM_EXIT_USAGE, MSG_CLI_TOO_MANY, "spin");
		return write_svg(ctx, o->uitvoer);
	}
	if (args->argc == 0) {
		if (append != NULL)
			return amm_error_new(AMM_EXIT_USAGE, MSG_SPIN_NEEDS_FIELD);
		return amm_show(ctx, AMM_DEEL_SPIN, ctx->json);
	}
	s.veld = amm_spin_veld_find(args->argv[0]);
	if (s.veld == NULL)
		return unknown_field(args->argv[0]);
	if (args->argc == 1 && append == NULL)
		return show_field(ctx, s.veld, ctx->json);
	if (args->argc == 2 && append != NULL)
		return amm_error_new(AMM_EXIT_USAGE, MSG_CLI_TOO_MANY, "spin");
	err = amm_arg_text(s.veld->key, append ? append : args->argv[1], &text);
	s.text = text;
	s.append = append != NULL;
	if (err == NULL)
		err = amm_commit(ctx, spin_change, &s);
	free(text);
	return err;
}
