/* Commit trailers through libgit2's git_message_trailers, as git interpret-trailers reads them. */
#include <strings.h>

#include <git2.h>

#include "msg.h"
#include "trailer.h"
#include "util.h"

amm_error *
amm_trailer_get(const char *message, const char *key, char **out)
{
	git_message_trailer_array trailers = {0};

	*out = NULL;
	if (git_message_trailers(&trailers, message) < 0) {
		const git_error *e = git_error_last();

		return amm_error_new(AMM_EXIT_SYSTEM, MSG_TRAILER_PARSE,
		                     e != NULL && e->message != NULL ? e->message : "?");
	}
	for (size_t i = 0; i < trailers.count && *out == NULL; i++)
		if (strcasecmp(trailers.trailers[i].key, key) == 0)
			*out = amm_str_trim(trailers.trailers[i].value);
	git_message_trailer_array_free(&trailers);
	return NULL;
}
