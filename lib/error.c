#include "error.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

amm_error *
amm_error_newv(enum amm_exit code, const char *fmt, va_list ap)
{
	amm_error *err = amm_xmalloc(sizeof(*err));

	err->code = code;
	err->msg = amm_vasprintf(fmt, ap);
	return err;
}

amm_error *
amm_error_new(enum amm_exit code, const char *fmt, ...)
{
	va_list ap;
	amm_error *err;

	va_start(ap, fmt);
	err = amm_error_newv(code, fmt, ap);
	va_end(ap);
	return err;
}

amm_error *
amm_error_errno(const char *fmt, ...)
{
	int saved = errno;
	va_list ap;
	char *what;
	amm_error *err;

	va_start(ap, fmt);
	what = amm_vasprintf(fmt, ap);
	va_end(ap);
	err = amm_error_new(AMM_EXIT_SYSTEM, "%s: %s", what, strerror(saved));
	free(what);
	return err;
}

amm_error *
amm_error_wrap(amm_error *err, const char *fmt, ...)
{
	va_list ap;
	char *prefix, *msg;

	va_start(ap, fmt);
	prefix = amm_vasprintf(fmt, ap);
	va_end(ap);
	msg = amm_asprintf("%s: %s", prefix, err->msg);
	free(prefix);
	free(err->msg);
	err->msg = msg;
	return err;
}

void
amm_error_free(amm_error *err)
{
	if (err == NULL)
		return;
	free(err->msg);
	free(err);
}
