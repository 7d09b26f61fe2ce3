/* amm bewerk ONDERDEEL */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "model.h"
#include "msg.h"

struct bewerk {
	enum amm_deel deel;
	const char *before; /* the file as the editing started */
	const char *after;  /* the file as the user saved it */
};

/* Replace one part with the edited text; a newer version at the tip is someone else's. */
static amm_error *
bewerk_change(struct amm_casus *casus, struct amm_tx *tx, void *arg)
{
	struct bewerk *b = arg;
	struct amm_ini *ini = NULL;
	char *path = amm_casus_path(casus->id, b->deel);
	amm_error *err = NULL;

	if (strcmp(casus->raw[b->deel], b->before) != 0) {
		err = amm_error_new(AMM_EXIT_CONFLICT, MSG_BEWERK_RACE, path);
	} else if (b->deel == AMM_DEEL_PERSPECTIEF) {
		free(casus->perspectief);
		casus->perspectief = amm_xstrdup(b->after);
	} else {
		err = amm_ini_parse(&ini, path, b->after, strlen(b->after));
		if (err == NULL) {
			amm_ini_free(casus->ini[b->deel]);
			casus->ini[b->deel] = ini;
		}
	}
	amm_tx_message(tx, casus->id, amm_delen[b->deel].name, "%s met de hand bewerkt",
	               amm_delen[b->deel].file);
	free(path);
	return err;
}

/* Parse and check the edited text as the part it is. */
static amm_error *
validate(struct amm_casus *casus, enum amm_deel deel, const char *text)
{
	char *path = amm_casus_path(casus->id, deel);
	struct amm_ini *ini = NULL;
	amm_error *err = amm_text_check(path, text, strlen(text));

	if (err == NULL && deel != AMM_DEEL_PERSPECTIEF)
		err = amm_ini_parse(&ini, path, text, strlen(text));
	if (err == NULL && ini != NULL) {
		struct amm_ini *old = casus->ini[deel];

		casus->ini[deel] = ini;
		err = amm_model_refuse(casus, 1u << deel);
		casus->ini[deel] = old;
	}
	amm_ini_free(ini);
	free(path);
	return err;
}

/* On a terminal: ask whether to edit again. */
static bool
again(void)
{
	char line[16];

	if (!isatty(STDIN_FILENO) || !isatty(STDERR_FILENO))
		return false;
	fprintf(stderr, "Opnieuw bewerken? [J/n] ");
	fflush(stderr);
	if (fgets(line, sizeof(line), stdin) == NULL)
		return false;
	return line[0] != 'n' && line[0] != 'N';
}

/* Keep the user's work when it cannot be committed. */
static amm_error *
keep_copy(amm_error *err, const char *text, const char *suffix)
{
	const char *tmp = getenv("TMPDIR");
	char *path = amm_asprintf("%s/amm-bewerk-XXXXXX%s", tmp && *tmp ? tmp : "/tmp", suffix);
	int fd = mkstemps(path, (int)strlen(suffix));
	amm_error *race;

	if (fd >= 0) {
		FILE *f = fdopen(fd, "w");

		if (f != NULL) {
			fputs(text, f);
			fclose(f);
		}
	}
	race = amm_error_new(err->code, MSG_BEWERK_KEPT, err->msg, path);
	amm_error_free(err);
	free(path);
	return race;
}

amm_error *
cmd_bewerk(struct amm_ctx *ctx, const struct amm_args *args)
{
	struct amm_casus *casus = NULL;
	struct bewerk b;
	char *text = NULL, *edited = NULL;
	const char *suffix;
	amm_error *err;

	if (args->argc != 1)
		return amm_error_new(AMM_EXIT_USAGE, MSG_CLI_ARGS, "bewerk", "", "bewerk");
	if (!amm_deel_find(args->argv[0], &b.deel))
		return amm_error_new(AMM_EXIT_USAGE, MSG_DEEL_UNKNOWN, args->argv[0]);
	err = amm_load(ctx, &casus);
	if (err == NULL && !amm_casus_is_open(casus))
		err = amm_error_new(AMM_EXIT_INPUT, MSG_CASUS_CLOSED, casus->id);
	if (err != NULL) {
		amm_casus_free(casus);
		return err;
	}
	suffix = b.deel == AMM_DEEL_PERSPECTIEF ? ".md" : ".ini";
	text = amm_xstrdup(casus->raw[b.deel]);
	for (;;) {
		err = amm_editor(text, amm_delen[b.deel].file, &edited);
		if (err != NULL)
			break;
		if (strcmp(edited, casus->raw[b.deel]) == 0 && ctx->json) {
			err = amm_print_written(ctx, casus->id, false);
			break;
		} else if (strcmp(edited, casus->raw[b.deel]) == 0) {
			printf("Niets veranderd: %s staat nog zoals het was.\n",
			       amm_delen[b.deel].file);
			break;
		}
		err = validate(casus, b.deel, edited);
		if (err == NULL)
			break;
		amm_printf(stderr, "amm: %s\n", err->msg);
		free(text);
		text = edited;
		edited = NULL;
		if (!again()) {
			amm_error_free(err);
			err = amm_error_new(AMM_EXIT_INPUT, MSG_BEWERK_INVALID,
			                    amm_delen[b.deel].file);
			break;
		}
		amm_error_free(err);
		err = NULL;
	}
	if (err == NULL && edited != NULL && strcmp(edited, casus->raw[b.deel]) != 0) {
		b.before = casus->raw[b.deel];
		b.after = edited;
		err = amm_commit(ctx, bewerk_change, &b);
		/* What the user wrote is never lost, whatever stopped the commit. */
		if (err != NULL)
			err = keep_copy(err, edited, suffix);
	}
	amm_casus_free(casus);
	free(text);
	free(edited);
	return err;
}
