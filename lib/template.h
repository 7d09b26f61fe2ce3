/* The files of a new casus and of a new casus repository, compiled in from templates/. */
#ifndef AMM_TEMPLATE_H
#define AMM_TEMPLATE_H

#include <stddef.h>

struct amm_template {
	const char *name;
	const char *data;
	size_t len;
};

/* Ends with an entry whose name is NULL. */
extern const struct amm_template amm_templates[];

/* The template of that file name, or NULL. */
const struct amm_template *amm_template_get(const char *name);

#endif
