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

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_items),
	    cmocka_unit_test(test_ics),
	    cmocka_unit_test(test_closed),
	    cmocka_unit_test(test_invalid_date),
	};

	th_env();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
