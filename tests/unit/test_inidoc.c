/* Lossless INI documents: byte-identical round trips, one-line changes, values of any kind. */
#include "helpers.h"

#include <stdlib.h>
#include <string.h>

#include "inidoc.h"

static struct amm_ini *
parse_ok(const char *text)
{
	struct amm_ini *ini = NULL;

	assert_ok(amm_ini_parse(&ini, "t.ini", text, strlen(text)));
	return ini;
}

static void
assert_serializes_to(const struct amm_ini *ini, const char *want)
{
	size_t len;
	char *got = amm_ini_serialize(ini, &len);

	assert_string_equal(got, want);
	assert_int_equal(len, strlen(want));
	free(got);
}

static void
test_unchanged_is_identical(void **state)
{
	char *long_line = NULL;
	const char *docs[] = {
	    "",
	    "\n",
	    "a = 1",
	    "[s]\nk = v\n",
	    "# comment\n\n; other comment\n[casus]\nid = 2026-001\nonbekend = blijft\n\n\n",
	    "[s]\r\nk = v\r\n",
	    "\xef\xbb\xbf[s]\nk = v\n",
	    "[s]\nk = eerste\n  tweede regel\n\t derde\nl=x\n",
	    "[s]\nk=   veel spaties   \n  # ingesprongen commentaar\nm : dubbele punt\n",
	    "[s]\nwat = Schuld 9.500 ; huur 987 # geen commentaar\n",
	    "[ sectie met spaties ]\n  sleutel   =   waarde  \n",
	    NULL,
	};
	struct amm_buf buf = {0};

	(void)state;
	for (size_t i = 0; docs[i] != NULL; i++) {
		struct amm_ini *ini = parse_ok(docs[i]);

		assert_serializes_to(ini, docs[i]);
		amm_ini_free(ini);
	}
	/* A line far longer than inih's 200-byte buffer. */
	amm_buf_adds(&buf, "[spin]\nfinancien = ");
	for (int i = 0; i < 600; i++)
		amm_buf_adds(&buf, "schuld; ");
	amm_buf_adds(&buf, "\nwonen = huur\n");
	long_line = amm_buf_detach(&buf, NULL);
	{
		struct amm_ini *ini = parse_ok(long_line);

		assert_serializes_to(ini, long_line);
		assert_int_equal(strlen(amm_ini_get(ini, "spin", "financien")), 600 * 8 - 1);
		assert_string_equal(amm_ini_get(ini, "spin", "wonen"), "huur");
		amm_ini_free(ini);
	}
	free(long_line);
}

/* Count the lines that differ between two texts with the same number of lines. */
static int
lines_differing(const char *a, const char *b)
{
	int n = 0;

	while (*a != '\0' || *b != '\0') {
		size_t la = strcspn(a, "\n"), lb = strcspn(b, "\n");

		if (la != lb || strncmp(a, b, la) != 0)
			n++;
		a += la + (a[la] == '\n');
		b += lb + (b[lb] == '\n');
	}
	return n;
}

static void
test_set_changes_one_line(void **state)
{
	const char *text = "# De spin\n[spin]\n# Huishouden\nprofiel = alleenstaand\n"
	                   "financien =\n; met bedragen\neigen = sleutel van iemand\nwonen =\n";
	struct amm_ini *ini = parse_ok(text);
	char *out;

	(void)state;
	assert_ok(amm_ini_set(ini, "spin", "financien", "Schuld 9.500 euro; huur 987 per maand"));
	out = amm_ini_serialize(ini, NULL);
	assert_int_equal(lines_differing(text, out), 1);
	assert_non_null(strstr(out, "# Huishouden\n"));
	assert_non_null(strstr(out, "; met bedragen\n"));
	assert_non_null(strstr(out, "eigen = sleutel van iemand\n"));
	assert_non_null(strstr(out, "financien = Schuld 9.500 euro; huur 987 per maand\n"));
	free(out);
	amm_ini_free(ini);
}

static void
test_set_appends(void **state)
{
	struct amm_ini *ini = parse_ok("[a]\nx = 1\n# over b\n[b]\ny = 2\n");

	(void)state;
	assert_ok(amm_ini_set(ini, "a", "z", "3"));
	assert_ok(amm_ini_set(ini, "c", "w", "4"));
	assert_ok(amm_ini_set(ini, "stap 1", "tekst", "bellen"));
	assert_serializes_to(ini, "[a]\nx = 1\nz = 3\n# over b\n[b]\ny = 2\n\n[c]\nw = 4\n\n"
	                          "[stap 1]\ntekst = bellen\n");
	amm_ini_free(ini);

	ini = parse_ok("");
	assert_ok(amm_ini_set(ini, "s", "k", ""));
	assert_serializes_to(ini, "[s]\nk =\n");
	amm_ini_free(ini);

	/* Names amm would not write are refused. */
	ini = parse_ok("");
	assert_err(amm_ini_set(ini, "s", "k = x", "v"), AMM_EXIT_INPUT);
	assert_err(amm_ini_set(ini, "s]", "k", "v"), AMM_EXIT_INPUT);
	assert_err(amm_ini_set(ini, "s", "", "v"), AMM_EXIT_INPUT);
	amm_ini_free(ini);
}

static void
check_value_roundtrip(const char *value)
{
	struct amm_ini *ini = parse_ok("# kop\n[s]\nvoor = a\n");
	struct amm_ini *again = NULL;
	size_t len;
	char *text;

	assert_ok(amm_ini_set(ini, "s", "k", value));
	assert_ok(amm_ini_set(ini, "s", "na", "b"));
	text = amm_ini_serialize(ini, &len);
	assert_ok(amm_ini_parse(&again, "t.ini", text, len));
	assert_string_equal(amm_ini_get(again, "s", "k"), value);
	assert_string_equal(amm_ini_get(again, "s", "voor"), "a");
	assert_string_equal(amm_ini_get(again, "s", "na"), "b");
	/* One value is one line, whatever it holds: five lines in all. */
	{
		int lines = 0;

		for (const char *p = text; *p != '\0'; p++)
			lines += *p == '\n';
		assert_int_equal(lines, 5);
	}
	assert_serializes_to(again, text);
	free(text);
	amm_ini_free(again);
	amm_ini_free(ini);
}

static void
test_values_roundtrip(void **state)
{
	const char *values[] = {
	    "",
	    "Schuld 9.500 ; huur 987",
	    "#",
	    ";",
	    "=",
	    ":",
	    "# geen commentaar",
	    "; ook geen commentaar",
	    "  twee spaties ervoor",
	    "erna twee  ",
	    " ",
	    "\t",
	    "Financiën, één, ë ï ü — “aanhalingstekens”",
	    "regel een\nregel twee\n\nregel vier",
	    "\n",
	    "c:\\pad\\naar\\bestand \\n geen newline",
	    "\\",
	    "\\s \\x41",
	    "[geen sectie]",
	    "a = b",
	    "eind met backslash\\",
	    "\r\n",
	    NULL,
	};
	struct amm_buf big = {0};
	char *s;

	(void)state;
	for (size_t i = 0; values[i] != NULL; i++)
		check_value_roundtrip(values[i]);
	for (int i = 0; i < 5000; i++)
		amm_buf_addc(&big, (char)('a' + i % 26));
	s = amm_buf_detach(&big, NULL);
	check_value_roundtrip(s);
	free(s);
}

/* Random values from an alphabet rich in what an INI reader trips over. */
static void
test_values_fuzz(void **state)
{
	static const char *const alphabet[] = {"a",  "Z", "9", " ", "\t",   "\n",   "\\", ";",
	                                       "#",  "=", ":", "[", "]",    "\"",   "é",  "€",
	                                       "\r", "n", "s", "x", "\x01", "\x7f", "  ", "\\n"};
	const size_t nalpha = sizeof(alphabet) / sizeof(alphabet[0]);
	unsigned seed = 20261124;

	(void)state;
	for (int round = 0; round < 3000; round++) {
		struct amm_buf buf = {0};
		size_t len;
		char *v;

		seed = seed * 1103515245u + 12345u;
		len = (seed >> 16) % (round % 10 == 0 ? 700 : 40);
		for (size_t i = 0; i < len; i++) {
			seed = seed * 1103515245u + 12345u;
			amm_buf_adds(&buf, alphabet[(seed >> 16) % nalpha]);
		}
		v = amm_buf_detach(&buf, NULL);
		check_value_roundtrip(v);
		free(v);
	}
}

static void
test_continuation_lines(void **state)
{
	struct amm_ini *ini =
	    parse_ok("[s]\nk = eerste\n    tweede\n# tussendoor\n  derde\nm = x\n");

	(void)state;
	assert_string_equal(amm_ini_get(ini, "s", "k"), "eerste\ntweede\nderde");
	assert_ok(amm_ini_set(ini, "s", "k", "nieuw"));
	assert_serializes_to(ini, "[s]\nk = nieuw\n# tussendoor\nm = x\n");
	amm_ini_free(ini);
}

static void
test_remove(void **state)
{
	struct amm_ini *ini =
	    parse_ok("[a]\nx = 1\n  vervolg\ny = 2\n\n[b]\nz = 3\n\n[c]\nw = 4\n");
	struct amm_strlist names = {0};

	(void)state;
	assert_true(amm_ini_remove(ini, "a", "x"));
	assert_false(amm_ini_remove(ini, "a", "x"));
	assert_true(amm_ini_remove_section(ini, "b"));
	assert_false(amm_ini_has_section(ini, "b"));
	assert_serializes_to(ini, "[a]\ny = 2\n\n[c]\nw = 4\n");
	assert_true(amm_ini_remove_section(ini, "c"));
	assert_serializes_to(ini, "[a]\ny = 2\n");
	amm_ini_sections(ini, &names);
	assert_int_equal(names.len, 1);
	assert_string_equal(names.items[0], "a");
	amm_strlist_free(&names);
	amm_ini_free(ini);
}

static void
test_sections_and_keys(void **state)
{
	const char *text = "top = 1\n[stap 1]\ntekst = a\nstatus = open\n[afspraak 1]\n"
	                   "wie = ik\n[stap 2]\ntekst = b\n[stap 1]\nextra = c\n";
	struct amm_strlist s = {0}, k = {0};
	struct amm_ini *ini = NULL;

	(void)state;
	/* As amm check reads it: the section that stands twice is kept. */
	assert_ok(amm_ini_parse_dups(&ini, "t.ini", text, strlen(text)));
	amm_ini_sections(ini, &s);
	assert_int_equal(s.len, 3);
	assert_string_equal(s.items[0], "stap 1");
	assert_string_equal(s.items[1], "afspraak 1");
	assert_string_equal(s.items[2], "stap 2");
	amm_ini_keys(ini, "stap 1", &k);
	assert_int_equal(k.len, 3);
	assert_string_equal(k.items[2], "extra");
	assert_string_equal(amm_ini_get(ini, "", "top"), "1");
	assert_null(amm_ini_get(ini, "stap 3", "tekst"));
	amm_strlist_free(&s);
	amm_strlist_free(&k);
	amm_ini_free(ini);
}

static void
expect_malformed_len(const char *text, size_t len, const char *where)
{
	struct amm_ini *ini = NULL;
	amm_error *err = amm_ini_parse(&ini, "spin.ini", text, len);

	assert_non_null(err);
	assert_int_equal(err->code, AMM_EXIT_INPUT);
	if (strstr(err->msg, where) == NULL)
		fail_msg("'%s' not in '%s'", where, err->msg);
	assert_null(ini);
	amm_error_free(err);
}

static void
expect_malformed(const char *text, const char *where)
{
	expect_malformed_len(text, strlen(text), where);
}

static void
test_malformed(void **state)
{
	struct amm_buf buf = {0};
	char *s;

	(void)state;
	expect_malformed("[spin\nk = v\n", "spin.ini, regel 1:");
	expect_malformed("[spin]\nk = v\nzomaar tekst\n", "spin.ini, regel 3:");
	expect_malformed("[spin]\nk = v\n\xff\xfe\n", "spin.ini, regel 3: geen geldige UTF-8");
	expect_malformed_len("[s]\nk = a\0b\n", 11, "regel 2:");
	/* A long line without a separator is found wherever it stands. */
	amm_buf_adds(&buf, "[s]\nk = v\n\n");
	for (int i = 0; i < 300; i++)
		amm_buf_addc(&buf, 'x');
	amm_buf_addc(&buf, '\n');
	s = amm_buf_detach(&buf, NULL);
	expect_malformed(s, "regel 4:");
	free(s);
}

/* The duplicates of text as "line first section key" lines. */
static char *
dups_of(const char *text)
{
	struct amm_ini *ini = NULL;
	struct amm_ini_dup *dups;
	struct amm_buf buf = {0};
	size_t n;

	assert_ok(amm_ini_parse_dups(&ini, "t.ini", text, strlen(text)));
	amm_ini_duplicates(ini, &dups, &n);
	for (size_t i = 0; i < n; i++)
		amm_buf_addf(&buf, "%zu %zu [%s] %s\n", dups[i].line, dups[i].first,
		             dups[i].section, dups[i].key ? dups[i].key : "-");
	free(dups);
	amm_ini_free(ini);
	amm_buf_adds(&buf, "");
	return amm_buf_detach(&buf, NULL);
}

static void
expect_dups(const char *text, const char *want)
{
	char *got = dups_of(text);

	assert_string_equal(got, want);
	free(got);
}

static void
test_duplicates(void **state)
{
	struct amm_buf buf = {0};
	char *big, *got;

	(void)state;
	/* A section twice, with comments and blank lines counted in the line numbers. */
	expect_dups("# kop\n\n[stap 1]\ntekst = a\n\n[stap 2]\ntekst = b\n; c\n[stap 1]\n"
	            "tekst = c\n",
	            "9 3 [stap 1] -\n");
	expect_malformed("# kop\n\n[stap 1]\ntekst = a\n\n[stap 2]\ntekst = b\n; c\n[stap 1]\n",
	                 "spin.ini:9: sectie [stap 1] staat er twee keer (eerder op regel 3)");
	/* Three times: each repeat names the first. */
	expect_dups("[casus]\n[casus]\n[casus]\n", "2 1 [casus] -\n3 1 [casus] -\n");
	/* A key twice in one section, also written with ':' or other spacing. */
	expect_dups("[spin]\nwonen = huur\nnetwerk = zus\nwonen  :koop\n", "4 2 [spin] wonen\n");
	expect_malformed("[spin]\nwonen = huur\nnetwerk = zus\nwonen = koop\n",
	                 "spin.ini:4: sleutel wonen staat twee keer in sectie [spin] (eerder op "
	                 "regel 2)");
	expect_malformed("a = 1\na = 2\n[s]\n",
	                 "spin.ini:2: sleutel a staat er twee keer vóór de eerste sectie (eerder "
	                 "op regel 1)");
	/* Both in one file, reported in file order; parsing names the first. */
	expect_dups("[a]\nk = 1\n[b]\nk = 1\nk = 2\n[a]\n", "5 4 [b] k\n6 1 [a] -\n");
	/* Not duplicates: the same key in different sections, a multi-line value, a key
	 * named like a section, a conflict section of amm sync. */
	expect_dups("[stap 1]\ntekst = a\nstatus = open\n[stap 2]\ntekst = b\nstatus = open\n"
	            "[afspraak 1]\nstap = 1\nwat = eerste regel\n  wat = tweede regel\n"
	            "\n  wat = derde\n[conflict stap 1.tekst]\nmijn = a\nhun = b\n",
	            "");
	amm_ini_free(parse_ok("[s]\nk = eerste\n  k = vervolg\n\tk = nog een\nl = x\n"));
	/* Many lines stay fast: sorted, not compared pairwise. */
	amm_buf_adds(&buf, "[s]\n");
	for (int i = 0; i < AMM_INI_MAX_LINES - 2; i++)
		amm_buf_addf(&buf, "k%d = %d\n", i % 50000, i);
	big = amm_buf_detach(&buf, NULL);
	got = dups_of(big);
	assert_non_null(strstr(got, "50002 2 [s] k0\n"));
	free(got);
	free(big);
}

/* The line of a key is the one whose value counts; of a section, its header. */
static void
test_line(void **state)
{
	const char *text = "# kop\n[spin]\nwonen = huur\n  vervolg\n\n[stap 1]\ntekst = a\n"
	                   "[stap 2]\nwonen = b\n";
	struct amm_ini *ini = NULL, *dups = NULL;

	(void)state;
	assert_ok(amm_ini_parse(&ini, "t.ini", text, strlen(text)));
	assert_int_equal(amm_ini_line(ini, "spin", NULL), 2);
	assert_int_equal(amm_ini_line(ini, "spin", "wonen"), 3);
	assert_int_equal(amm_ini_line(ini, "stap 1", "tekst"), 7);
	assert_int_equal(amm_ini_line(ini, "stap 2", "wonen"), 9);
	assert_int_equal(amm_ini_line(ini, "stap 2", "tekst"), 0);
	assert_int_equal(amm_ini_line(ini, "stap 3", NULL), 0);
	/* Set on a new key: the line it got. */
	assert_ok(amm_ini_set(ini, "spin", "netwerk", "zus"));
	assert_int_equal(amm_ini_line(ini, "spin", "netwerk"), 5);
	assert_int_equal(amm_ini_line(ini, "stap 1", "tekst"), 8);
	/* A key twice: the last one, which amm_ini_get reads. */
	text = "[s]\nk = 1\nk = 2\n";
	assert_ok(amm_ini_parse_dups(&dups, "t.ini", text, strlen(text)));
	assert_int_equal(amm_ini_line(dups, "s", "k"), 3);
	assert_string_equal(amm_ini_get(dups, "s", "k"), "2");
	amm_ini_free(dups);
	amm_ini_free(ini);
}

static void
test_encode_decode(void **state)
{
	char *e;

	(void)state;
	e = amm_ini_value_encode(" a\\b\nc ");
	assert_string_equal(e, "\\sa\\\\b\\nc\\s");
	free(e);
	e = amm_ini_value_decode("\\x41\\q\\x1b");
	assert_string_equal(e, "\\x41\\q\x1b");
	free(e);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_unchanged_is_identical),
	    cmocka_unit_test(test_set_changes_one_line),
	    cmocka_unit_test(test_set_appends),
	    cmocka_unit_test(test_values_roundtrip),
	    cmocka_unit_test(test_values_fuzz),
	    cmocka_unit_test(test_continuation_lines),
	    cmocka_unit_test(test_remove),
	    cmocka_unit_test(test_sections_and_keys),
	    cmocka_unit_test(test_malformed),
	    cmocka_unit_test(test_duplicates),
	    cmocka_unit_test(test_encode_decode),
	    cmocka_unit_test(test_line),
	};

	th_env();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
