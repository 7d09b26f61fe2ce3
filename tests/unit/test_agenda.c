/* The agenda and its iCalendar writer: which items, UIDs, status, folding and escaping. */
#include "helpers.h"

#include <stdlib.h>
#include <string.h>

#include "agenda.h"

static const char *const example[AMM_DEEL_COUNT] = {
    [AMM_DEEL_CASUS] = "[casus]\nid = 2026-001\nalias = Fam. J.\\nK; L, M\\\\ ëëëëëëëëëëëëëëëëëëëë"
                       "ëëëëëëëëëëëëëëëëëëëëëëëëëëëëëëë\nstatus = open\n"
                       "volgende-evaluatie = 2026-12-22\n",
    [AMM_DEEL_STAPPEN] = "[stap 1]\ntekst = Schuldhulp\nstatus = open\n[afspraak 1]\nstap = 1\n"
                         "wie = Fatima\nwat = belt, de bank\\nen de corporatie\nwanneer = "
                         "2026-12-15\nstatus = open\n[afspraak 2]\nstap = 1\nwie = Sanne\n"
                         "wat = klaar al\nwanneer = 2026-11-20\nstatus = klaar\n",
};

/* The content lines of a calendar unfolded, checking every physical line on the way: CRLF,
 * at most 75 octets, no UTF-8 character split over two. */
static char *
unfold(const char *ics)
{
	struct amm_buf out = {0};
	const char *s = ics;

	while (*s != '\0') {
		const char *end = strstr(s, "\r\n");
		size_t len;

		assert_non_null(end);
		len = (size_t)(end - s);
		assert_true(len <= 75);
		if (*s == ' ') {
			assert_true(out.len > 0);
			out.len--; /* the newline of the line it continues */
			s++;
			len--;
			/* A continuation never starts inside a UTF-8 character. */
			assert_false(len > 0 && ((unsigned char)*s & 0xc0) == 0x80);
		}
		amm_buf_add(&out, s, len);
		amm_buf_addc(&out, '\n');
		s = end + 2;
	}
	return amm_buf_detach(&out, NULL);
}

/* amm_agenda_add for a casus: through its model, which the items do not need afterwards. */
static void
agenda_add_casus(struct amm_agenda *a, const struct amm_casus *c, bool all, int sequence,
                 long long stamp)
{
	struct amm_model *m = amm_model_build(c);

	amm_agenda_add(a, m, all, sequence, stamp);
	amm_model_free(m);
}

static void
test_items(void **state)
{
	struct amm_casus *c = th_casus(example);
	struct amm_model *m = amm_model_build(c);
	struct amm_agenda a = {0};

	(void)state;
	amm_agenda_add(&a, m, false, 3, 0);
	assert_int_equal(a.len, 2); /* the open agreement and the evaluation */
	amm_agenda_free(&a);
	amm_agenda_add(&a, m, true, 3, 0);
	amm_agenda_sort(&a);
	assert_int_equal(a.len, 3);
	assert_int_equal(a.items[0].nr, 2);
	assert_true(a.items[0].klaar);
	assert_false(a.items[1].klaar || a.items[1].vervallen);
	assert_true(a.items[2].evaluatie);
	amm_agenda_free(&a);
	amm_model_free(m);
	amm_casus_free(c);
}

static void
test_ics(void **state)
{
	struct amm_casus *c = th_casus(example);
	struct amm_model *m = amm_model_build(c);
	struct amm_agenda a = {0};
	char *ics, *lines;

	(void)state;
	/* 2026-11-18 11:06:40 UTC */
	amm_agenda_add(&a, m, true, 7, 1795000000);
	amm_agenda_sort(&a);
	ics = amm_agenda_ics(&a, "0123456789abcdef0123456789abcdef", false);
	lines = unfold(ics);
	assert_non_null(strstr(lines,
	                       "BEGIN:VEVENT\n"
	                       "UID:afspraak-2026-001-2@0123456789abcdef0123456789abcdef.amm\n"
	                       "DTSTAMP:20261118T110640Z\n"
	                       "DTSTART;VALUE=DATE:20261120\n"
	                       "DTEND;VALUE=DATE:20261121\n"
	                       "SEQUENCE:7\n"
	                       "STATUS:CANCELLED\n"
	                       "TRANSP:TRANSPARENT\n"
	                       "SUMMARY:Afspraak 2 van 2026-001 (Fam. J. K\\; L\\, M\\\\ "));
	assert_non_null(strstr(lines, "ëëë): stap 1 (klaar)\nEND:VEVENT\n"));
	assert_non_null(strstr(lines,
	                       "UID:afspraak-2026-001-1@0123456789abcdef0123456789abcdef.amm\n"
	                       "DTSTAMP:20261118T110640Z\n"
	                       "DTSTART;VALUE=DATE:20261215\n"
	                       "DTEND;VALUE=DATE:20261216\n"
	                       "SEQUENCE:7\n"
	                       "STATUS:CONFIRMED\n"));
	assert_non_null(
	    strstr(lines, "UID:evaluatie-2026-001@0123456789abcdef0123456789abcdef.amm\n"));
	/* Without details, no wie or wat. */
	assert_null(strstr(lines, "DESCRIPTION"));
	assert_null(strstr(lines, "Fatima"));
	free(lines);
	free(ics);

	ics = amm_agenda_ics(&a, "0123456789abcdef0123456789abcdef", true);
	lines = unfold(ics);
	assert_non_null(
	    strstr(lines, "DESCRIPTION:Wie: Fatima\\nWat: belt\\, de bank\\nen de corporatie\n"));
	free(lines);
	free(ics);
	amm_agenda_free(&a);
	amm_model_free(m);
	amm_casus_free(c);
}

/* An agreement whose date does not exist is not on the agenda as if it were valid. */
static void
test_invalid_date(void **state)
{
	const char *texts[AMM_DEEL_COUNT] = {0};
	struct amm_agenda a = {0};
	struct amm_casus *c;
	struct amm_model *m;

	(void)state;
	memcpy(texts, example, sizeof(texts));
	texts[AMM_DEEL_STAPPEN] = "[stap 1]\n[afspraak 1]\nstap = 1\nwie = a\nwat = b\n"
	                          "wanneer = 2026-02-30\n[afspraak 2]\nstap = 1\nwie = a\n"
	                          "wat = c\nwanneer = 2026-12-01\n";
	texts[AMM_DEEL_CASUS] = "[casus]\nstatus = open\nvolgende-evaluatie = 2026-13-01\n";
	c = th_casus(texts);
	m = amm_model_build(c);
	amm_agenda_add(&a, m, true, 1, 0);
	assert_int_equal(a.len, 1);
	assert_int_equal(a.items[0].nr, 2);
	amm_agenda_free(&a);
	amm_model_free(m);
	amm_casus_free(c);
}

static void
test_closed(void **state)
{
	const char *texts[AMM_DEEL_COUNT] = {0};
	struct amm_agenda a = {0};
	struct amm_casus *c;
	struct amm_model *m;
	char *ics;

	(void)state;
	memcpy(texts, example, sizeof(texts));
	texts[AMM_DEEL_CASUS] = "[casus]\nid = 2026-001\nalias =\nstatus = afgesloten\n"
	                        "volgende-evaluatie = 2026-12-22\n";
	c = th_casus(texts);
	m = amm_model_build(c);
	amm_agenda_add(&a, m, false, 1, 0);
	assert_int_equal(a.len, 0);
	amm_agenda_add(&a, m, true, 1, 0);
	amm_agenda_sort(&a);
	ics = amm_agenda_ics(&a, "x", false);
	/* Everything of a closed casus is cancelled; what was done stays klaar. */
	assert_non_null(strstr(ics, "SUMMARY:Afspraak 2 van 2026-001: stap 1 (klaar)\r\n"));
	assert_non_null(strstr(ics, "SUMMARY:Afspraak 1 van 2026-001: stap 1 (vervallen)\r\n"));
	assert_non_null(strstr(ics, "SUMMARY:Evaluatie 2026-001 (vervallen)\r\n"));
	assert_null(strstr(ics, "CONFIRMED"));
	assert_non_null(strstr(ics, "DTSTAMP:19700101T000000Z\r\n"));
	free(ics);
	amm_agenda_free(&a);
	amm_model_free(m);
	amm_casus_free(c);

	/* An empty agenda: a calendar without events. */
	ics = amm_agenda_ics(&a, "x", false);
	assert_string_equal(ics, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
	                         "PRODID:-//amm//Amsterdamse Maatwerk Methode//NL\r\n"
	                         "CALSCALE:GREGORIAN\r\nEND:VCALENDAR\r\n");
	free(ics);
}

/* A casus of these texts with another id than th_casus gives. */
static struct amm_casus *
casus_with_id(const char *const texts[AMM_DEEL_COUNT], const char *id)
{
	struct amm_casus *c = th_casus(texts);

	free(c->id);
	c->id = amm_xstrdup(id);
	return c;
}

/* Items on one day are ordered by casus, then by number, whatever the order they came in. */
static void
test_sort_ties(void **state)
{
	static const char *const texts[AMM_DEEL_COUNT] = {
	    [AMM_DEEL_CASUS] = "[casus]\nid = x\nstatus = open\nvolgende-evaluatie = 2026-12-01\n",
	    [AMM_DEEL_STAPPEN] = "[afspraak 3]\nwanneer = 2026-12-01\n[afspraak 1]\nwanneer = "
	                         "2026-12-01\n[afspraak 2]\nwanneer = 2026-11-30\n",
	};
	static const struct {
		const char *casus;
		int nr;
	} want[] = {{"2026-001", 2}, {"2026-010", 2}, {"2026-001", 0}, {"2026-001", 1},
	            {"2026-001", 3}, {"2026-010", 0}, {"2026-010", 1}, {"2026-010", 3}};
	struct amm_casus *b = casus_with_id(texts, "2026-010"),
	                 *a = casus_with_id(texts, "2026-001");
	struct amm_agenda ag = {0};

	(void)state;
	agenda_add_casus(&ag, b, false, 1, 0);
	agenda_add_casus(&ag, a, false, 1, 0);
	amm_agenda_sort(&ag);
	assert_int_equal(ag.len, sizeof(want) / sizeof(want[0]));
	for (size_t i = 0; i < ag.len; i++) {
		assert_string_equal(ag.items[i].casus, want[i].casus);
		assert_int_equal(ag.items[i].nr, want[i].nr);
		assert_int_equal(ag.items[i].evaluatie, want[i].nr == 0);
	}
	amm_agenda_free(&ag);
	/* Sorting nothing, or one item, is harmless; freeing twice too. */
	amm_agenda_sort(&ag);
	amm_agenda_free(&ag);
	assert_null(ag.items);
	amm_casus_free(a);
	amm_casus_free(b);
}

/* Only dates as amm stores them make an item: no typed form, no impossible day, no empty one. */
static void
test_dates_not_stored(void **state)
{
	static const char *const texts[AMM_DEEL_COUNT] = {
	    [AMM_DEEL_CASUS] = "[casus]\nid = 2026-001\nstatus = open\nvolgende-evaluatie = +7\n",
	    [AMM_DEEL_STAPPEN] =
	        "[afspraak 1]\nwanneer =\n[afspraak 2]\nwanneer = morgen\n[afspraak 3]\nwanneer = "
	        "2026-02-29\n[afspraak 4]\nwanneer = 2026-1-5\n[afspraak 5]\nwanneer = 2026-12-01 "
	        "10:00\n[afspraak 6]\nstatus = open\n[afspraak 7]\nwanneer = 2028-02-29\n",
	};
	struct amm_casus *c = th_casus(texts);
	struct amm_agenda a = {0};

	(void)state;
	agenda_add_casus(&a, c, true, 1, 0);
	assert_int_equal(a.len, 1);
	assert_int_equal(a.items[0].nr, 7);
	assert_int_equal(a.items[0].date.d, 29);
	amm_agenda_free(&a);
	amm_casus_free(c);

	/* A casus without steps or evaluation has nothing due. */
	c = th_casus((const char *const[AMM_DEEL_COUNT]){
	    [AMM_DEEL_CASUS] = "[casus]\nid = 2026-001\nstatus = open\n"});
	agenda_add_casus(&a, c, true, 1, 0);
	assert_int_equal(a.len, 0);
	amm_casus_free(c);
}

/* The alias makes the SUMMARY line exactly 75 octets, or one more; a 2-octet character at the
 * end stays whole. */
static void
test_fold_boundaries(void **state)
{
	static const struct {
		const char *alias, *want;
	} cases[] = {
	    /* "SUMMARY:Evaluatie 2026-001 (" is 28 octets, ")" one more. */
	    {"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	     "(aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa)\r\n"},
	    {"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	     "(aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n )\r\n"},
	    {"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaë",
	     "(aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaë\r\n )\r\n"},
	    {"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaë",
	     "(aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\r\n ë)\r\n"},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *casus = amm_asprintf("[casus]\nid = 2026-001\nalias = %s\nstatus = open\n"
		                           "volgende-evaluatie = 2026-12-01\n",
		                           cases[i].alias);
		struct amm_casus *c =
		    th_casus((const char *const[AMM_DEEL_COUNT]){[AMM_DEEL_CASUS] = casus});
		struct amm_agenda a = {0};
		char *ics, *lines;

		agenda_add_casus(&a, c, false, 1, 0);
		ics = amm_agenda_ics(&a, "x", false);
		if (strstr(ics, cases[i].want) == NULL)
			fail_msg("alias of %zu octets:\n%s", strlen(cases[i].alias), ics);
		lines = unfold(ics);
		free(lines);
		free(ics);
		amm_agenda_free(&a);
		amm_casus_free(c);
		free(casus);
	}
}

static size_t
count(const char *text, const char *what)
{
	size_t n = 0;

	for (const char *p = text; (p = strstr(p, what)) != NULL; p++)
		n++;
	return n;
}

/* Text from a casus or the repository id cannot add a property or an event to the calendar. */
static void
test_hostile_text(void **state)
{
	static const char *const texts[AMM_DEEL_COUNT] = {
	    [AMM_DEEL_CASUS] = "[casus]\nid = 2026-001\nalias = J.\\nEND:VEVENT\\r\\nBEGIN:VEVENT\n"
	                       "status = open\n",
	    [AMM_DEEL_STAPPEN] = "[afspraak 1]\nstap = 1\nwie = \x1b[31mFatima\\rATTENDEE:x\nwat = "
	                         "belt;\tde bank\\nURL:https://example.org\nwanneer = 2026-12-01\n",
	};
	struct amm_casus *c = th_casus(texts);
	struct amm_agenda a = {0};
	char *ics, *lines;

	(void)state;
	agenda_add_casus(&a, c, false, 1, 0);
	ics = amm_agenda_ics(&a, "id\r\nBEGIN:VEVENT", true);
	lines = unfold(ics);
	assert_non_null(strstr(lines, "UID:afspraak-2026-001-1@id<U+000D> BEGIN:VEVENT.amm\n"));
	assert_non_null(
	    strstr(lines, "SUMMARY:Afspraak 1 van 2026-001 (J. END:VEVENT<U+000D> BEGIN:VEVENT): "
	                  "stap 1\n"));
	assert_non_null(strstr(lines, "DESCRIPTION:Wie: <U+001B>[31mFatima<U+000D>ATTENDEE:x\\n"
	                              "Wat: belt\\; de bank\\nURL:https://example.org\n"));
	/* One event: BEGIN and END start a content line only where amm put them. */
	assert_int_equal(count(lines, "\nBEGIN:"), 1);
	assert_int_equal(count(lines, "\nEND:"), 2);
	assert_null(strstr(lines, "\nATTENDEE"));
	assert_null(strstr(lines, "\nURL"));
	free(lines);
	free(ics);
	amm_agenda_free(&a);
	amm_casus_free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_items),           cmocka_unit_test(test_ics),
	    cmocka_unit_test(test_closed),          cmocka_unit_test(test_invalid_date),
	    cmocka_unit_test(test_sort_ties),       cmocka_unit_test(test_dates_not_stored),
	    cmocka_unit_test(test_fold_boundaries), cmocka_unit_test(test_hostile_text),
	};

	th_env();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
