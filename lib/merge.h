/*
 * Three-way merges of casus files, without git: what `amm sync` does when both sides changed
 * one file.
 *
 * INI files merge by section and key. A key changed on one side takes that side's value; the
 * same key changed to different values on both sides is a conflict: the file keeps "mijn"
 * (ours) value and a section [conflict SECTION.KEY] holding both values, so nothing is lost
 * until someone chooses. Items ([afspraak N], [stap N], ...) added on both sides under one
 * number are all kept: ours move to the next free numbers, and the references to a renumbered
 * stap (the key "stap") in the items ours added or changed follow along.
 *
 * Markdown files merge by lines (in the store); their conflicts are marked with the lines
 * "<<<<<<< mijn", "=======" and ">>>>>>> hun".
 */
#ifndef AMM_MERGE_H
#define AMM_MERGE_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "util.h"

/* What merging the files of one folder did; carried from file to file within the folder. */
struct amm_merge_state {
	struct amm_merge_renum {
		char *kind;
		int from, to;
	} * renum;
	size_t nrenum;
	struct amm_strlist notes; /* one line per renumbering or conflict, for the commit */
	size_t conflicts;
};
void amm_merge_state_clear(struct amm_merge_state *state);

/*
 * Merge base, ours and theirs of the INI file name (base may be NULL: the file is new on both
 * sides). *out (len *outlen) is the result; the caller frees it. Malformed: AMM_EXIT_INPUT.
 */
amm_error *amm_merge_ini(const char *name, const char *base, size_t blen, const char *ours,
                         size_t olen, const char *theirs, size_t tlen,
                         struct amm_merge_state *state, char **out, size_t *outlen);

/* The section that records a conflict on section.key, and its inverse. */
#define AMM_CONFLICT_PREFIX "conflict "
char *amm_conflict_section(const char *section, const char *key);
bool amm_conflict_parse(const char *conflict, char **section, char **key);

/* A recorded conflict in a file. */
struct amm_conflict {
	const char *onderdeel; /* set by amm_casus_conflicts() */
	char *what;            /* "[spin] financien", or "regel 12" in Markdown */
	char *mijn, *hun;
};
void amm_conflicts_free(struct amm_conflict *list, size_t n);

/*
 * The conflicts recorded in the file name (INI sections or Markdown markers), appended to
 * *list. Malformed INI: AMM_EXIT_INPUT.
 */
amm_error *amm_conflicts_find(const char *name, const char *text, size_t len,
                              struct amm_conflict **list, size_t *n);

/* Resolve every conflict in the file by taking mijn (ours) or hun (theirs). */
amm_error *amm_conflicts_resolve(const char *name, const char *text, size_t len, bool mijn,
                                 char **out, size_t *outlen);

#endif
