"""Checks of the plan's views (views.sh): the items of the Markdown and the HTML plan, the
HTML's structure, and what hostile values may not become."""
import re
import sys
import unicodedata
from html.parser import HTMLParser


def norm(s):
    return " ".join(s.split())


def md_items(path):
    """Headings, list items and label: value lines of a Markdown plan, as text."""
    items, cur = [], None
    for line in open(path, encoding="utf-8").read().split("\n"):
        m = re.match(r"\s*(#{1,6} |[-*+] |\d+[.)] )(.*)", line)
        if m:
            if cur is not None:
                items.append(cur)
            cur = m.group(2)
        elif line.strip() and cur is not None and cur != "" and not line.startswith("#"):
            cur += " " + line  # a continuation line of the item (a hard break)
        else:
            if cur is not None:
                items.append(cur)
            cur = None
    if cur is not None:
        items.append(cur)

    def text(s):
        out, i = [], 0
        while i < len(s):
            if s[i] == "\\" and i + 1 < len(s):
                out.append(s[i + 1])
                i += 2
                continue
            if s[i] != "*":  # emphasis and strong marks
                out.append(s[i])
            i += 1
        return norm("".join(out))

    return [text(i) for i in items]


class Page(HTMLParser):
    """Headings, list items and table rows (th: td) of an HTML plan; and what it is made of."""

    def __init__(self):
        super().__init__()
        self.items, self.stack, self.headings, self.tags = [], [], [], set()
        self.lang, self.title, self.tables, self.skip = None, "", [], 0
        self.cur = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for name, value in attrs:
            self.tags.add((tag, name))
        self.tags.add((tag, None))
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "section" and a.get("id") == "handtekeningen":
            self.skip = 1  # the signatures are for the page only
        elif self.skip and tag == "section":
            self.skip += 1
        if tag == "table":
            self.tables.append(False)
        if tag == "th" and self.tables:
            self.tables[-1] = True
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.headings.append(int(tag[1]))
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6", "li", "tr", "title"):
            self.stack.append([tag, ""])
        if tag == "td" and self.stack and self.stack[-1][0] == "tr":
            self.stack[-1][1] += ": "
        if tag == "br" and self.stack:
            self.stack[-1][1] += " "

    def handle_endtag(self, tag):
        if tag == "section" and self.skip:
            self.skip -= 1
        if self.stack and self.stack[-1][0] == tag:
            t, s = self.stack.pop()
            if t == "title":
                self.title = s
            elif not self.skip:
                self.items.append(norm(s))
            if self.stack:
                self.stack[-1][1] += s

    def handle_data(self, data):
        if self.stack:
            self.stack[-1][1] += data


def page(path):
    p = Page()
    p.feed(open(path, encoding="utf-8").read())
    p.close()
    return p


def parity(md, html):
    a, b = md_items(md), page(html).items
    if sorted(a) != sorted(b):
        only_md = [x for x in a if x not in b]
        only_html = [x for x in b if x not in a]
        sys.exit(f"Markdown only: {only_md}\nHTML only: {only_html}")
    if len(a) < 40:
        sys.exit(f"only {len(a)} items: {a}")


def accessible(html):
    p = page(html)
    assert p.lang == "nl", p.lang
    assert p.title.strip(), "no title"
    assert p.headings and p.headings[0] == 1, p.headings
    assert p.headings.count(1) == 1, p.headings
    for prev, h in zip(p.headings, p.headings[1:]):
        assert h <= prev + 1, f"h{h} after h{prev}: {p.headings}"
    assert all(p.tables), "a table without a header cell"


def hostile(clean, html):
    """The hostile page is made of nothing the clean one is not: no element, no attribute."""
    want, got = page(clean).tags, page(html).tags
    extra = got - want
    assert not extra, f"elements or attributes amm did not generate: {extra}"
    assert not [n for t, n in got if n and n.startswith("on")], got
    text = open(html, encoding="utf-8").read()
    assert "<script" not in text and "<img" not in text and "<iframe" not in text
    for m in re.finditer(r'href="([^"]*)"', text):
        assert re.match(r"(https?:|mailto:|#)", m.group(1), re.I), m.group(1)


def terminal(path):
    """Valid UTF-8; no control character but newline, no bidi override or isolate."""
    data = open(path, "rb").read()
    text = data.decode("utf-8")  # raises on invalid UTF-8
    for i, ch in enumerate(text):
        cat = unicodedata.category(ch)
        if (cat == "Cc" and ch != "\n") or cat == "Cf":
            sys.exit(f"U+{ord(ch):04X} at {i} in {path}")


def markdown(path):
    """Shown visibly as terminal text is; every < is escaped (or an autolink to the web)."""
    terminal(path)
    text = open(path, encoding="utf-8").read()
    for m in re.finditer("<", text):
        rest = text[m.start() + 1:]
        assert (m.start() > 0 and text[m.start() - 1] == "\\") or re.match(
            "(https?|mailto):", rest), text[m.start() - 20:m.start() + 20]
    assert "](javascript:" not in text.lower()


def md_list(path):
    print("\n".join(md_items(path)))


if __name__ == "__main__":
    {"md_list": md_list, "parity": parity, "accessible": accessible, "hostile": hostile, "terminal": terminal,
     "markdown": markdown}[sys.argv[1]](*sys.argv[2:])
