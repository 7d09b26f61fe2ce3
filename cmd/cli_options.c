/*
 * Options: the global ones, the parser that fills a command's options struct from its table,
 * suggestions for a mistyped option or command, and --help, all from the same tables.
 */
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "msg.h"
#include "util.h"

static const char *const kleuren[] = {"auto", "altijd", "nooit", NULL};

const struct amm_option amm_global_options[] = {
    AMM_OPT_STRING(
        "casus", 0, "ID", struct amm_globals, casus,
        "werk aan casus ID (anders $AMM_CASUS, de map waarin je staat of de enige open casus)"),
    AMM_OPT_STRING(NULL, 'C', "PAD", struct amm_globals, chdir_to,
                   "werk in PAD alsof amm daar gestart is"),
    AMM_OPT_CHOICE("kleur", 0, "auto|altijd|nooit", struct amm_globals, kleur, kleuren,
                   "kleur in de uitvoer: op een terminal, altijd of nooit"),
    AMM_OPT_FLAG("no-pager", 'P', struct amm_globals, no_pager,
                 "toon lange uitvoer niet via de pager ($AMM_PAGER, $PAGER, less)"),
    /* Only for a command with CMD_JSON. */
    {.name = "json",
     .type = AMM_OPTION_FLAG,
     .help = "uitvoer als JSON (zie de man page)",
     .offset = AMM_OPTION_FIELD(struct amm_globals, json, bool),
     .cmd_flags = CMD_JSON},
    AMM_OPT_FLAG("help", 'h', struct amm_globals, help, "toon deze hulp"),
    AMM_OPT_END(struct amm_globals),
};

bool
amm_option_offered(const struct amm_command *cmd, const struct amm_option *opt)
{
	return cmd == NULL || (cmd->flags & opt->cmd_flags) == opt->cmd_flags;
}

char *
amm_option_spelling(const struct amm_option *opt)
{
	return opt->name != NULL ? amm_asprintf("--%s", opt->name)
	                         : amm_asprintf("-%c", opt->shortname);
}

/* The nearest of names: at most two edits away, and fewer than half the word. */
static const char *
nearest(const char *word, const struct amm_strlist *names)
{
	const char *best = NULL;
	size_t best_d = 3;

	for (size_t i = 0; i < names->len; i++) {
		size_t d = amm_str_distance(word, names->items[i]);

		if (d < best_d && 2 * d < strlen(word)) {
			best = names->items[i];
			best_d = d;
		}
	}
	return best;
}

amm_error *
amm_command_unknown(const char *name)
{
	struct amm_strlist names = {0};
	const char *near;
	amm_error *err;

	for (const struct amm_command *c = amm_commands; c->name != NULL; c++)
		amm_strlist_add(&names, c->name);
	near = nearest(name, &names);
	if (near == NULL) {
		err = amm_error_new(AMM_EXIT_USAGE, MSG_CLI_UNKNOWN_CMD, name);
	} else {
		char *msg = amm_asprintf(MSG_CLI_UNKNOWN_CMD, name),
		     *cmd = amm_asprintf("'amm %s'", near);

		err = amm_error_new(AMM_EXIT_USAGE, MSG_CLI_SUGGEST, msg, cmd);
		free(msg);
		free(cmd);
	}
	amm_strlist_free(&names);
	return err;
}

/* What the parser reads: the command's table (or none) and the global one. */
struct parser {
	const struct amm_command *cmd; /* NULL before the command */
	const char *see;               /* "amm lijst --help", "amm help" */
	void *targets[2];              /* the command's options struct, the globals */
	struct amm_date today;
};

static const struct amm_option *
tables(const struct parser *p, size_t t)
{
	return t == 0 ? (p->cmd ? p->cmd->options : NULL) : amm_global_options;
}

/* The option called name (len bytes) or, with name NULL, the one with letter c. */
static const struct amm_option *
find(const struct parser *p, const char *name, size_t len, char c, size_t *table)
{
	for (size_t t = 0; t < 2; t++)
		for (const struct amm_option *o = tables(p, t); o && o->type != AMM_OPTION_END; o++)
			if (name != NULL
			        ? o->name && strlen(o->name) == len && !strncmp(o->name, name, len)
			        : c != 0 && o->shortname == c) {
				*table = t;
				return o;
			}
	return NULL;
}

/* "onbekende optie", and the nearest option of this command if one is near. */
static amm_error *
unknown_option(const struct parser *p, const char *word)
{
	struct amm_strlist names = {0};
	char *msg = amm_asprintf(MSG_CLI_UNKNOWN_OPT, word, p->see), *name = NULL;
	const char *near = NULL;
	size_t len = strcspn(word, "="), table;
	amm_error *err;

	/* "--C" for "-C": the letter of a short option with two dashes. */
	if (word[1] == '-' && len == 3 && find(p, NULL, 0, word[2], &table) != NULL) {
		amm_strlist_take(&names, amm_asprintf("-%c", word[2]));
		near = names.items[0];
	} else if (word[1] == '-') {
		for (size_t t = 0; t < 2; t++)
			for (const struct amm_option *o = tables(p, t);
			     o && o->type != AMM_OPTION_END; o++)
				if (amm_option_offered(p->cmd, o))
					amm_strlist_take(&names, amm_option_spelling(o));
		name = amm_xstrndup(word, len);
		near = nearest(name, &names);
	}
	err = near ? amm_error_new(AMM_EXIT_USAGE, MSG_CLI_SUGGEST, msg, near)
	           : amm_error_new(AMM_EXIT_USAGE, "%s", msg);
	amm_strlist_free(&names);
	free(name);
	free(msg);
	return err;
}

amm_error *
amm_arg_choice(const char *value, const char *option, const char *const *choices)
{
	struct amm_buf list = {0};
	amm_error *err;

	for (size_t i = 0; choices[i] != NULL; i++)
		if (strcmp(value, choices[i]) == 0)
			return NULL;
	amm_buf_adds(&list, "kies uit:");
	for (size_t i = 0; choices[i] != NULL; i++)
		amm_buf_addf(&list, " %s", choices[i]);
	err = amm_error_new(AMM_EXIT_USAGE, MSG_CLI_BAD_VALUE, value, option, list.data);
	amm_buf_free(&list);
	return err;
}

/* Check a value as its type wants it and put it in the option's field. */
static amm_error *
store(const struct parser *p, const struct amm_option *o, size_t table, const char *value)
{
	char *field = (char *)p->targets[table] + o->offset, *spelled = amm_option_spelling(o);
	amm_error *err = NULL;
	struct amm_date date;
	long number = 0;

	switch (o->type) {
	case AMM_OPTION_FLAG:
		*(bool *)field = true;
		break;
	case AMM_OPTION_CHOICE:
		err = amm_arg_choice(value, spelled, o->choices);
		/* fall through */
	case AMM_OPTION_STRING:
		if (err == NULL)
			*(const char **)field = value;
		break;
	case AMM_OPTION_NUMBER:
		/* Digits only (no sign, no space), and few enough for a long. */
		if (*value != '\0' && strspn(value, "0123456789") == strlen(value) &&
		    strlen(value) < 10)
			number = strtol(value, NULL, 10);
		if (number < 1)
			err = amm_error_new(AMM_EXIT_USAGE, MSG_CLI_NOT_NUMBER, spelled, value);
		else
			*(long *)field = number;
		break;
	case AMM_OPTION_DATE:
		err = amm_date_parse(&date, value, p->today);
		if (err == NULL)
			*(struct amm_date *)field = date;
		break;
	case AMM_OPTION_END:
		break;
	}
	free(spelled);
	return err;
}

/*
 * The option at argv[*i] (which starts with '-'): found, its value taken (inline or the next
 * word, then *i moves on), checked and stored. *swallowed is the value when it was the next
 * word.
 */
static amm_error *
parse_option(const struct parser *p, int argc, char **argv, int *i, const char **swallowed)
{
	const char *a = argv[*i], *value = NULL;
	const struct amm_option *o;
	size_t table = 0;

	*swallowed = NULL;
	if (a[1] == '-') {
		const char *name = a + 2, *eq = strchr(name, '=');

		o = find(p, name, eq ? (size_t)(eq - name) : strlen(name), 0, &table);
		if (o == NULL || !amm_option_offered(p->cmd, o))
			return o == NULL ? unknown_option(p, a)
			                 : amm_error_new(AMM_EXIT_USAGE, MSG_CLI_NO_JSON,
			                                 p->cmd->name, p->cmd->name);
		if (eq != NULL && o->type == AMM_OPTION_FLAG) {
			char *spelled = amm_option_spelling(o);
			amm_error *err = amm_error_new(AMM_EXIT_USAGE, MSG_CLI_NO_ARG, spelled);

			free(spelled);
			return err;
		}
		if (eq != NULL)
			value = eq + 1;
	} else {
		o = find(p, NULL, 0, a[1], &table);
		if (o == NULL || (a[2] != '\0' && o->type == AMM_OPTION_FLAG))
			return unknown_option(p, a);
		if (a[2] != '\0')
			value = a + 2; /* -CPAD, -oBESTAND */
	}
	if (o->type != AMM_OPTION_FLAG && value == NULL) {
		if (*i + 1 >= argc)
			return amm_error_new(AMM_EXIT_USAGE, MSG_CLI_NEEDS_ARG, a, p->see);
		value = *swallowed = argv[++*i];
	}
	return store(p, o, table, value);
}

/* A positional argument: not an option, "-" (standard input) or a negative number ("-3"). */
static bool
positional(const char *a)
{
	return a[0] != '-' || a[1] == '\0' || (a[1] >= '0' && a[1] <= '9');
}

amm_error *
amm_parse_globals(int argc, char **argv, int *next, struct amm_globals *globals)
{
	struct parser p = {NULL, "amm help", {NULL, globals}, {0, 0, 0}};
	const char *swallowed = NULL;
	amm_error *err = NULL;
	int i = 1;

	for (; i < argc && !positional(argv[i]) && strcmp(argv[i], "--version") != 0; i++)
		if ((err = parse_option(&p, argc, argv, &i, &swallowed)) != NULL)
			break;
	*next = i;
	if (err == NULL && i == argc && i > 1 && !globals->help)
		err = swallowed != NULL && amm_command_find(swallowed) != NULL
		          ? amm_error_new(AMM_EXIT_USAGE, MSG_CLI_SWALLOWED, swallowed, argv[i - 2])
		          : amm_error_new(AMM_EXIT_USAGE, MSG_CLI_NO_COMMAND);
	return err;
}

amm_error *
amm_parse_args(const struct amm_command *cmd, int argc, char **argv, struct amm_date today,
               struct amm_args *out, struct amm_globals *globals)
{
	char *see = amm_asprintf("amm %s --help", cmd->name);
	struct parser p = {cmd, see, {NULL, globals}, today};
	const struct amm_option *end = cmd->options;
	const char *swallowed;
	bool only_args = false;
	amm_error *err = NULL;

	memset(out, 0, sizeof(*out));
	while (end != NULL && end->type != AMM_OPTION_END)
		end++;
	if (end != NULL)
		out->opts = p.targets[0] = amm_xcalloc(1, end->offset);
	out->argv = amm_xcalloc((size_t)argc + 1, sizeof(char *));
	for (int i = 0; i < argc && err == NULL; i++) {
		if (only_args || positional(argv[i]))
			out->argv[out->argc++] = argv[i];
		else if (strcmp(argv[i], "--") == 0)
			only_args = true;
		else
			err = parse_option(&p, argc, argv, &i, &swallowed);
	}
	if (err == NULL && globals->help)
		out->argc = -1; /* the caller prints the help */
	else if (err == NULL && globals->json && !(cmd->flags & CMD_JSON))
		err = amm_error_new(AMM_EXIT_USAGE, MSG_CLI_NO_JSON, cmd->name, cmd->name);
	else if (err == NULL && cmd->max_args >= 0 && out->argc > cmd->max_args)
		err = amm_error_new(AMM_EXIT_USAGE, MSG_CLI_TOO_MANY, cmd->name);
	free(see);
	return err;
}

void
amm_args_free(struct amm_args *args)
{
	free(args->argv);
	free((void *)args->opts);
	args->argv = NULL;
	args->opts = NULL;
}

static void
print_options(FILE *f, const struct amm_command *cmd, const struct amm_option *opts)
{
	for (const struct amm_option *o = opts; o->type != AMM_OPTION_END; o++) {
		const char *arg = o->arg ? o->arg : "", *sp = o->arg ? " " : "";
		char *left;

		if (!amm_option_offered(cmd, o))
			continue;
		if (o->name == NULL)
			left = amm_asprintf("-%c%s%s", o->shortname, sp, arg);
		else if (o->shortname != 0)
			left = amm_asprintf("-%c, --%s%s%s", o->shortname, o->name, sp, arg);
		else
			left = amm_asprintf("--%s%s%s", o->name, sp, arg);
		/* Too long for its column: the help on the next line, as git does it. */
		if (strlen(left) > 24)
			fprintf(f, "  %s\n  %-24s %s\n", left, "", o->help);
		else
			fprintf(f, "  %-24s %s\n", left, o->help);
		free(left);
	}
}

void
amm_print_help(FILE *f, const struct amm_command *cmd)
{
	const char *u = cmd->usage;

	/* One line of the synopsis after another, each behind "gebruik:" or aligned below it. */
	for (bool first = true; *u != '\0'; first = false) {
		size_t n = strcspn(u, "\n");

		fprintf(f, "%s%.*s\n", first ? "gebruik: " : "         ", (int)n, u);
		u += n + (u[n] == '\n');
	}
	fprintf(f, "\n%s\n", cmd->summary);
	if (cmd->options != NULL && cmd->options[0].type != AMM_OPTION_END) {
		fprintf(f, "\nOpties:\n");
		print_options(f, cmd, cmd->options);
	}
	fprintf(f, "\nAlgemene opties:\n");
	print_options(f, cmd, amm_global_options);
	fprintf(f, "\nMeer: man amm-%s\n", cmd->name);
}
