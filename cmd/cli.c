/* What every command shares: safe output, JSON, texts, the editor. */
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
#include "diff.h"
#include "doc.h"
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
	json_t *doc = json_pack("{s:s}", "schema", AMM_JSON_SCHEMA);
	char *dump;
	struct amm_buf buf = {0};

	/* The envelope of every JSON output: "schema" first, then the output's own keys. */
	if (json_object_update(doc, value) == 0)
		dump = json_dumps(doc, JSON_INDENT(2));
	else
		dump = NULL;
	json_decref(doc);
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
amm_write_output(const char *file, const char *text)
{
	FILE *f = text == NULL ? NULL : file != NULL ? fopen(file, "w") : stdout;
	bool ok = f != NULL && fputs(text, f) != EOF;
	int saved = errno;

	/* Closed also when the write failed; the first failure is the one reported. */
	if (f != NULL && file != NULL && fclose(f) != 0 && ok) {
		ok = false;
		saved = errno;
	}
	errno = saved;
	return ok ? NULL : amm_error_errno(MSG_CLI_WRITE_FILE, file ? file : "-");
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
	                 "perspectief_vastgelegd", v->perspectief, "spin_ingevuld", v->spin_gevuld,
	                 "spin_totaal", AMM_SPIN_FIELDS, "aantal_problemen", v->problemen,
	                 "analyse_gedeeld", v->gedeeld, "aantal_stappen", v->stappen,
	                 "stappen_open", v->stappen_open, "aantal_afspraken", v->afspraken,
	                 "afspraken_open", v->afspraken_open, "afspraken_te_laat",
	                 v->afspraken_te_laat, "aantal_evaluaties", v->evaluaties,
	                 "stappen_van_de_methode", amm_voortgang_stappen(v));
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
	struct amm_marks marks = {0};
	struct amm_buf buf = {0};
	amm_error *err;

	err = amm_load(ctx, &casus);
	if (err == NULL && json) {
		err = amm_print_json(amm_json_deel(casus, deel, ctx->today));
	} else if (err == NULL) {
		struct amm_model *m = amm_model_build(casus);
		struct amm_doc *doc = deel == AMM_DEEL_STAPPEN && ctx->show_afspraken
		                          ? amm_doc_afspraken(m, ctx->today)
		                          : amm_doc_deel(m, deel, ctx->today);

		amm_render_doc(doc, &buf, &marks);
		amm_print_marked(ctx, buf.data ? buf.data : "", &marks);
		amm_doc_free(doc);
		amm_model_free(m);
	}
	amm_marks_free(&marks);
	amm_buf_free(&buf);
	amm_casus_free(casus);
	return err;
}

/* The items ("stap 2") a change touched, once each, in the order of the changes. */
static json_t *
changed_items(const struct amm_changes *ch)
{
	json_t *list = json_array();
	struct amm_strlist seen = {0};

	for (size_t i = 0; i < ch->len; i++) {
		const char *sec = ch->items[i].section, *sp = strchr(sec, ' ');
		char *kind;

		if (sp == NULL || atoi(sp + 1) <= 0 || amm_strlist_has(&seen, sec))
			continue;
		amm_strlist_add(&seen, sec);
		kind = amm_xstrndup(sec, (size_t)(sp - sec));
		json_array_append_new(list,
		                      json_pack("{s:s, s:i}", "soort", kind, "nr", atoi(sp + 1)));
		free(kind);
	}
	amm_strlist_free(&seen);
	return list;
}

amm_error *
amm_print_written(struct amm_ctx *ctx, const char *casus, bool committed)
{
	struct amm_snap *before = NULL, *after = NULL;
	struct amm_changes ch = {0};
	const char *id = amm_store_last_commit(ctx->store);
	char *parent = amm_asprintf("%s^", id);
	const char *subject = amm_store_last_subject(ctx->store), *what;
	char *deel;
	amm_error *err = NULL;

	if (committed) {
		err = amm_snap_open(&after, ctx->store, id);
		/* The first commit of a repository has no parent: nothing before it. */
		if (err == NULL)
			amm_error_free(amm_snap_open(&before, ctx->store, parent));
		if (err == NULL)
			err = amm_diff_casus(before, after, casus, &ch);
	}
	/* The subject is "<casus> <onderdeel>: <what>". */
	what = committed ? strstr(subject, ": ") : NULL;
	deel = what != NULL && amm_str_starts(subject, casus) && subject[strlen(casus)] == ' '
	           ? amm_xstrndup(subject + strlen(casus) + 1,
	                          (size_t)(what - subject) - strlen(casus) - 1)
	           : NULL;
	if (err == NULL)
		err = amm_print_json(json_pack(
		    "{s:s, s:s?, s:s?, s:s?, s:o, s:o}", "casus", casus, "onderdeel", deel,
		    "commit", committed ? id : NULL, "bericht", what != NULL ? what + 2 : NULL,
		    "items", changed_items(&ch), "wijzigingen", amm_changes_json(&ch)));
	amm_changes_free(&ch);
	free(deel);
	amm_snap_free(before);
	amm_snap_free(after);
	free(parent);
	return err;
}

amm_error *
amm_commit(struct amm_ctx *ctx, amm_casus_fn fn, void *arg)
{
	bool committed = false;
	amm_error *err;

	err = amm_casus_edit(ctx->store, ctx->casus, ctx->closed_ok, fn, arg, &committed);
	if (err == NULL && ctx->json)
		err = amm_print_written(ctx, ctx->casus, committed);
	else if (err == NULL && committed)
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
	size_t len = strlen(text);
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
	if (!amm_write_all(fd, text, len) || fstat(fd, &kept) != 0) {
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
