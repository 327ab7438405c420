"""Markdown is rendered once and sanitised: no raw HTML, safe links, nothing badge-like."""
from __future__ import annotations

import pytest

from html.parser import HTMLParser

from community.forums.markdown import render, render_lite


def _elements(html: str) -> list[tuple[str, dict]]:
    found: list[tuple[str, dict]] = []

    class P(HTMLParser):
        def handle_starttag(self, tag, attrs):
            found.append((tag, dict(attrs)))

    P().feed(html)
    return found


@pytest.mark.parametrize("evil", [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD4=)",
    '<a href="https://x.org" onclick="evil()">x</a>',
    "<iframe src=https://evil.example></iframe>",
])
def test_no_active_content(evil):
    tags = _elements(render(evil))
    # Raw HTML survives only as escaped text: no script, image, frame or handler attribute.
    assert not {t for t, _ in tags} & {"script", "img", "iframe"}
    for _, attrs in tags:
        assert not any(k.startswith("on") for k in attrs)
        assert attrs.get("href", "https://").startswith(("https://", "http://", "mailto:"))


def test_links_get_rel_and_only_safe_schemes():
    html = render("[NHS](https://www.nhs.uk) and [mail](mailto:a@b.org)")
    assert 'href="https://www.nhs.uk"' in html and 'rel="nofollow ugc noopener"' in html
    assert 'href="mailto:a@b.org"' in html


def test_formatting_kept_and_headings_demoted():
    html = render("# Title\n\n**bold** _it_\n\n- a\n- b")
    assert "<h3>Title</h3>" in html and "<strong>bold</strong>" in html and "<li>a</li>" in html


def test_cannot_imitate_badge():
    html = render('<span class="hb-verified">Verified clinician · Cardiology</span>')
    assert "<span" not in html and "&lt;span" in html


def test_chat_lite():
    assert render_lite("**hi** [x](javascript:alert(1))").count("<a") == 0


def test_chat_lite_plain_text_is_its_own_html():
    """render_lite returns text without markup characters as it is: the same as the full way."""
    import random

    from community.forums.markdown import _PLAIN, _render_lite_markup

    rng = random.Random(7)
    alphabet = "".join(chr(c) for c in range(0x20, 0x7F))
    samples = ['bench message 1 about pacing|{"t": 1.5}', "see http://example.org/a?b=c#d (or www.x.org)",
               "mailto:a@b.org", "a  b  ", "1. not a list", "# not a heading", "!(x) ~~no~~ 'q' \"d\""]
    samples += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40))) for _ in range(3000)]
    plain = [s for s in samples if _PLAIN.fullmatch(s)]
    assert len(plain) > 50
    for s in plain:
        assert render_lite(s) == _render_lite_markup(s) == s
    assert render_lite("**bold** & <b>") == _render_lite_markup("**bold** & <b>") != "**bold** & <b>"
