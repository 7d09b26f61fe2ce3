/* The trailers of a commit message ("AMM-Casus: 2026-001"), as git reads them. */
#ifndef AMM_TRAILER_H
#define AMM_TRAILER_H

#include "error.h"

/*
 * The value of the trailer key (compared as git does, without regard to case) in the last
 * paragraph of a commit message, without the white space around it; *out is NULL when there
 * is none (caller frees).
 */
amm_error *amm_trailer_get(const char *message, const char *key, char **out);

#endif
