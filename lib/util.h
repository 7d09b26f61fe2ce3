/* Small helpers: allocation that aborts on exhaustion, strings, a growable buffer. */
#ifndef AMM_UTIL_H
#define AMM_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

/* Allocation failure is not recoverable in amm: these abort() instead of returning NULL. */
void *amm_xmalloc(size_t size);
void *amm_xcalloc(size_t n, size_t size);
void *amm_xrealloc(void *ptr, size_t size);
char *amm_xstrdup(const char *s);
char *amm_xstrndup(const char *s, size_t n);
char *amm_asprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *amm_vasprintf(const char *fmt, va_list ap);

/* A growable byte buffer, always NUL-terminated. */
struct amm_buf {
	char *data;
	size_t len;
	size_t cap;
};
void amm_buf_add(struct amm_buf *buf, const void *data, size_t len);
void amm_buf_adds(struct amm_buf *buf, const char *s);
void amm_buf_addc(struct amm_buf *buf, char c);
void amm_buf_addf(struct amm_buf *buf, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Hands the data over to the caller (never NULL) and empties the buffer. */
char *amm_buf_detach(struct amm_buf *buf, size_t *len);
void amm_buf_free(struct amm_buf *buf);

/* A list of owned strings. */
struct amm_strlist {
	char **items;
	size_t len;
	size_t cap;
};
void amm_strlist_add(struct amm_strlist *list, const char *s);
void amm_strlist_take(struct amm_strlist *list, char *s);
void amm_strlist_sort(struct amm_strlist *list);
bool amm_strlist_has(const struct amm_strlist *list, const char *s);
void amm_strlist_free(struct amm_strlist *list);

bool amm_str_starts(const char *s, const char *prefix);
/* Valid UTF-8 of len bytes without NUL bytes. */
bool amm_utf8_valid(const char *s, size_t len);
/* A copy of s with leading and trailing white space (space, tab, CR, LF) removed. */
char *amm_str_trim(const char *s);

#endif
