/*
 * The method's quality rules. Each rule has a stable id, a severity and the method's reason;
 * amm-check(1) documents them from the same table (amm check --regels prints it).
 */
#ifndef AMM_CHECK_H
#define AMM_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "casus.h"
#include "date.h"
#include "history.h"
#include "inidoc.h"
#include "model.h"
#include "worktree.h"

enum amm_ernst { AMM_FOUT, AMM_WAARSCHUWING };

/* The default thresholds of amm.ini [check] (amm.ini(5)): max-open-stappen, max-teamleden. */
#define AMM_MAX_OPEN_STAPPEN 3
#define AMM_MAX_TEAMLEDEN    6

struct amm_rule {
	const char *id;
	enum amm_ernst ernst;
	const char *reden; /* the method's reason, in its words */
};
/* Ends with an entry whose id is NULL. */
extern const struct amm_rule amm_rules[];

struct amm_finding {
	const struct amm_rule *rule;
	char *casus;
	const char *bestand;
	size_t regel; /* the line in bestand, 0 for the file as a whole */
	char *bericht;
};

struct amm_findings {
	struct amm_finding *items;
	size_t len;
};

const char *amm_ernst_name(enum amm_ernst ernst);
/*
 * Check the model of one casus with the thresholds of cfg (amm.ini; may be NULL) as of today:
 * each value the model refused, then the method's rules on the valid values. A casus read
 * with amm_casus_load_dups also gets a finding for each section or key that stands twice.
 */
void amm_check_casus(const struct amm_model *m, const struct amm_ini *cfg, struct amm_date today,
                     struct amm_findings *out);
/* A casus that could not be read (err from amm_casus_load_dups, deel the part): a finding. */
void amm_check_unreadable(const char *id, enum amm_deel deel, const amm_error *err,
                          struct amm_findings *out);
/*
 * The rule bestandsrechten for the casus's folder and files in the work tree that group or
 * others may access (amm_worktree_loose); bestand is "." for the folder and unknown files.
 */
void amm_check_loose(const struct amm_casus *c, const struct amm_loose *list, size_t n,
                     struct amm_findings *out);
/*
 * The bsn rule on the names of the files and folders of a casus as committed in snap (file
 * "bestandsnaam" in the findings).
 */
void amm_check_bsn_names(struct amm_snap *snap, const struct amm_casus *c,
                         const struct amm_ini *cfg, struct amm_findings *out);
/*
 * The bsn rule on the messages of the commits that changed the casus in ids (the history amm
 * log shows; for more than one casus, one walk over the history of all casussen), as file
 * "geschiedenis".
 */
amm_error *amm_check_bsn_history(struct amm_store *st, const struct amm_strlist *ids,
                                 const struct amm_ini *cfg, struct amm_findings *out);
void amm_findings_free(struct amm_findings *f);

#endif
