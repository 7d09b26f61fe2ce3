#include "markdown.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

/* The first line that is exactly marker (spaces around it allowed), or NULL. */
static const char *
find_marker(const char *text, const char *marker, const char **after)
{
	size_t mlen = strlen(marker);

	for (const char *line = text; *line != '\0';) {
		const char *eol = strchr(line, '\n');
		const char *next = eol ? eol + 1 : line + strlen(line);
		const char *s = line;

		while (*s == ' ' || *s == '\t')
			s++;
		if (strncmp(s, marker, mlen) == 0) {
			const char *t = s + mlen;

			while (*t == ' ' || *t == '\t' || *t == '\r')
				t++;
			if (t == next || *t == '\n' || *t == '\0') {
				*after = next;
				return line;
			}
		}
		line = next;
	}
	return NULL;
}

static char *
trim_blank_lines(const char *s, size_t n)
{
	const char *end = s + n;

	/* Leading blank lines, then trailing white space. */
	for (const char *p = s; p < end;) {
		const char *eol = memchr(p, '\n', (size_t)(end - p));

		if (eol == NULL)
			break;
		while (p < eol && (*p == ' ' || *p == '\t' || *p == '\r'))
			p++;
		if (p != eol)
			break;
		s = p = eol + 1;
	}
	while (end > s && (end[-1] == '\n' || end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r'))
		end--;
	return amm_xstrndup(s, (size_t)(end - s));
}

/* Without markers: the text minus HTML comments and heading lines. */
static char *
body_unmarked(const char *text)
{
	struct amm_buf buf = {0};
	char *out;

	for (const char *p = text; *p != '\0';) {
		const char *eol = strchr(p, '\n');
		const char *next = eol ? eol + 1 : p + strlen(p);

		if (strncmp(p, "<!--", 4) == 0) {
			const char *close = strstr(p, "-->");

			if (close == NULL)
				break;
			next = strchr(close, '\n');
			next = next ? next + 1 : close + strlen(close);
		} else if (*p != '#') {
			amm_buf_add(&buf, p, (size_t)(next - p));
		}
		p = next;
	}
	out = trim_blank_lines(buf.data ? buf.data : "", buf.len);
	amm_buf_free(&buf);
	return out;
}

char *
amm_md_body(const char *text)
{
	const char *after_begin, *after_end;
	const char *begin = find_marker(text, AMM_MD_BEGIN, &after_begin);
	const char *end = begin ? find_marker(after_begin, AMM_MD_END, &after_end) : NULL;

	if (end == NULL)
		return body_unmarked(text);
	return trim_blank_lines(after_begin, (size_t)(end - after_begin));
}

char *
amm_md_set_body(const char *text, const char *body)
{
	struct amm_buf buf = {0};
	const char *after_begin, *after_end;
	const char *begin = find_marker(text, AMM_MD_BEGIN, &after_begin);
	const char *end = begin ? find_marker(after_begin, AMM_MD_END, &after_end) : NULL;
	char *trimmed = trim_blank_lines(body, strlen(body));

	if (end != NULL) {
		amm_buf_add(&buf, text, (size_t)(after_begin - text));
	} else {
		amm_buf_adds(&buf, text);
		if (buf.len > 0 && buf.data[buf.len - 1] != '\n')
			amm_buf_addc(&buf, '\n');
		if (buf.len > 0)
			amm_buf_addc(&buf, '\n');
		amm_buf_adds(&buf, AMM_MD_BEGIN "\n");
		after_end = "";
	}
	if (*trimmed != '\0')
		amm_buf_addf(&buf, "%s\n", trimmed);
	amm_buf_adds(&buf, AMM_MD_END "\n");
	amm_buf_adds(&buf, after_end);
	free(trimmed);
	return amm_buf_detach(&buf, NULL);
}
