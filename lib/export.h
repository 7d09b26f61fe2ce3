/*
 * The plan for the Amsterdammer: Markdown to share, and one self-contained HTML file (inline
 * CSS, the spin and each waardendriehoek as inline SVG, print styles for A4), both rendered
 * from the plan's document tree (doc.h), so they list the same items; an invalid value is
 * marked "(ongeldig: ...)". Everything a person typed is escaped; the perspectief's Markdown
 * is rendered by cmark for both, raw HTML left out, a link or image other than http, https or
 * mailto reduced to its text. Control characters are shown visibly (amm_buf_add_visible).
 */
#ifndef AMM_EXPORT_H
#define AMM_EXPORT_H

#include "casus.h"
#include "date.h"

char *amm_export_md(const struct amm_casus *c, struct amm_date today);
char *amm_export_html(const struct amm_casus *c, struct amm_date today);

#endif
