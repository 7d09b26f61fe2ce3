/* Errors as values: a category that is also amm's exit code, and a Dutch message. */
#ifndef AMM_ERROR_H
#define AMM_ERROR_H

#include <stdarg.h>

/* Exit codes of amm(1); stable, documented in amm(1). */
enum amm_exit {
	AMM_EXIT_OK = 0,
	AMM_EXIT_FINDINGS = 1, /* amm check found problems of severity fout */
	AMM_EXIT_USAGE = 2,    /* usage error */
	AMM_EXIT_INPUT = 3,    /* input refused: invalid value, malformed file, privacy rule */
	AMM_EXIT_NOTFOUND = 4, /* no repository, casus or item */
	AMM_EXIT_CONFLICT = 5, /* a change could not be made safely; nothing was lost */
	AMM_EXIT_SYSTEM = 6,   /* failure of git, the file system or the system */
};

typedef struct amm_error {
	enum amm_exit code;
	char *msg;
} amm_error;

void amm_error_free(amm_error *err);

/* Made for amm_error_free: GCC (11 and later) then sees an error used after its free
 * (-Wuse-after-free=3). clang has no such attribute. */
#if defined(__GNUC__) && !defined(__clang__) && __GNUC__ >= 11
#define AMM_ERROR_MADE __attribute__((malloc(amm_error_free, 1)))
#else
#define AMM_ERROR_MADE
#endif

/*
 * A new error with a printf-style Dutch message. Never returns NULL.
 */
amm_error *amm_error_new(enum amm_exit code, const char *fmt, ...)
    __attribute__((format(printf, 2, 3))) AMM_ERROR_MADE;
amm_error *amm_error_newv(enum amm_exit code, const char *fmt, va_list ap) AMM_ERROR_MADE;
/* A Dutch description of a system error number ("de schijf is vol"; "systeemfout" for
 * one without its own). */
const char *amm_errno_text(int errnum);
/*
 * An error for a failed system call: the message, then ": ", the Dutch description of errno
 * and, in parentheses, the system's own text (strerror), for whoever looks it up.
 */
amm_error *amm_error_errno(const char *fmt, ...)
    __attribute__((format(printf, 1, 2))) AMM_ERROR_MADE;
/* Prefix an error's message with more context ("fmt: old message"); returns err. */
amm_error *amm_error_wrap(amm_error *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#endif
