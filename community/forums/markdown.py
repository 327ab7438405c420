"""Markdown to safe HTML, done once at write time: markdown-it-py with raw HTML off, then
nh3 to a small allow-list. Links keep only http(s)/mailto and get rel="nofollow ugc noopener".
No class or style attribute survives, so a post cannot dress itself up as a Harbor badge."""
from __future__ import annotations

import html as htmllib
import re

import nh3
from markdown_it import MarkdownIt

from ..education.sourcelists import trusted_domains
from ..education.sources import mark_trusted

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable(
    ["strikethrough", "table"]
)

TAGS = {
    "p", "br", "strong", "em", "del", "s", "code", "pre", "blockquote", "ul", "ol", "li",
    "a", "h3", "h4", "h5", "h6", "hr", "table", "thead", "tbody", "tr", "th", "td",
}
ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"align"}, "td": {"align"}}


def _demote_headings(html: str) -> str:
    # Posts live under the page's own h1/h2: their headings start at h3.
    for level in (2, 1):
        html = html.replace(f"<h{level}>", "<h3>").replace(f"</h{level}>", "</h3>")
    return html


def render(text: str) -> str:
    html = _demote_headings(_md.render(text))
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow ugc noopener",
        strip_comments=True,
    )


_lite = MarkdownIt("zero").enable(["emphasis", "link", "autolink", "backticks"])


# Printable ASCII that neither the lite rules nor the sanitiser change: text made only of these
# is its own HTML (most chat messages are; the test compares with the full way).
_PLAIN = re.compile("[" + "".join(re.escape(chr(c)) for c in range(0x20, 0x7F) if chr(c) not in "&*<>_`[]\\") + "]*")


def render_lite(text: str) -> str:
    """Markdown-lite for chat: bold, italics, code and links, on one paragraph."""
    return text if _PLAIN.fullmatch(text) else _render_lite_markup(text)


def _render_lite_markup(text: str) -> str:
    html = _lite.renderInline(text)
    return nh3.clean(
        html,
        tags={"strong", "em", "a", "code", "br"},
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow ugc noopener",
    )


def render_post(text: str) -> str:
    """A post's stored HTML: `render`, then a mark after links to the admins' trusted sources
    (as they are when the post is written or edited)."""
    return mark_trusted(render(text), trusted_domains())


_BLOCK_TAG = re.compile(r"</?(?:p|li|ul|ol|h\d|tr|td|th|thead|tbody|table|blockquote|pre|br|hr)\b[^>]*>")
_TAG = re.compile(r"<[^>]*>")


def plain_text(text: str) -> str:
    """Markdown as the words a reader sees, for excerpts (search results): rendered as a post is
    (raw HTML stays text, as there), then `html_text`. Plain text: whoever shows it escapes it."""
    return html_text(render(text))


def html_text(html: str) -> str:
    """The words of sanitised HTML (a post's stored `body_html`): every tag dropped, entities
    decoded, blank runs collapsed. Plain text: whoever shows it escapes it."""
    return " ".join(htmllib.unescape(_TAG.sub("", _BLOCK_TAG.sub(" ", html))).split())
