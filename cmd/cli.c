/* What every command shares: option parsing, help, safe output, JSON. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "cmd.h"
#include "msg.h"
#include "privacy.h"
#include "render.h"
#include "util.h"

/* sh -c CMD sh ARG, with the terminal; returns the exit status (or -1). */
static int
run_shell(const char *cmd, const char *arg)
{
	pid_t pid = fork();
	int status;

	if (pid < 0)
		return -1;
	if (pid == 0) {
		execl("/bin/sh", "sh", "-c", cmd, "sh", arg, (char *)NULL);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

const char *
amm_arg(const struct amm_args *args, const char *name)
{
	for (size_t i = 0; args->options != NULL && args->options[i].name != NULL; i++)
		if (strcmp(args->options[i].name, name) == 0)
			return args->values[i];
	return NULL;
}

bool
amm_flag(const struct amm_args *args, const char *name)
{
	return amm_arg(args, name) != NULL;
}

static const struct amm_option *
find_long(const struct amm_option *opts, const char *name, size_t len, int *index)
{
	for (int i = 0; opts != NULL && opts[i].name != NULL; i++)
		if (strlen(opts[i].name) == len && strncmp(opts[i].name, name, len) == 0) {
			*index = i;
			return &opts[i];
		}
	return NULL;
}

static const struct amm_option *
find_short(const struct amm_option *opts, char c, int *index)
{
	for (int i = 0; opts != NULL && opts[i].name != NULL; i++)
		if (opts[i].shortname == c) {
			*index = i;
			return &opts[i];
		}
	return NULL;
}

/* Store a parsed option: the command's own in out->values, the global ones in globals. */
static void
set_option(const struct amm_option *opt, bool global, int index, const char *value,
           struct amm_args *out, struct amm_globals *globals, bool *help)
{
	if (!global)
		out->values[index] = value ? value : "";
	else if (strcmp(opt->name, "help") == 0)
		*help = true;
	else if (strcmp(opt->name, "casus") == 0)
		globals->casus = value;
	else if (strcmp(opt->name, "kleur") == 0)
		globals->kleur = value;
	else if (strcmp(opt->name, "no-pager") == 0)
		globals->no_pager = true;
	else
		globals->chdir_to = value;
}

amm_error *
amm_parse_args(const struct amm_command *cmd, int argc, char **argv, struct amm_args *out,
               struct amm_globals *globals)
{
	bool only_args = false, help = false;

	memset(out, 0, sizeof(*out));
	out->options = cmd->options;
	out->argv = amm_xcalloc((size_t)argc + 1, sizeof(char *));
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		const struct amm_option *opt = NULL;
		const char *value = NULL;
		bool global = false;
		int index = 0;

		if (only_args || a[0] != '-' || a[1] == '\0' || (a[1] >= '0' && a[1] <= '9')) {
			out->argv[out->argc++] = argv[i];
			continue;
		}
		if (strcmp(a, "--") == 0) {
			only_args = true;
			continue;
		}
		if (a[1] == '-') {
			const char *name = a + 2, *eq = strchr(name, '=');
			size_t len = eq ? (size_t)(eq - name) : strlen(name);

			opt = find_long(cmd->options, name, len, &index);
			if (opt == NULL && (opt = find_long(amm_global_options, name, len, &index)))
				global = true;
			if (opt == NULL)
				return amm_error_new(AMM_EXIT_USAGE, MSG_CLI_UNKNOWN_OPT, a,
				                     cmd->name);
			if (eq != NULL && opt->arg == NULL)
				return amm_error_new(AMM_EXIT_USAGE, MSG_CLI_NO_ARG, opt->name);
			if (eq != NULL)
				value = eq + 1;
		} else {
			opt = find_short(cmd->options, a[1], &index);
			if (opt == NULL && (opt = find_short(amm_global_options, a[1], &index)))
				global = true;
			if (opt == NULL || (a[2] != '\0' && opt->arg == NULL))
				return amm_error_new(AMM_EXIT_USAGE, MSG_CLI_UNKNOWN_OPT, a,
				                     cmd->name);
			if (a[2] != '\0')
				value = a + 2;
		}
		if (opt->arg != NULL && value == NULL) {
			if (i + 1 >= argc)
				return amm_error_new(AMM_EXIT_USAGE, MSG_CLI_NEEDS_ARG, a,
				                     cmd->name);
			value = argv[++i];
		}
		set_option(opt, global, index, value, out, globals, &help);
	}
	if (help) {
		out->argc = -1; /* the caller prints the help */
		return NULL;
	}
	if (cmd->max_args >= 0 && out->argc > cmd->max_args)
		return amm_error_new(AMM_EXIT_USAGE, MSG_CLI_TOO_MANY, cmd->name);
	return NULL;
}

void
amm_args_free(struct amm_args *args)
{
	free(args->argv);
	args->argv = NULL;
}

static void
print_options(FILE *f, const struct amm_option *opts)
{
	for (size_t i = 0; opts[i].name != NULL; i++) {
		char *left;

		/* An option that is only short (-C) has its letter as its name. */
		if (opts[i].name[1] == '\0')
			left = amm_asprintf("-%s%s%s", opts[i].name, opts[i].arg ? " " : "",
			                    opts[i].arg ? opts[i].arg : "");
		else if (opts[i].shortname != 0)
			left = amm_asprintf("-%c, --%s%s%s", opts[i].shortname, opts[i].name,
			                    opts[i].arg ? " " : "", opts[i].arg ? opts[i].arg : "");
		else
			left = amm_asprintf("--%s%s%s", opts[i].name, opts[i].arg ? " " : "",
			                    opts[i].arg ? opts[i].arg : "");
		/* Too long for its column: the help on the next line, as git does it. */
		if (strlen(left) > 24)
			fprintf(f, "  %s\n  %-24s %s\n", left, "", opts[i].help);
		else
			fprintf(f, "  %-24s %s\n", left, opts[i].help);
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
	if (cmd->options != NULL && cmd->options[0].name != NULL) {
		fprintf(f, "\nOpties:\n");
		print_options(f, cmd->options);
	}
	fprintf(f, "\nAlgemene opties:\n");
	print_options(f, amm_global_options);
	fprintf(f, "\nMeer: man amm-%s\n", cmd->name);
}

void
amm_print(FILE *f, const char *text)
{
	struct amm_buf buf = {0};

	amm_buf_add_visible(&buf, text, strlen(text), AMM_NOTATION_TEXT);
	if (buf.data != NULL)
		fputs(buf.data, f);
	amm_buf_free(&buf);
}

void
amm_printf(FILE *f, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = amm_vasprintf(fmt, ap);
	va_end(ap);
	amm_print(f, s);
	free(s);
}

void
amm_warn(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = amm_vasprintf(fmt, ap);
	va_end(ap);
	amm_printf(stderr, "amm: waarschuwing: %s\n", s);
	free(s);
}

void
amm_printfc(const struct amm_ctx *ctx, const char *color, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = amm_vasprintf(fmt, ap);
	va_end(ap);
	if (ctx->color)
		fputs(color, stdout);
	amm_print(stdout, s);
	if (ctx->color)
		fputs("\033[m", stdout);
	free(s);
}

char *
amm_json_text(json_t *value)
{
	char *dump = json_dumps(value, JSON_INDENT(2));
	struct amm_buf buf = {0};

	if (dump == NULL)
		return NULL;
	/* jansson escapes C0 controls; DEL, C1 and bidi controls are escaped here, the same way. */
	amm_buf_add_visible(&buf, dump, strlen(dump), AMM_NOTATION_JSON);
	amm_buf_addc(&buf, '\n');
	free(dump);
	return amm_buf_detach(&buf, NULL);
}

amm_error *
amm_print_json(json_t *value)
{
	char *text = amm_json_text(value);
	int rc = text != NULL ? fputs(text, stdout) : EOF;

	json_decref(value);
	free(text);
	if (rc == EOF)
		return amm_error_errno(MSG_CLI_WRITE);
	return NULL;
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

amm_error *
amm_text_clean(const char *what, const char *text, size_t len, char **out)
{
	struct amm_buf buf = {0};
	size_t at, n;
	amm_error *err;

	*out = NULL;
	/* Text from Windows: CR LF line ends become LF. */
	for (size_t i = 0; i < len; i++)
		if (text[i] != '\r' || i + 1 == len || text[i + 1] != '\n')
			amm_buf_addc(&buf, text[i]);
	if (buf.data == NULL)
		amm_buf_adds(&buf, "");
	err = amm_text_check(what, buf.data, buf.len);
	if (err == NULL)
		*out = amm_str_trim(buf.data);
	if (err == NULL && amm_iban_find(*out, &at, &n))
		amm_warn(MSG_IBAN_WARN, what);
	if (err == NULL && **out == '\0') {
		free(*out);
		*out = NULL;
		err = amm_error_new(AMM_EXIT_INPUT, MSG_CLI_EMPTY, what);
	}
	amm_buf_free(&buf);
	return err;
}

amm_error *
amm_arg_text(const char *what, const char *arg, char **out)
{
	struct amm_buf buf = {0};
	char chunk[65536];
	amm_error *err;
	size_t n;

	*out = NULL;
	if (strcmp(arg, "-") != 0)
		return amm_text_clean(what, arg, strlen(arg), out);
	while ((n = fread(chunk, 1, sizeof(chunk), stdin)) > 0)
		amm_buf_add(&buf, chunk, n);
	if (ferror(stdin))
		err = amm_error_errno(MSG_CLI_STDIN);
	else
		err = amm_text_clean(what, buf.data ? buf.data : "", buf.len, out);
	amm_buf_free(&buf);
	return err;
}

json_t *
amm_voortgang_json(const struct amm_voortgang *v)
{
	return json_pack("{s:b, s:i, s:i, s:i, s:b, s:i, s:i, s:i, s:i, s:i, s:i, s:i}",
	                 "perspectief", v->perspectief, "spin_gevuld", v->spin_gevuld,
	                 "spin_velden", AMM_SPIN_FIELDS, "problemen", v->problemen,
	                 "analyse_gedeeld", v->gedeeld, "stappen", v->stappen, "stappen_open",
	                 v->stappen_open, "afspraken", v->afspraken, "afspraken_open",
	                 v->afspraken_open, "afspraken_te_laat", v->afspraken_te_laat, "evaluaties",
	                 v->evaluaties, "stappen_van_de_methode", amm_voortgang_stappen(v));
}

amm_error *
amm_load(struct amm_ctx *ctx, struct amm_casus **out)
{
	return amm_casus_load(out, ctx->head, ctx->casus);
}

bool
amm_load_skip(amm_error **err, size_t *unreadable)
{
	if (*err == NULL || (*err)->code != AMM_EXIT_INPUT)
		return false;
	amm_printf(stderr, "amm: %s\n", (*err)->msg);
	amm_error_free(*err);
	*err = NULL;
	(*unreadable)++;
	return true;
}

amm_error *
amm_load_skipped(size_t unreadable)
{
	if (unreadable == 0)
		return NULL;
	return amm_error_new(AMM_EXIT_INPUT, MSG_CASUS_UNREADABLE, unreadable);
}

/* Rendered text, safely shown, with amm's own words at marks in color. */
void
amm_print_marked(const struct amm_ctx *ctx, const char *text, const struct amm_marks *marks)
{
	size_t done = 0;

	for (size_t i = 0; i < marks->n; i++) {
		const char *style = marks->style[i];
		char *before = amm_xstrndup(text + done, marks->at[i] - done);
		char *word = amm_xstrndup(text + marks->at[i], marks->len[i]);

		amm_print(stdout, before);
		amm_printfc(ctx,
		            strcmp(style, "te-laat") == 0 ? AMM_RED
		            : strcmp(style, "klaar") == 0 ? AMM_GREEN
		                                          : AMM_YELLOW,
		            "%s", word);
		done = marks->at[i] + marks->len[i];
		free(before);
		free(word);
	}
	amm_print(stdout, text + done);
}

amm_error *
amm_show(struct amm_ctx *ctx, enum amm_deel deel, bool json)
{
	struct amm_casus *casus = NULL;
	struct amm_marks late = {0};
	struct amm_buf buf = {0};
	amm_error *err;

	err = amm_load(ctx, &casus);
	if (err == NULL && json) {
		err = amm_print_json(amm_json_deel(casus, deel, ctx->today));
	} else if (err == NULL) {
		if (deel == AMM_DEEL_STAPPEN && ctx->show_afspraken)
			amm_render_afspraken(casus, ctx->today, &buf, &late);
		else
			amm_render_deel(casus, deel, ctx->today, &buf);
		amm_print_marked(ctx, buf.data ? buf.data : "", &late);
	}
	amm_marks_free(&late);
	amm_buf_free(&buf);
	amm_casus_free(casus);
	return err;
}

amm_error *
amm_commit(struct amm_ctx *ctx, amm_casus_fn fn, void *arg)
{
	bool committed = false;
	amm_error *err =
	    amm_casus_edit(ctx->store, ctx->casus, ctx->closed_ok, fn, arg, &committed);

	if (err == NULL && committed)
		amm_printf(stdout, "%s\n", amm_store_last_subject(ctx->store));
	else if (err == NULL)
		printf("Niets veranderd: het stond er al zo.\n");
	return err;
}

amm_error *
amm_arg_date(struct amm_ctx *ctx, const char *arg, char out[AMM_DATE_LEN])
{
	struct amm_date d;
	amm_error *err = amm_date_parse(&d, arg, ctx->today);

	if (err == NULL)
		amm_date_format(d, out);
	return err;
}

/*
 * What the editor saved as name in amm's private folder dfd: the file amm made (kept), or a
 * regular file the editor renamed into its place (as vim does with backupcopy=no) that has no
 * other name and is the user's own. Never a link, a folder or anything else.
 */
static amm_error *
editor_saved(int dfd, const char *name, const struct stat *kept, const char *path,
             struct amm_buf *buf)
{
	const char *why = NULL;
	amm_error *err = NULL;
	struct stat sb;
	int fd = openat(dfd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);

	if (fd < 0 && errno == ELOOP)
		why = MSG_CLI_EDITOR_LINK;
	else if (fd < 0 || fstat(fd, &sb) != 0)
		err = amm_error_errno(MSG_CLI_TEMP, path);
	else if (!S_ISREG(sb.st_mode))
		why = MSG_CLI_EDITOR_NOT_FILE;
	else if ((sb.st_dev != kept->st_dev || sb.st_ino != kept->st_ino) &&
	         (sb.st_nlink != 1 || sb.st_uid != geteuid()))
		why = MSG_CLI_EDITOR_OTHER;
	if (why != NULL)
		err = amm_error_new(AMM_EXIT_INPUT, MSG_CLI_EDITOR_REFUSED, path, why);
	while (err == NULL) {
		char chunk[65536];
		ssize_t n = read(fd, chunk, sizeof(chunk));

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			err = amm_error_errno(MSG_CLI_TEMP, path);
		if (n <= 0)
			break;
		amm_buf_add(buf, chunk, (size_t)n);
	}
	if (fd >= 0)
		close(fd);
	return err;
}

/* Empty amm's private folder (the editor's swap and backup files too) and remove it. */
static void
editor_cleanup(const char *dir, int dfd)
{
	int lfd = dup(dfd);
	DIR *d = lfd >= 0 ? fdopendir(lfd) : NULL;
	struct dirent *e;

	if (d == NULL && lfd >= 0)
		close(lfd);
	while (d != NULL && (e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0 &&
		    unlinkat(dfd, e->d_name, 0) != 0 && errno == EISDIR)
			unlinkat(dfd, e->d_name, AT_REMOVEDIR);
	if (d != NULL)
		closedir(d);
	close(dfd);
	rmdir(dir);
}

amm_error *
amm_editor(const char *text, const char *name, char **out)
{
	const char *editor = getenv("VISUAL");
	const char *tmpdir = getenv("TMPDIR");
	char *dir = NULL, *made = NULL, *path = NULL, *cmd = NULL;
	struct amm_buf buf = {0};
	amm_error *err = NULL;
	size_t off = 0, len = strlen(text);
	struct stat kept;
	int dfd = -1, fd = -1, rc;

	*out = NULL;
	if (editor == NULL || *editor == '\0')
		editor = getenv("EDITOR");
	if (editor == NULL || *editor == '\0') {
		if (!isatty(STDIN_FILENO))
			return amm_error_new(AMM_EXIT_USAGE, MSG_CLI_NO_EDITOR);
		editor = "vi";
	}
	/* A private folder (0700) of amm's own, with one new file in it that is never a link. */
	dir = amm_asprintf("%s/amm-XXXXXX", tmpdir && *tmpdir ? tmpdir : "/tmp");
	made = mkdtemp(dir);
	if (made == NULL) {
		err = amm_error_errno(MSG_CLI_TEMP, dir);
		goto done;
	}
	path = amm_asprintf("%s/%s", made, name);
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (dfd >= 0)
		fd = openat(dfd, name, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	while (fd >= 0 && off < len) {
		ssize_t n = write(fd, text + off, len - off);

		if (n < 0 && errno != EINTR)
			break;
		off += n > 0 ? (size_t)n : 0;
	}
	if (fd < 0 || off < len || fstat(fd, &kept) != 0) {
		err = amm_error_errno(MSG_CLI_TEMP, path);
		goto done;
	}
	/* Like git: the editor setting is a shell command that gets the file name. */
	cmd = amm_asprintf("%s \"$1\"", editor);
	rc = run_shell(cmd, path);
	if (rc != 0) {
		err = amm_error_new(AMM_EXIT_INPUT, MSG_CLI_EDITOR_FAILED, editor, rc);
		goto done;
	}
	err = editor_saved(dfd, name, &kept, path, &buf);
	if (err == NULL)
		*out = amm_buf_detach(&buf, NULL);
done:
	if (fd >= 0)
		close(fd);
	if (dfd >= 0)
		editor_cleanup(dir, dfd);
	else if (made != NULL)
		rmdir(dir);
	free(dir);
	free(path);
	free(cmd);
	amm_buf_free(&buf);
	return err;
}

/* The current folder relative to the work tree ("" at its top, NULL outside it). */
char *
amm_relative_cwd(const char *workdir)
{
	char cwd[PATH_MAX], top[PATH_MAX];
	size_t n;

	if (getcwd(cwd, sizeof(cwd)) == NULL || realpath(workdir, top) == NULL)
		return NULL;
	n = strlen(top);
	if (strncmp(cwd, top, n) != 0 || (cwd[n] != '\0' && cwd[n] != '/'))
		return NULL;
	return amm_xstrdup(cwd[n] == '/' ? cwd + n + 1 : "");
}
