/*
 * Field-level differences between two versions of a casus: per INI key (section, key, old,
 * new), and the perspectief's text as one field. Items that appear or disappear show up as
 * their keys going from or to nothing.
 */
#ifndef AMM_DIFF_H
#define AMM_DIFF_H

#include <stddef.h>

#include "error.h"
#include "store.h"

struct amm_change {
	char *casus;
	const char *deel; /* onderdeel name: spin, stappen, ... */
	char *section;    /* "" for the perspectief */
	char *key;
	char *old; /* NULL: added */
	char *new; /* NULL: removed */
};

struct amm_changes {
	struct amm_change *items;
	size_t len;
};

/* What changed in casus id from snapshot a to b (either may lack the casus). */
amm_error *amm_diff_casus(struct amm_snap *a, struct amm_snap *b, const char *id,
                          struct amm_changes *out);
void amm_changes_free(struct amm_changes *c);

#endif
