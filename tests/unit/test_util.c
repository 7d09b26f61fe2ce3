/* Small helpers: UTF-8, and text made safe to show on a terminal, a page or in JSON. */
#include "helpers.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

struct visible_case {
	const char *what;
	const char *in;
	size_t len; /* 0: strlen(in) */
	const char *text;
	const char *json;
};

static const struct visible_case visible_cases[] = {
    {"Dutch text", "Financiën: één café, reünie", 0, "Financiën: één café, reünie",
     "Financiën: één café, reünie"},
    {"newline and tab", "regel 1\n\tregel 2", 0, "regel 1\n\tregel 2", "regel 1\n\tregel 2"},
    {"empty", "", 0, "", ""},
    {"ESC of a colour", "rood\x1b[31m!", 0, "rood<U+001B>[31m!", "rood\\u001B[31m!"},
    {"OSC 8 hyperlink", "\x1b]8;;https://x\x07link\x1b]8;;\x07", 0,
     "<U+001B>]8;;https://x<U+0007>link<U+001B>]8;;<U+0007>",
     "\\u001B]8;;https://x\\u0007link\\u001B]8;;\\u0007"},
    {"BEL", "bel\a", 0, "bel<U+0007>", "bel\\u0007"},
    {"CR overwrites a line", "goed\rfout", 0, "goed<U+000D>fout", "goed\\u000Dfout"},
    {"backspace and form feed", "a\bb\fc", 0, "a<U+0008>b<U+000C>c", "a\\u0008b\\u000Cc"},
    {"NUL", "a\0b", 3, "a<U+0000>b", "a\\u0000b"},
    {"DEL", "a\x7f", 0, "a<U+007F>", "a\\u007F"},
    {"C1 CSI as UTF-8",
     "\xc2\x9b"
     "2J",
     0, "<U+009B>2J", "\\u009B2J"},
    {"C1 first and last", "\xc2\x80\xc2\x9f\xc2\xa0", 0, "<U+0080><U+009F>\xc2\xa0",
     "\\u0080\\u009F\xc2\xa0"},
    {"right-to-left override", "rlo\xe2\x80\xaetxt.exe", 0, "rlo<U+202E>txt.exe",
     "rlo\\u202Etxt.exe"},
    {"bidi embeddings", "\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xac\xe2\x80\xad", 0,
     "<U+202A><U+202B><U+202C><U+202D>", "\\u202A\\u202B\\u202C\\u202D"},
    {"bidi isolates", "\xe2\x81\xa6\xe2\x81\xa7\xe2\x81\xa8\xe2\x81\xa9", 0,
     "<U+2066><U+2067><U+2068><U+2069>", "\\u2066\\u2067\\u2068\\u2069"},
    {"bidi marks", "\xe2\x80\x8e\xe2\x80\x8f\xd8\x9c", 0, "<U+200E><U+200F><U+061C>",
     "\\u200E\\u200F\\u061C"},
    {"neighbours of bidi stay", "\xe2\x80\x8d\xe2\x80\xaf\xe2\x81\xa5\xe2\x81\xaa", 0,
     "\xe2\x80\x8d\xe2\x80\xaf\xe2\x81\xa5\xe2\x81\xaa",
     "\xe2\x80\x8d\xe2\x80\xaf\xe2\x81\xa5\xe2\x81\xaa"},
    {"C1 as one raw byte",
     "a\x9b"
     "2J",
     0, "a<0x9B>2J", "a\\uFFFD2J"},
    {"invalid bytes", "\xff\xfe", 0, "<0xFF><0xFE>", "\\uFFFD\\uFFFD"},
    {"cut UTF-8 at the end", "caf\xc3", 0, "caf<0xC3>", "caf\\uFFFD"},
    {"overlong slash", "\xc0\xaf", 0, "<0xC0><0xAF>", "\\uFFFD\\uFFFD"},
    {"surrogate", "\xed\xa0\x80", 0, "<0xED><0xA0><0x80>", "\\uFFFD\\uFFFD\\uFFFD"},
    {"past U+10FFFF", "\xf4\x90\x80\x80", 0, "<0xF4><0x90><0x80><0x80>",
     "\\uFFFD\\uFFFD\\uFFFD\\uFFFD"},
    {"emoji stays", "\xf0\x9f\x8f\xa0 thuis", 0, "\xf0\x9f\x8f\xa0 thuis",
     "\xf0\x9f\x8f\xa0 thuis"},
};

static void
test_visible(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(visible_cases) / sizeof(visible_cases[0]); i++) {
		const struct visible_case *t = &visible_cases[i];
		size_t len = t->len ? t->len : strlen(t->in);
		struct amm_buf text = {0}, json = {0};

		amm_buf_add_visible(&text, t->in, len, AMM_NOTATION_TEXT);
		amm_buf_add_visible(&json, t->in, len, AMM_NOTATION_JSON);
		if (strcmp(text.data ? text.data : "", t->text) != 0)
			fail_msg("%s: text '%s', expected '%s'", t->what, text.data, t->text);
		if (strcmp(json.data ? json.data : "", t->json) != 0)
			fail_msg("%s: json '%s', expected '%s'", t->what, json.data, t->json);
		/* What is shown once is shown the same way again. */
		if (len == strlen(t->in)) {
			char *again = amm_str_visible(t->text);

			assert_string_equal(again, t->text);
			free(again);
		}
		amm_buf_free(&text);
		amm_buf_free(&json);
	}
}

static void
test_char_control(void **state)
{
	static const unsigned long controls[] = {0x00,   0x07,   0x08,   0x0d,   0x1b,   0x1f,
	                                         0x7f,   0x80,   0x9b,   0x9f,   0x061c, 0x200e,
	                                         0x200f, 0x202a, 0x202e, 0x2066, 0x2069};
	static const unsigned long shown[] = {'\n',   '\t',   ' ',    'a',    '~',
	                                      0xa0,   0xe9,   0xeb,   0x200d, 0x2029,
	                                      0x202f, 0x2065, 0x206a, 0x1f3e0};

	(void)state;
	for (size_t i = 0; i < sizeof(controls) / sizeof(controls[0]); i++)
		if (!amm_char_control(controls[i]))
			fail_msg("U+%04lX is a control character", controls[i]);
	for (size_t i = 0; i < sizeof(shown) / sizeof(shown[0]); i++)
		if (amm_char_control(shown[i]))
			fail_msg("U+%04lX is not a control character", shown[i]);
}

static void
test_utf8_char(void **state)
{
	unsigned long cp;

	(void)state;
	assert_int_equal(amm_utf8_char("a", 1, &cp), 1);
	assert_int_equal(cp, 'a');
	assert_int_equal(amm_utf8_char("\xc3\xab", 2, &cp), 2);
	assert_int_equal(cp, 0xeb);
	assert_int_equal(amm_utf8_char("\xe2\x80\xae", 3, &cp), 3);
	assert_int_equal(cp, 0x202e);
	assert_int_equal(amm_utf8_char("\xf0\x9f\x8f\xa0", 4, &cp), 4);
	assert_int_equal(cp, 0x1f3e0);
	/* Within len only: a character cut off by the end is not one. */
	assert_int_equal(amm_utf8_char("\xe2\x80\xae", 2, &cp), 0);
	assert_int_equal(amm_utf8_char("", 0, &cp), 0);
	assert_int_equal(amm_utf8_char("\x80", 1, &cp), 0);
	assert_true(amm_utf8_valid("één", strlen("één")));
	assert_false(amm_utf8_valid("a\0b", 3));
	assert_false(amm_utf8_valid("\xc3", 1));
}

/* What is shown visibly is what a typed text may not hold. */
static void
test_text_check_refuses_controls(void **state)
{
	static const char *const refused[] = {"esc \x1b[31m",
	                                      "bel \a",
	                                      "cr\r",
	                                      "del \x7f",
	                                      "csi \xc2\x9b",
	                                      "rlo \xe2\x80\xae",
	                                      "isolaat \xe2\x81\xa6",
	                                      "rlm \xe2\x80\x8f"};

	(void)state;
	for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++)
		assert_err(amm_text_check("t", refused[i], strlen(refused[i])), AMM_EXIT_INPUT);
	assert_ok(amm_text_check("t", "Financiën\tréünie\nnog een",
	                         strlen("Financiën\tréünie\nnog een")));
}

/* Allocation of zero bytes still gives memory; copies are NUL-terminated, also of a part. */
static void
test_alloc_and_copy(void **state)
{
	char *p = amm_xmalloc(0), *q;
	int *z = amm_xcalloc(4, sizeof(int));

	(void)state;
	assert_non_null(p);
	p = amm_xrealloc(p, 0);
	assert_non_null(p);
	free(p);
	for (int i = 0; i < 4; i++)
		assert_int_equal(z[i], 0);
	free(z);
	free(amm_xcalloc(0, 0));
	p = amm_xstrdup("");
	assert_string_equal(p, "");
	free(p);
	p = amm_xstrndup("financien", 3);
	assert_string_equal(p, "fin");
	free(p);
	/* Exactly n bytes, a NUL byte among them included. */
	q = amm_xstrndup("a\0b", 3);
	assert_memory_equal(q, "a\0b", 4);
	free(q);
}

static void
test_asprintf(void **state)
{
	char big[5000];
	char *p;

	(void)state;
	p = amm_asprintf("%s-%03d", "2026", 7);
	assert_string_equal(p, "2026-007");
	free(p);
	p = amm_asprintf("%s", "");
	assert_string_equal(p, "");
	free(p);
	/* Longer than any first guess at the size. */
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	p = amm_asprintf("[%s]", big);
	assert_int_equal(strlen(p), sizeof(big) + 1);
	assert_int_equal(p[sizeof(big)], ']');
	free(p);
}

/* The buffer grows over its first size, keeps NUL bytes and is always terminated. */
static void
test_buf(void **state)
{
	struct amm_buf b = {0};
	size_t len;
	char *s;

	(void)state;
	amm_buf_add(&b, "", 0);
	assert_int_equal(b.len, 0);
	assert_string_equal(b.data, "");
	amm_buf_add(&b, "a\0b", 3);
	amm_buf_addc(&b, '!');
	amm_buf_adds(&b, "");
	assert_int_equal(b.len, 4);
	assert_memory_equal(b.data, "a\0b!", 5);
	for (int i = 0; i < 1000; i++)
		amm_buf_addf(&b, "%d,", i % 10);
	assert_int_equal(b.len, 4 + 2000);
	assert_int_equal(b.data[b.len], '\0');
	assert_true(b.cap > b.len);
	assert_memory_equal(b.data + b.len - 4, "8,9,", 4);
	s = amm_buf_detach(&b, &len);
	assert_int_equal(len, 2004);
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.cap, 0);
	free(s);
	/* An empty buffer detaches as "", never NULL; freeing twice is harmless. */
	s = amm_buf_detach(&b, NULL);
	assert_string_equal(s, "");
	free(s);
	amm_buf_adds(&b, "weg");
	amm_buf_free(&b);
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	amm_buf_free(&b);
	amm_buf_adds(&b, "weer");
	assert_string_equal(b.data, "weer");
	amm_buf_free(&b);
}

static void
test_strlist(void **state)
{
	static const char *const words[] = {"stappen",     "spin", "",    "Spin",
	                                    "perspectief", "spin", "één", "z"};
	struct amm_strlist list = {0};
	char buf[16];

	(void)state;
	assert_false(amm_strlist_has(&list, ""));
	amm_strlist_sort(&list);
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		amm_strlist_add(&list, words[i]);
	/* add copies the text; take takes it over. */
	strcpy(buf, "team");
	amm_strlist_add(&list, buf);
	strcpy(buf, "xxxx");
	amm_strlist_take(&list, amm_xstrdup("analyse"));
	assert_int_equal(list.len, 10);
	assert_true(amm_strlist_has(&list, "team"));
	assert_false(amm_strlist_has(&list, "xxxx"));
	assert_true(amm_strlist_has(&list, ""));
	assert_false(amm_strlist_has(&list, "SPIN"));
	assert_false(amm_strlist_has(&list, "spi"));
	/* Sorted by bytes: capitals first, UTF-8 after ASCII, duplicates kept. */
	amm_strlist_sort(&list);
	{
		static const char *const sorted[] = {"",     "Spin", "analyse", "perspectief",
		                                     "spin", "spin", "stappen", "team",
		                                     "z",    "één"};

		for (size_t i = 0; i < list.len; i++)
			assert_string_equal(list.items[i], sorted[i]);
	}
	amm_strlist_free(&list);
	assert_null(list.items);
	assert_int_equal(list.len, 0);
	amm_strlist_free(&list);
	amm_strlist_add(&list, "weer");
	assert_int_equal(list.len, 1);
	amm_strlist_free(&list);
}

static void
test_starts_and_trim(void **state)
{
	static const char *const trims[][2] = {
	    {"  Flat in Noord \t", "Flat in Noord"},
	    {"\r\n\tregel 1\nregel 2\r\n", "regel 1\nregel 2"},
	    {"", ""},
	    {" \t\r\n ", ""},
	    {"x", "x"},
	    /* Only those four: a no-break space or a vertical tab is content. */
	    {"\xc2\xa0x\v", "\xc2\xa0x\v"},
	};

	(void)state;
	assert_true(amm_str_starts("casussen/2026", "casussen/"));
	assert_true(amm_str_starts("casussen", "casussen"));
	assert_true(amm_str_starts("", ""));
	assert_true(amm_str_starts("x", ""));
	assert_false(amm_str_starts("casus", "casussen"));
	assert_false(amm_str_starts("Casussen", "casussen"));
	assert_true(amm_str_digits("2026", 4));
	assert_true(amm_str_digits("2026-001", 4)); /* only the first n bytes count */
	assert_false(amm_str_digits("2026-001", 5));
	assert_false(amm_str_digits("", 0));
	assert_false(amm_str_digits("٣", strlen("٣"))); /* only ASCII digits */
	for (size_t i = 0; i < sizeof(trims) / sizeof(trims[0]); i++) {
		char *t = amm_str_trim(trims[i][0]);

		assert_string_equal(t, trims[i][1]);
		free(t);
	}
}

static void
test_str_distance(void **state)
{
	static const struct {
		const char *a, *b;
		size_t want;
	} cases[] = {
	    {"", "", 0},
	    {"", "abc", 3},
	    {"abc", "", 3},
	    {"perspectief", "perspectief", 0},
	    {"perspektief", "perspectief", 1}, /* replaced */
	    {"wanner", "wanneer", 1},          /* inserted */
	    {"wanneeer", "wanneer", 1},        /* deleted */
	    {"lijts", "lijst", 1},             /* swapped neighbours */
	    {"tsap", "stap", 1},
	    {"ca", "abc", 3}, /* optimal string alignment: no edit of a swapped pair */
	    {"kitten", "sitting", 3},
	    {"foo", "toon", 2},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t got = amm_str_distance(cases[i].a, cases[i].b);

		if (got != cases[i].want)
			fail_msg("distance '%s' '%s': %zu, expected %zu", cases[i].a, cases[i].b,
			         got, cases[i].want);
		assert_int_equal(amm_str_distance(cases[i].b, cases[i].a), got);
	}
}

/* A whole buffer, larger than a pipe holds at once, and a failure that says why. */
static void
test_write_all(void **state)
{
	size_t len = 256 * 1024;
	char *data = amm_xmalloc(len), *back = amm_xmalloc(len);
	char *dir = th_tmpdir(), *path = amm_asprintf("%s/f", dir);
	int fd = open(path, O_RDWR | O_CREAT | O_EXCL, 0600);

	(void)state;
	for (size_t i = 0; i < len; i++)
		data[i] = (char)(i * 7);
	assert_true(amm_write_all(fd, data, len));
	assert_int_equal(lseek(fd, 0, SEEK_SET), 0);
	assert_int_equal(read(fd, back, len), (ssize_t)len);
	assert_memory_equal(back, data, len);
	assert_true(amm_write_all(fd, data, 0));
	close(fd);
	fd = open(path, O_RDONLY);
	errno = 0;
	assert_false(amm_write_all(fd, data, 1));
	assert_int_equal(errno, EBADF);
	close(fd);
	errno = 0;
	assert_false(amm_write_all(-1, data, 1));
	assert_int_equal(errno, EBADF);
	th_rm_rf(dir);
	free(path);
	free(dir);
	free(data);
	free(back);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_visible),
	    cmocka_unit_test(test_str_distance),
	    cmocka_unit_test(test_char_control),
	    cmocka_unit_test(test_utf8_char),
	    cmocka_unit_test(test_text_check_refuses_controls),
	    cmocka_unit_test(test_alloc_and_copy),
	    cmocka_unit_test(test_asprintf),
	    cmocka_unit_test(test_buf),
	    cmocka_unit_test(test_strlist),
	    cmocka_unit_test(test_starts_and_trim),
	    cmocka_unit_test(test_write_all),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
