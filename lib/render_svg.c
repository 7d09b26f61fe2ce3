/* The drawings: the spin and the waardendriehoek as SVG, with their text escaped and wrapped. */
#include "render.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

void
amm_html_escape(struct amm_buf *out, const char *s, size_t max_chars, const char *newline)
{
	char *visible = amm_str_visible(s);
	size_t chars = 0;

	for (const char *p = visible; *p != '\0'; p++) {
		/* Count characters, not bytes: continuation bytes do not start one. */
		if (((unsigned char)*p & 0xc0) != 0x80 && ++chars > max_chars) {
			amm_buf_adds(out, "…");
			break;
		}
		switch (*p) {
		case '&':
			amm_buf_adds(out, "&amp;");
			break;
		case '<':
			amm_buf_adds(out, "&lt;");
			break;
		case '>':
			amm_buf_adds(out, "&gt;");
			break;
		case '"':
			amm_buf_adds(out, "&quot;");
			break;
		case '\'':
			amm_buf_adds(out, "&#39;");
			break;
		case '\n':
			amm_buf_adds(out, newline);
			break;
		case '\t':
			amm_buf_addc(out, ' ');
			break;
		default:
			amm_buf_addc(out, *p);
		}
	}
	free(visible);
}

double
amm_svg_text_width(const char *s, size_t len, double font_size, bool bold)
{
	double em = 0;

	for (size_t i = 0; i < len;) {
		unsigned long cp;
		size_t n = amm_utf8_char(s + i, len - i, &cp);

		if (n == 0)
			n = 1;
		i += n;
		/* Widths in em, at or above DejaVu Sans's (the widest common sans-serif). */
		if (cp < 0x80 && strchr(" .,:;'!|ilj", (int)cp) != NULL)
			em += 0.34;
		else if (cp < 0x80 && strchr("frt()[]{}-\"/", (int)cp) != NULL)
			em += 0.46;
		else if (cp < 0x80 && strchr("mwMW%@&", (int)cp) != NULL)
			em += 1.05;
		else if (cp >= 'A' && cp <= 'Z')
			em += 0.8;
		else if (cp < 0x80)
			em += 0.68;
		else if (cp < 0x1100)
			em += 0.82;
		else
			em += 1.3;
	}
	return em * font_size * (bold ? 1.12 : 1.0);
}

/* Append s (n bytes) to the line; a space between words. */
static void
line_add(struct amm_buf *line, const char *s, size_t n)
{
	if (line->len > 0)
		amm_buf_addc(line, ' ');
	amm_buf_add(line, s, n);
}

static bool
line_fits(const struct amm_buf *line, const char *word, size_t n, double width, double font_size,
          bool bold)
{
	double w = amm_svg_text_width(word, n, font_size, bold);

	if (line->len > 0)
		w += amm_svg_text_width(line->data, line->len, font_size, bold) +
		     amm_svg_text_width(" ", 1, font_size, bold);
	return w <= width;
}

/* The longest start of word (at least one character) that fits a line of its own. */
static size_t
word_prefix(const char *word, size_t n, double width, double font_size, bool bold)
{
	size_t fit = 0;

	for (size_t i = 0; i < n;) {
		unsigned long cp;
		size_t k = amm_utf8_char(word + i, n - i, &cp);

		i += k == 0 ? 1 : k;
		if (fit > 0 && amm_svg_text_width(word, i, font_size, bold) > width)
			break;
		fit = i;
	}
	return fit;
}

void
amm_svg_wrap(struct amm_strlist *lines, const char *text, double width, double font_size, bool bold,
             size_t max_lines)
{
	char *visible = amm_str_visible(text);
	struct amm_buf line = {0};
	const char *p = visible;
	size_t keep = lines->len + (max_lines > 0 ? max_lines : 1);

	for (;;) {
		size_t n;

		p += strspn(p, " \t\r\n");
		n = strcspn(p, " \t\r\n");
		if (n == 0)
			break;
		if (line_fits(&line, p, n, width, font_size, bold)) {
			line_add(&line, p, n);
			p += n;
			continue;
		}
		if (line.len == 0) {
			/* A word wider than a line: as much as fits, the rest on the next line. */
			size_t k = word_prefix(p, n, width, font_size, bold);

			amm_buf_add(&line, p, k);
			p += k;
		}
		amm_strlist_take(lines, amm_buf_detach(&line, NULL));
	}
	if (line.len > 0)
		amm_strlist_take(lines, amm_buf_detach(&line, NULL));
	if (lines->len > keep) {
		/* Text is left over: the last line kept ends in "…", shortened until it fits. */
		char *last = lines->items[keep - 1];
		size_t len = strlen(last);

		while (lines->len > keep)
			free(lines->items[--lines->len]);
		while (len > 0 && (last[len - 1] == ' ' ||
		                   amm_svg_text_width(last, len, font_size, bold) +
		                           amm_svg_text_width("…", strlen("…"), font_size, bold) >
		                       width)) {
			do
				len--;
			while (len > 0 && ((unsigned char)last[len] & 0xc0) == 0x80);
		}
		lines->items[keep - 1] = amm_asprintf("%.*s…", (int)len, last);
		free(last);
	}
	amm_buf_free(&line);
	free(visible);
}

/* Lines of text centred on x from baseline y, line_height apart, escaped. */
static void
svg_lines(struct amm_buf *out, const struct amm_strlist *lines, size_t from, size_t to, int x,
          int y, int line_height)
{
	for (size_t i = from; i < to; i++) {
		amm_buf_addf(out, "<tspan x=\"%d\" y=\"%d\">", x,
		             y + (int)(i - from) * line_height);
		amm_html_escape(out, lines->items[i], SIZE_MAX, " ");
		amm_buf_adds(out, "</tspan>");
	}
}

char *
amm_svg_spin(const struct amm_casus *c)
{
	/* Nine positions on an ellipse around the middle, clockwise from the top. */
	static const int pos[AMM_SPIN_FIELDS][2] = {
	    {460, 78},  {675, 139}, {790, 294}, {750, 471}, {575, 586},
	    {345, 586}, {170, 471}, {130, 294}, {245, 139},
	};
	/* A field's box, and the width its text may take inside it. */
	enum { VELD = 210, VELD_TEKST = VELD - 16 };
	struct amm_buf out = {0}, spokes = {0}, fields = {0};
	int x0 = 460 - 110, y0 = 340 - 55, x1 = 460 + 110, y1 = 340 + 55;

	for (int i = 0; i < AMM_SPIN_FIELDS; i++) {
		const char *v = amm_ini_str(c->ini[AMM_DEEL_SPIN], "spin", amm_spin_velden[i].key);
		bool filled = *v != '\0';
		struct amm_strlist label = {0};
		size_t nt;
		int x = pos[i][0], y, h;

		amm_svg_wrap(&label, amm_spin_velden[i].label, VELD_TEKST, 14, true, 2);
		nt = label.len;
		amm_svg_wrap(&label, filled ? v : "(leeg)", VELD_TEKST, 12, false, 3);
		h = 18 + (int)nt * 17 + (int)(label.len - nt) * 15;
		y = pos[i][1] - h / 2;
		x0 = x - VELD / 2 < x0 ? x - VELD / 2 : x0;
		x1 = x + VELD / 2 > x1 ? x + VELD / 2 : x1;
		y0 = y < y0 ? y : y0;
		y1 = y + h > y1 ? y + h : y1;
		amm_buf_addf(&spokes,
		             "<line x1=\"460\" y1=\"340\" x2=\"%d\" y2=\"%d\" stroke=\"#8a8a8a\" "
		             "stroke-width=\"2\"/>\n",
		             x, pos[i][1]);
		amm_buf_addf(&fields,
		             "<g class=\"veld %s\" data-veld=\"%s\">\n"
		             "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"10\" "
		             "fill=\"%s\" stroke=\"%s\" stroke-width=\"2\"%s/>\n"
		             "<text text-anchor=\"middle\" font-size=\"14\" font-weight=\"bold\" "
		             "fill=\"#1a1a1a\">",
		             filled ? "gevuld" : "leeg", amm_spin_velden[i].key, x - VELD / 2, y,
		             VELD, h, filled ? "#dbeefa" : "#ffffff",
		             filled ? "#004699" : "#9a9a9a",
		             filled ? "" : " stroke-dasharray=\"6 4\"");
		svg_lines(&fields, &label, 0, nt, x, y + 21, 17);
		amm_buf_addf(&fields,
		             "</text>\n<text text-anchor=\"middle\" font-size=\"12\" fill=\"%s\">",
		             filled ? "#1a1a1a" : "#767676");
		svg_lines(&fields, &label, nt, label.len, x, y + 8 + (int)nt * 17 + 15, 15);
		amm_buf_adds(&fields, "</text>\n</g>\n");
		amm_strlist_free(&label);
	}
	/* Room for every field as drawn, and a margin for the strokes. */
	x0 -= 10, y0 -= 10, x1 += 10, y1 += 10;
	amm_buf_addf(&out,
	             "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"%d %d %d %d\" "
	             "width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"De spin\" "
	             "font-family=\"sans-serif\">\n"
	             "<title>De spin: feitelijke situatieschets</title>\n",
	             x0, y0, x1 - x0, y1 - y0, x1 - x0, y1 - y0);
	amm_buf_add(&out, spokes.data, spokes.len);
	amm_buf_adds(&out,
	             "<ellipse cx=\"460\" cy=\"340\" rx=\"110\" ry=\"55\" fill=\"#ec0000\"/>\n"
	             "<text x=\"460\" y=\"346\" text-anchor=\"middle\" font-size=\"18\" "
	             "font-weight=\"bold\" fill=\"#ffffff\">De Amsterdammer</text>\n");
	amm_buf_add(&out, fields.data, fields.len);
	amm_buf_adds(&out, "</svg>\n");
	amm_buf_free(&spokes);
	amm_buf_free(&fields);
	return amm_buf_detach(&out, NULL);
}

char *
amm_svg_waardendriehoek(const struct amm_casus *c, const char *sec)
{
	/* Legitimiteit at the top, betrokkenheid bottom left, rendement bottom right. */
	static const int corner[3][2] = {{300, 120}, {90, 400}, {510, 400}};
	static const int label[3][2] = {{300, 50}, {90, 440}, {510, 440}};
	/* Room for the text under each corner: wide at the top, two lines; three at the bottom. */
	static const int room[3][2] = {{300, 2}, {170, 3}, {170, 3}};
	const struct amm_ini *ini = c->ini[AMM_DEEL_UITZONDERINGEN];
	struct amm_buf out = {0};

	amm_buf_adds(&out,
	             "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 600 500\" "
	             "width=\"600\" height=\"500\" role=\"img\" aria-label=\"Waardendriehoek\" "
	             "font-family=\"sans-serif\">\n<title>Waardendriehoek</title>\n"
	             "<polygon points=\"300,120 90,400 510,400\" fill=\"#f4f4f4\" "
	             "stroke=\"#004699\" stroke-width=\"3\"/>\n");
	for (int i = 0; i < 3; i++) {
		const char *v = amm_ini_str(ini, sec, amm_waarden[i]);
		bool filled = *v != '\0';
		struct amm_strlist lines = {0};

		amm_buf_addf(&out,
		             "<g class=\"hoek %s\" data-waarde=\"%s\">\n<circle cx=\"%d\" "
		             "cy=\"%d\" r=\"22\" fill=\"%s\" stroke=\"#004699\" "
		             "stroke-width=\"3\"/>\n<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" "
		             "font-size=\"18\" font-weight=\"bold\">%s</text>\n<text "
		             "text-anchor=\"middle\" font-size=\"12\" fill=\"#333333\">",
		             filled ? "gevuld" : "leeg", amm_waarden[i], corner[i][0], corner[i][1],
		             filled ? "#004699" : "#ffffff", label[i][0], label[i][1],
		             i == 0 ? "Legitimiteit" : (i == 1 ? "Betrokkenheid" : "Rendement"));
		amm_svg_wrap(&lines, filled ? v : "(nog niet onderbouwd)", room[i][0], 12, false,
		             (size_t)room[i][1]);
		svg_lines(&out, &lines, 0, lines.len, label[i][0], label[i][1] + 20, 15);
		amm_buf_adds(&out, "</text>\n</g>\n");
		amm_strlist_free(&lines);
	}
	amm_buf_adds(&out, "<text x=\"300\" y=\"270\" text-anchor=\"middle\" font-size=\"14\">");
	amm_html_escape(&out, sec, 40, " ");
	amm_buf_adds(&out, "</text>\n</svg>\n");
	return amm_buf_detach(&out, NULL);
}
