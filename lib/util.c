#include "util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void *
amm_xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (p == NULL)
		abort();
	return p;
}

void *
amm_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		abort();
	return p;
}

void *
amm_xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);

	if (p == NULL)
		abort();
	return p;
}

char *
amm_xstrdup(const char *s)
{
	return amm_xstrndup(s, strlen(s));
}

char *
amm_xstrndup(const char *s, size_t n)
{
	char *p = amm_xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
amm_vasprintf(const char *fmt, va_list ap)
{
	va_list copy;
	int n;
	char *p;

	if (fmt == NULL)
		abort();
	va_copy(copy, ap);
	n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0)
		abort();
	p = amm_xmalloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *
amm_asprintf(const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = amm_vasprintf(fmt, ap);
	va_end(ap);
	return p;
}

static void
buf_grow(struct amm_buf *buf, size_t extra)
{
	size_t need = buf->len + extra + 1;

	if (need <= buf->cap)
		return;
	if (buf->cap == 0)
		buf->cap = 64;
	while (buf->cap < need)
		buf->cap *= 2;
	buf->data = amm_xrealloc(buf->data, buf->cap);
}

void
amm_buf_add(struct amm_buf *buf, const void *data, size_t len)
{
	buf_grow(buf, len);
	if (len > 0)
		memcpy(buf->data + buf->len, data, len);
	buf->len += len;
	buf->data[buf->len] = '\0';
}

void
amm_buf_adds(struct amm_buf *buf, const char *s)
{
	amm_buf_add(buf, s, strlen(s));
}

void
amm_buf_addc(struct amm_buf *buf, char c)
{
	amm_buf_add(buf, &c, 1);
}

void
amm_buf_addf(struct amm_buf *buf, const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = amm_vasprintf(fmt, ap);
	va_end(ap);
	amm_buf_adds(buf, s);
	free(s);
}

char *
amm_buf_detach(struct amm_buf *buf, size_t *len)
{
	char *data;

	buf_grow(buf, 0);
	buf->data[buf->len] = '\0';
	data = buf->data;
	if (len != NULL)
		*len = buf->len;
	buf->data = NULL;
	buf->len = buf->cap = 0;
	return data;
}

void
amm_buf_free(struct amm_buf *buf)
{
	free(buf->data);
	buf->data = NULL;
	buf->len = buf->cap = 0;
}

void
amm_strlist_take(struct amm_strlist *list, char *s)
{
	if (list->len == list->cap) {
		list->cap = list->cap ? list->cap * 2 : 8;
		list->items = amm_xrealloc(list->items, list->cap * sizeof(*list->items));
	}
	list->items[list->len++] = s;
}

void
amm_strlist_add(struct amm_strlist *list, const char *s)
{
	amm_strlist_take(list, amm_xstrdup(s));
}

static int
strlist_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void
amm_strlist_sort(struct amm_strlist *list)
{
	if (list->len > 1)
		qsort(list->items, list->len, sizeof(*list->items), strlist_cmp);
}

bool
amm_strlist_has(const struct amm_strlist *list, const char *s)
{
	for (size_t i = 0; i < list->len; i++)
		if (strcmp(list->items[i], s) == 0)
			return true;
	return false;
}

void
amm_strlist_free(struct amm_strlist *list)
{
	for (size_t i = 0; i < list->len; i++)
		free(list->items[i]);
	free(list->items);
	list->items = NULL;
	list->len = list->cap = 0;
}

bool
amm_str_starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

bool
amm_str_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return n > 0;
}

size_t
amm_str_distance(const char *a, const char *b)
{
	size_t n = strlen(a), m = strlen(b), result;
	/* Three rows of the table: two back (for a swap), the last one and this one. */
	size_t *rows = amm_xcalloc(3 * (m + 1), sizeof(size_t));
	size_t *back = rows, *last = rows + m + 1, *cur = rows + 2 * (m + 1);

	for (size_t j = 0; j <= m; j++)
		last[j] = j;
	for (size_t i = 1; i <= n; i++) {
		cur[0] = i;
		for (size_t j = 1; j <= m; j++) {
			size_t cost = a[i - 1] != b[j - 1], d = last[j - 1] + cost;

			if (last[j] + 1 < d)
				d = last[j] + 1;
			if (cur[j - 1] + 1 < d)
				d = cur[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    back[j - 2] + 1 < d)
				d = back[j - 2] + 1;
			cur[j] = d;
		}
		size_t *t = back;
		back = last;
		last = cur;
		cur = t;
	}
	result = last[m];
	free(rows);
	return result;
}

size_t
amm_utf8_char(const char *str, size_t len, unsigned long *cp)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t n;
	unsigned long c;

	*cp = 0;
	if (len == 0)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 1;
		c = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 2;
		c = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 3;
		c = s[0] & 0x07;
	} else {
		return 0;
	}
	for (size_t k = 1; k <= n; k++) {
		if (k >= len || (s[k] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[k] & 0x3f);
	}
	/* Overlong forms, surrogates and code points past U+10FFFF. */
	if ((n == 2 && c < 0x800) || (n == 3 && c < 0x10000) || c > 0x10ffff ||
	    (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n + 1;
}

bool
amm_utf8_valid(const char *s, size_t len)
{
	for (size_t i = 0, n; i < len; i += n) {
		unsigned long cp;

		n = amm_utf8_char(s + i, len - i, &cp);
		if (n == 0 || cp == 0)
			return false;
	}
	return true;
}

bool
amm_char_control(unsigned long cp)
{
	if (cp == '\n' || cp == '\t')
		return false;
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0x061c || cp == 0x200e ||
	       cp == 0x200f || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

void
amm_buf_add_visible(struct amm_buf *out, const char *s, size_t len, enum amm_notation how)
{
	size_t i = 0, n;

	while (i < len) {
		unsigned long cp;

		n = amm_utf8_char(s + i, len - i, &cp);
		if (n == 0) {
			/* Not UTF-8: one byte at a time (JSON text is always UTF-8). */
			if (how == AMM_NOTATION_JSON)
				amm_buf_adds(out, "\\uFFFD");
			else
				amm_buf_addf(out, "<0x%02X>", (unsigned char)s[i]);
			n = 1;
		} else if (amm_char_control(cp)) {
			amm_buf_addf(out, how == AMM_NOTATION_JSON ? "\\u%04lX" : "<U+%04lX>", cp);
		} else {
			amm_buf_add(out, s + i, n);
		}
		i += n;
	}
}

char *
amm_str_visible(const char *s)
{
	struct amm_buf out = {0};

	amm_buf_add_visible(&out, s, strlen(s), AMM_NOTATION_TEXT);
	return amm_buf_detach(&out, NULL);
}

char *
amm_str_trim(const char *s)
{
	const char *end;

	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r' || end[-1] == '\n'))
		end--;
	return amm_xstrndup(s, (size_t)(end - s));
}

bool
amm_write_all(int fd, const char *data, size_t len)
{
	size_t off = 0;

	if (fd < 0) {
		errno = EBADF;
		return false;
	}
	while (off < len) {
		ssize_t n = write(fd, data + off, len - off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return false;
		off += (size_t)n;
	}
	return true;
}
