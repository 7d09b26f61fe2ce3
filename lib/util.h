/*
 * Small helpers: allocation that aborts on exhaustion, strings, a growable buffer, and writing
 * a whole buffer to a file.
 */
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
/* The n bytes of s are all ASCII digits, and there is at least one. */
bool amm_str_digits(const char *s, size_t n);
/*
 * The Damerau-Levenshtein distance of a and b (optimal string alignment, as git's
 * suggestions): how many characters must be inserted, deleted, replaced, or swapped with their
 * neighbour, to make one the other. Counted in bytes.
 */
size_t amm_str_distance(const char *a, const char *b);
/* Valid UTF-8 of len bytes without NUL bytes. */
bool amm_utf8_valid(const char *s, size_t len);
/* The UTF-8 character at s (of at most len bytes) in *cp: its length, or 0 when s does not
 * start with valid UTF-8. */
size_t amm_utf8_char(const char *s, size_t len, unsigned long *cp);

/*
 * Control characters: what a terminal acts on instead of showing (C0 controls but newline and
 * tab, DEL, the C1 controls U+0080..U+009F) and the bidi controls that reorder what is shown
 * (U+061C, U+200E, U+200F, U+202A..U+202E, U+2066..U+2069). amm refuses them in a text and
 * shows them visibly when a file brings them.
 */
bool amm_char_control(unsigned long cp);
enum amm_notation {
	AMM_NOTATION_TEXT, /* <U+001B> for a control character, <0xFF> for a byte not UTF-8 */
	AMM_NOTATION_JSON, /* \u001B inside a JSON string (the text is UTF-8) */
};
/* s with every control character and every byte that is not UTF-8 written visibly: the one
 * way text from a casus reaches a terminal, a page or a file for people. */
void amm_buf_add_visible(struct amm_buf *out, const char *s, size_t len, enum amm_notation how);
char *amm_str_visible(const char *s);
/* A copy of s with leading and trailing white space (space, tab, CR, LF) removed. */
char *amm_str_trim(const char *s);

/*
 * Write all len bytes of data to fd, again after an interruption or a short write. False
 * with errno set when a write fails (also for fd -1: EBADF).
 */
bool amm_write_all(int fd, const char *data, size_t len);

#endif
