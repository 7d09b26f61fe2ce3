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

/* What went wrong, in Dutch, for the errors a user can do something about. */
static const struct {
	int errnum;
	const char *text;
} errno_texts[] = {
    {ENOENT, "bestaat niet"},
    {EACCES, "geen toegang"},
    {EPERM, "niet toegestaan"},
    {ENOSPC, "de schijf is vol"},
    {EDQUOT, "de schijfruimte (quota) is op"},
    {EFBIG, "het bestand wordt te groot"},
    {EROFS, "het bestandssysteem is alleen-lezen"},
    {EEXIST, "bestaat al"},
    {ENOTDIR, "een deel van het pad is geen map"},
    {EISDIR, "is een map"},
    {ENOTEMPTY, "de map is niet leeg"},
    {ELOOP, "een symbolische koppeling (of te veel ervan na elkaar)"},
    {ENAMETOOLONG, "de naam is te lang"},
    {EIO, "lees- of schrijffout van het apparaat"},
    {EMFILE, "te veel open bestanden"},
    {ENFILE, "te veel open bestanden op het systeem"},
    {ENOMEM, "het geheugen is op"},
    {EBUSY, "in gebruik"},
    {EAGAIN, "tijdelijk niet beschikbaar"},
    {EINTR, "onderbroken"},
    {EXDEV, "op een ander bestandssysteem"},
    {EPIPE, "de ontvanger is gestopt"},
    {ETIMEDOUT, "duurde te lang"},
    {ECONNREFUSED, "de verbinding werd geweigerd"},
    {EHOSTUNREACH, "de server is niet bereikbaar"},
    {ENETUNREACH, "het netwerk is niet bereikbaar"},
};

const char *
amm_errno_text(int errnum)
{
	for (size_t i = 0; i < sizeof(errno_texts) / sizeof(errno_texts[0]); i++)
		if (errno_texts[i].errnum == errnum)
			return errno_texts[i].text;
	return "systeemfout";
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
	err = amm_error_new(AMM_EXIT_SYSTEM, "%s: %s (%s)", what, amm_errno_text(saved),
	                    strerror(saved));
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
