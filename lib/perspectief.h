/*
 * The method's conditions for a good perspectief (step 1), as warnings: amm never refuses a
 * perspectief, the Amsterdammer's own words come first.
 */
#ifndef AMM_PERSPECTIEF_H
#define AMM_PERSPECTIEF_H

#include "util.h"

/* Append one warning (a Dutch sentence with the method's reason) per unmet condition. */
void amm_perspectief_check(const char *text, struct amm_strlist *warnings);

#endif
