#include "template.h"

#include <string.h>

const struct amm_template *
amm_template_get(const char *name)
{
	for (const struct amm_template *t = amm_templates; t->name != NULL; t++)
		if (strcmp(t->name, name) == 0)
			return t;
	return NULL;
}
