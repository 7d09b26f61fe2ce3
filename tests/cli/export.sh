#!/usr/bin/env bash
# amm export: Markdown, JSON, and one self-contained HTML file checked in a real browser.
. "$(dirname "$0")/common.sh"

casus() {
	amm nieuw --alias "Fam. J." >/dev/null
	amm perspectief "$(printf 'Ik wil een **dak** boven mijn hoofd.\n\n<img src=x onerror=alert(1)>')" >/dev/null
	amm spin financien "Schuld 9.500 euro" >/dev/null
	amm spin bijzonderheden '<script>document.title="gehackt"</script> & meer' >/dev/null
	amm stap nieuw "Schuldhulp" >/dev/null
	amm afspraak nieuw --stap 1 --wie Fatima --wat "Belt de corporatie" --wanneer 2026-12-01 >/dev/null
	amm afspraak nieuw --stap 1 --wie Sanne --wat "Zoekt de brieven op" --wanneer 2026-11-20 >/dev/null
	amm uitzondering nieuw --over a --gewone-route b --maatwerk "Direct starten" >/dev/null
}

test_markdown_and_json() {
	new_repo
	casus
	run export
	expect_exit 0
	expect_stdout_has "# Plan van Fam. J."
	expect_stdout_has "- 2026-12-01: **Fatima** Belt de corporatie"
	expect_stdout_has "- 2026-11-20: **Sanne** Zoekt de brieven op (te laat)"
	expect_stdout_has '\<script\>document.title="gehackt"\</script\> & meer'
	run export --formaat json -o "$root/plan.json"
	expect_exit 0
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["schema"]=="amm/1" and d["casus"]=="2026-001" and len(d["stappen"]["afspraken"])==2' "$root/plan.json" ||
		fail "export json"
	run export --formaat pdf
	expect_exit 2
}

test_html_self_contained() {
	new_repo
	casus
	run export --formaat html -o "$root/plan.html"
	expect_exit 0
	grep -q '<script' "$root/plan.html" && fail "a script element in the HTML"
	grep -q 'src=' "$root/plan.html" && fail "a reference to something outside the file"
	grep -q '@media print' "$root/plan.html" || fail "no print styles"
}

test_html_in_browser() {
	command -v chromium >/dev/null ||
		{ skip "chromium is not installed (tools/install-deps.sh installs it)"; return; }
	new_repo
	casus
	run export --formaat html -o "$root/plan.html"
	expect_exit 0
	local flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run
		--disable-background-networking --disable-component-update --disable-sync
		--user-data-dir="$root/chromium")
	timeout 120 chromium "${flags[@]}" --dump-dom "file://$root/plan.html" >"$root/dom.html" 2>/dev/null ||
		fail "chromium --dump-dom"
	timeout 120 chromium "${flags[@]}" --window-size=900,2400 --screenshot="$root/plan.png" \
		"file://$root/plan.html" >/dev/null 2>&1 || fail "chromium --screenshot"
	[ -s "$root/plan.png" ] || fail "no screenshot"
	/usr/bin/python3 - "$root/dom.html" <<'PY' || fail "the page as the browser built it"
import sys
from html.parser import HTMLParser

class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.text, self.title, self.tags, self.in_title = [], "", [], False
    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.in_title = tag == "title" and not self.title
    def handle_endtag(self, tag):
        self.in_title = False
    def handle_data(self, data):
        if self.in_title:
            self.title += data
        self.text.append(data)

p = Page()
p.feed(open(sys.argv[1]).read())
text = " ".join(p.text)
# The script typed into a field is text on the page, and it did not run.
assert '<script>document.title="gehackt"</script> & meer' in text, "script text not shown"
assert p.title == "Plan van Fam. J.", p.title
assert "script" not in p.tags and "img" not in p.tags, p.tags
# The perspectief (its Markdown rendered) and every agreement are on the page.
assert "Ik wil een dak boven mijn hoofd." in " ".join(text.split()), "no perspectief"
assert "strong" in p.tags
for a in ("Belt de corporatie", "Zoekt de brieven op", "Fatima", "Sanne"):
    assert a in text, a
assert "svg" in p.tags and "polygon" in p.tags, "no spin or waardendriehoek"
PY
}

run_tests test_markdown_and_json test_html_self_contained test_html_in_browser
