/* The amm program: the command table, option parsing and what every command shares. */
#ifndef AMM_CMD_H
#define AMM_CMD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include <jansson.h>

#include "casus.h"
#include "edit.h"
#include "date.h"
#include "error.h"
#include "render.h"
#include "store.h"

/*
 * Options, declared as a table in the style of git's parse-options: each command has a struct
 * of its options and a table that says, per option, its names, its type, the name of its value,
 * its help line and its field in that struct. The parser fills the struct and checks the
 * values; --help, the completion and the test against the man pages read the same table.
 */
enum amm_option_type {
	AMM_OPTION_END,    /* ends a table; its offset is the size of the options struct */
	AMM_OPTION_FLAG,   /* bool */
	AMM_OPTION_STRING, /* const char *, NULL when not given */
	AMM_OPTION_NUMBER, /* long: a whole number from 1 (an item number), 0 when not given */
	AMM_OPTION_DATE, /* struct amm_date in any form amm_date_parse takes, {0} when not given */
	AMM_OPTION_CHOICE, /* const char *, one of choices, NULL when not given */
};

struct amm_option {
	const char *name; /* long name, without "--"; NULL for an option that is only short (-C) */
	char shortname;   /* or 0 */
	enum amm_option_type type;
	const char *arg;            /* name of its value in the help ("ID"), NULL for a flag */
	const char *help;           /* one Dutch line */
	size_t offset;              /* of its field in the options struct */
	const char *const *choices; /* AMM_OPTION_CHOICE: NULL-terminated */
	unsigned cmd_flags;         /* offered only to commands with these flags (CMD_JSON) */
};

/* The offset of field f of struct st, which must have type T (else it does not compile). */
#define AMM_OPTION_FIELD(st, f, T) (offsetof(st, f) + 0 * sizeof(_Generic(((st *)0)->f, T : 1)))
#define AMM_OPT_(n, s, t, a, h, off, ch)                                                           \
	{                                                                                          \
		.name = n, .shortname = s, .type = t, .arg = a, .help = h, .offset = off,          \
		.choices = ch                                                                      \
	}
#define AMM_OPT_FLAG(n, s, st, f, h)                                                               \
	AMM_OPT_(n, s, AMM_OPTION_FLAG, NULL, h, AMM_OPTION_FIELD(st, f, bool), NULL)
#define AMM_OPT_STRING(n, s, a, st, f, h)                                                          \
	AMM_OPT_(n, s, AMM_OPTION_STRING, a, h, AMM_OPTION_FIELD(st, f, const char *), NULL)
#define AMM_OPT_NUMBER(n, s, a, st, f, h)                                                          \
	AMM_OPT_(n, s, AMM_OPTION_NUMBER, a, h, AMM_OPTION_FIELD(st, f, long), NULL)
#define AMM_OPT_DATE(n, s, a, st, f, h)                                                            \
	AMM_OPT_(n, s, AMM_OPTION_DATE, a, h, AMM_OPTION_FIELD(st, f, struct amm_date), NULL)
#define AMM_OPT_CHOICE(n, s, a, st, f, ch, h)                                                      \
	AMM_OPT_(n, s, AMM_OPTION_CHOICE, a, h, AMM_OPTION_FIELD(st, f, const char *), ch)
#define AMM_OPT_END(st)                                                                            \
	{                                                                                          \
		.type = AMM_OPTION_END, .offset = sizeof(st)                                       \
	}

struct amm_args {
	int argc; /* positional arguments */
	char **argv;
	const void *opts; /* the command's options struct, filled from its table (or NULL) */
};

struct amm_ctx {
	struct amm_store *store; /* CMD_REPO */
	struct amm_snap *head;   /* CMD_REPO: HEAD as the command started */
	char *casus;             /* CMD_CASUS: the casus it acts on */
	char *cwd;               /* CMD_REPO: the current folder relative to the work tree */
	const char *casus_opt;   /* --casus */
	struct amm_date today;
	bool color;          /* colour amm's own words on stdout (amm_printfc) */
	bool show_afspraken; /* amm_show of stappen lists the agreements by date */
	bool closed_ok;      /* amm_commit may change a closed casus (amm heropen) */
	bool json;           /* --json (CMD_JSON): output in the schema of amm-json(7) */
};

enum amm_cmd_flags {
	CMD_REPO = 1 << 0,  /* needs a casus repository */
	CMD_CASUS = 1 << 1, /* acts on one casus (implies CMD_REPO) */
	CMD_ERASE = 1 << 2, /* runs while an erasure is unfinished here (it finishes it) */
	CMD_PAGER = 1 << 3, /* only reads and shows: on a terminal through the pager */
	CMD_JSON = 1 << 4, /* has JSON output (--json, amm-json(7)); any other command refuses it */
	CMD_WRITE = 1 << 5, /* may change the repository: never through the pager */
};

typedef amm_error *(*amm_cmd_fn)(struct amm_ctx *ctx, const struct amm_args *args);

struct amm_command {
	const char *name;
	amm_cmd_fn fn;
	const char *usage;   /* synopsis lines, as in the man page */
	const char *summary; /* one Dutch line */
	const struct amm_option *options;
	unsigned flags;
	int max_args; /* positional arguments at most */
};

/* cmd/amm.c */
extern const struct amm_command amm_commands[];
const struct amm_command *amm_command_find(const char *name);
extern const struct amm_option amm_global_options[];

/* The global options, before or after the command (see amm(1)). */
struct amm_globals {
	const char *chdir_to; /* -C PAD */
	const char *casus;    /* --casus ID */
	const char *kleur;    /* --kleur auto|altijd|nooit */
	bool no_pager;        /* --no-pager, -P */
	bool json;            /* --json, for a command with CMD_JSON */
	bool help;            /* --help, -h */
};

/* cmd/cli_pager.c: from here on stdout (and stderr on a terminal) go through the pager, if
 * stdout is a terminal and $AMM_PAGER, $PAGER or less names one; amm waits for it at exit. */
void amm_pager_start(void);

/*
 * cmd/cli_options.c. amm_parse_globals reads the global options before the command: *next is
 * the index of the command's name (argc when there is none). amm_parse_args reads the
 * command's arguments: its own options into a new options struct (args->opts), the global ones
 * into globals, the rest as positional arguments; dates are relative to today. A usage error
 * (exit 2) names the option and suggests the nearest one. args->argc is -1 after --help.
 */
amm_error *amm_parse_globals(int argc, char **argv, int *next, struct amm_globals *globals);
amm_error *amm_parse_args(const struct amm_command *cmd, int argc, char **argv,
                          struct amm_date today, struct amm_args *out, struct amm_globals *globals);
void amm_args_free(struct amm_args *args);
/* Whether an option of a table is one of cmd's: --json only for a command with CMD_JSON. */
bool amm_option_offered(const struct amm_command *cmd, const struct amm_option *opt);
/* The option as the user types it: "--casus", or "-C" for one that is only short. */
char *amm_option_spelling(const struct amm_option *opt);
void amm_print_help(FILE *f, const struct amm_command *cmd);
/* "'X' is geen amm-commando", with the nearest command when one is near ("Bedoelde je"). */
amm_error *amm_command_unknown(const char *name);
/* Print text with control characters shown visibly (amm_buf_add_visible). */
void amm_print(FILE *f, const char *text);
void amm_printf(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void amm_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* amm's colours (SGR sequences); only amm's own constants ever reach the terminal. */
#define AMM_RED    "\033[31m"
#define AMM_GREEN  "\033[32m"
#define AMM_YELLOW "\033[33m"
#define AMM_CYAN   "\033[36m"
#define AMM_DIM    "\033[2m"
/* amm_printf to stdout, between color and a reset when ctx->color; the text is shown
 * safely as amm_print shows it. */
void amm_printfc(const struct amm_ctx *ctx, const char *color, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Rendered text to stdout as amm_print shows it, amm's words of a state (render.h's marks)
 * coloured: red late, green done, yellow still missing something. */
struct amm_marks;
void amm_print_marked(const struct amm_ctx *ctx, const char *text, const struct amm_marks *marks);
/* A JSON object as amm prints it: in the envelope of amm-json(7) ("schema" first, then its own
 * keys), indented, a newline at the end, control characters escaped; NULL when it cannot be
 * written. Does not take the reference. */
char *amm_json_text(json_t *value);
/* Print a JSON object so (and a newline) to stdout; takes the reference. */
amm_error *amm_print_json(json_t *value);
/* Write text to file (-o BESTAND), or to stdout when file is NULL; NULL text is a failure. */
amm_error *amm_write_output(const char *file, const char *text);
/* A value that must be one of a NULL-terminated list. */
amm_error *amm_arg_choice(const char *value, const char *option, const char *const *choices);
/*
 * A text for a field: CR LF made LF, checked for UTF-8 and control characters, trimmed,
 * not empty. amm_arg_text reads standard input for "-".
 */
amm_error *amm_text_clean(const char *what, const char *text, size_t len, char **out);
amm_error *amm_arg_text(const char *what, const char *arg, char **out);
/* Load the casus the command acts on, as HEAD has it (or as another snapshot has it). */
amm_error *amm_load(struct amm_ctx *ctx, struct amm_casus **out);
/*
 * Commands over every casus go on past one that cannot be read: for a malformed casus
 * (AMM_EXIT_INPUT) amm_load_skip says why on stderr, counts it, clears *err and returns true.
 * amm_load_skipped then gives the command's result: exit 3 when any was skipped.
 */
bool amm_load_skip(amm_error **err, size_t *unreadable);
amm_error *amm_load_skipped(size_t unreadable);
/* Show one part of the casus: text, or JSON with --json. */
amm_error *amm_show(struct amm_ctx *ctx, enum amm_deel deel, bool json);
/* Change the casus as one commit and say what was recorded (or that nothing changed), with
 * --json as amm_print_written() says it. */
amm_error *amm_commit(struct amm_ctx *ctx, amm_casus_fn fn, void *arg);
/* What the last write of casus recorded, as JSON (amm-json(7), "vastgelegd"): the casus, the
 * onderdeel, the commit, the items and the changes; commit null when nothing changed. */
amm_error *amm_print_written(struct amm_ctx *ctx, const char *casus, bool committed);
/*
 * Let the user edit text in $VISUAL / $EDITOR as a file called name in a private temporary
 * folder; *out is what was saved (caller frees). A link or anything but a regular file of the
 * user's own in its place is refused (AMM_EXIT_INPUT): see amm-bewerk(1).
 */
amm_error *amm_editor(const char *text, const char *name, char **out);
/* A date argument in any form amm_date_parse takes, as YYYY-MM-DD. */
amm_error *amm_arg_date(struct amm_ctx *ctx, const char *arg, char out[AMM_DATE_LEN]);
/* The current folder relative to the work tree ("" at its top, NULL outside it). */
char *amm_relative_cwd(const char *workdir);
/* cmd/diff.c: field-level changes, as text lines or JSON; a field's readable name. */
struct amm_changes;
struct amm_change;
amm_error *amm_print_changes(const struct amm_ctx *ctx, const struct amm_changes *ch, bool json);
json_t *amm_changes_json(const struct amm_changes *ch);
char *amm_field_name(const struct amm_change *c);
/* cmd/merge-bestand.c: make git merge and diff casus files the way amm does (amm init, kloon). */
amm_error *amm_register_merge(struct amm_store *st);
/*
 * cmd/sync.c: the progress of transfers for amm_sync and amm_sync_clone (sync.h): a line on
 * standard error on a terminal (not in CI, not with --stil), else NULL.
 */
struct amm_progress;
const struct amm_progress *amm_transfer_progress(bool stil);
/* The progress of a casus as JSON. */
json_t *amm_voortgang_json(const struct amm_voortgang *v);

/* One function per command: cmd/<name>.c. */
amm_error *cmd_help(struct amm_ctx *ctx, const struct amm_args *args);
amm_error *cmd_init(struct amm_ctx *ctx, const struct amm_args *args);
amm_error *cmd_nieuw(struct amm_ctx *ctx, const struct amm_args *args);
amm_error *cmd_lijst(struct amm_ctx *ctx, const struct amm_args *args);
amm_error *cmd_status(struct amm_ctx *ctx, const struct amm_args *args);
amm_error *cmd_perspectief(struct amm_ctx *ctx, const struct amm_args *args);
amm_error *cmd_spin(struct amm_ctx *ctx, const struct amm_args *args);
amm_error *cmd_analyse(struct amm_ctx *ctx, const struct amm_args *args);
amm_error *cmd_stap(struct amm_ctx *ctx, const struct amm_args *args);
amm_error *cmd_afspraak(struct amm_ctx *ctx, const struct amm_args *args);
amm_error *cmd_evalueer(struct amm_ctx *ctx, const struct amm_args *args);
amm_error *cmd_toon(struct amm_ctx *ctx, const struct amm_args *args);
amm_error *cmd_bewerk(struct amm_ctx *ctx, const struct amm_args *args);
amm_error *cmd_afsluiten(struct amm_ctx *ctx, const struct amm_args *args);
amm_error *cmd_heropen(struct amm_ctx *ctx, const struct amm_args *args);
amm_error *cmd_team(struct amm_ctx *ctx, const struct amm_args *args);
amm_error *cmd_uitzondering(struct amm_ctx *ctx, const struct amm_args *args);
amm_error *cmd_check(struct amm_ctx *ctx, const struct amm_args *args);
amm_error *cmd_completion(struct amm_ctx *ctx, const struct amm_args *args);
amm_error *cmd_vergeet(struct amm_ctx *ctx, const struct amm_args *args);
amm_error *cmd_bewaartermijn(struct amm_ctx *ctx, const struct amm_args *args);
amm_error *cmd_agenda(struct amm_ctx *ctx, const struct amm_args *args);
amm_error *cmd_rapport(struct amm_ctx *ctx, const struct amm_args *args);
amm_error *cmd_diff(struct amm_ctx *ctx, const struct amm_args *args);
amm_error *cmd_log(struct amm_ctx *ctx, const struct amm_args *args);
amm_error *cmd_export(struct amm_ctx *ctx, const struct amm_args *args);
amm_error *cmd_sync(struct amm_ctx *ctx, const struct amm_args *args);
amm_error *cmd_kloon(struct amm_ctx *ctx, const struct amm_args *args);
amm_error *cmd_merge_bestand(struct amm_ctx *ctx, const struct amm_args *args);

/* The fields amm uitzondering NR VELD TEKST sets. */
extern const char *const amm_uitzondering_velden[];

/* The option tables of the commands, one per command file. */
extern const struct amm_option opts_init[];
extern const struct amm_option opts_nieuw[];
extern const struct amm_option opts_lijst[];
extern const struct amm_option opts_perspectief[];
extern const struct amm_option opts_spin[];
extern const struct amm_option opts_stap[];
extern const struct amm_option opts_afspraak[];
extern const struct amm_option opts_evalueer[];
extern const struct amm_option opts_toon[];
extern const struct amm_option opts_afsluiten[];
extern const struct amm_option opts_heropen[];
extern const struct amm_option opts_team[];
extern const struct amm_option opts_uitzondering[];
extern const struct amm_option opts_check[];
extern const struct amm_option opts_completion[];
extern const struct amm_option opts_vergeet[];
extern const struct amm_option opts_bewaartermijn[];
extern const struct amm_option opts_agenda[];
extern const struct amm_option opts_diff[];
extern const struct amm_option opts_log[];
extern const struct amm_option opts_export[];
extern const struct amm_option opts_sync[];
extern const struct amm_option opts_kloon[];
extern const struct amm_option opts_merge_bestand[];

#endif
