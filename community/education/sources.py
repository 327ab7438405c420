"""Sources, as pure functions (no Flask): checking the structured sources of an article or a
context note, finding the domains a text links to, and matching them against the trusted and
flagged lists (a listed domain covers its subdomains: `nhs.uk` covers `www.nhs.uk`)."""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

MAX_SOURCES = 20
_URL = re.compile(r"https?://[^\s<>()\[\]\"']+", re.I)
_BARE = re.compile(r"(?<![@\w/.-])((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24})(?=[/\s),.;:!?]|$)", re.I)
_DOMAIN = re.compile(r"^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}$")
# A bare "word.word" is a domain only with a known ending: "e.g" or "file.txt" are not.
_BARE_TLDS = {"com", "org", "net", "uk", "info", "io", "co", "health", "gov", "edu", "us", "ca", "au", "de", "fr",
              "nl", "ie", "nz", "eu", "biz", "news", "site", "online", "xyz", "me", "tv", "int"}


class SourceError(ValueError):
    """A source list that can't be accepted; `message` says why, for the field `sources`."""


@dataclass(frozen=True)
class Source:
    title: str
    url: str
    publisher: str = ""
    date: str = ""

    def as_dict(self) -> dict[str, str]:
        return {"title": self.title, "url": self.url, "publisher": self.publisher, "date": self.date}


def normalise_domain(raw: str) -> str:
    """`https://WWW.Example.org/x` or `www.example.org` → `example.org`; raises ValueError."""
    text = raw.strip().lower()
    if "://" in text:
        text = urlsplit(text).hostname or ""
    text = text.split("/", 1)[0].split(":", 1)[0].strip(".")
    if text.startswith("www."):
        text = text[4:]
    if not _DOMAIN.match(text):
        raise ValueError(f"{raw.strip()[:80]!r} is not a domain name such as nhs.uk.")
    return text


def domain_of(url: str) -> str | None:
    try:
        return normalise_domain(url)
    except ValueError:
        return None


def check_sources(raw: Any, *, required: int = 1) -> list[Source]:
    """Structured sources from a form or JSON body: a list of {"title", "url", "publisher"?,
    "date"?} with http(s) URLs. At least `required` of them."""
    if raw is None:
        raw = []
    if not isinstance(raw, list):
        raise SourceError("Sources are a list of {title, url}.")
    if len(raw) > MAX_SOURCES:
        raise SourceError(f"At most {MAX_SOURCES} sources.")
    out: list[Source] = []
    for i, item in enumerate(raw, 1):
        if not isinstance(item, dict):
            raise SourceError(f"Source {i} must be an object with a title and a url.")
        title = str(item.get("title") or "").strip()
        url = str(item.get("url") or "").strip()
        if not title or len(title) > 300:
            raise SourceError(f"Source {i} needs a title (up to 300 characters).")
        parts = urlsplit(url)
        if parts.scheme not in {"http", "https"} or not parts.hostname or len(url) > 2000 or domain_of(url) is None:
            raise SourceError(f"Source {i} needs a web address starting with https://.")
        out.append(Source(title=title, url=url, publisher=str(item.get("publisher") or "").strip()[:200],
                          date=str(item.get("date") or "").strip()[:40]))
    if len(out) < required:
        raise SourceError("Add at least one source (a title and a web address)." if required == 1
                          else f"Add at least {required} sources.")
    return out


def parse_source_lines(text: str) -> list[dict[str, str]]:
    """The web form's sources box: one source a line, `Title | https://url | publisher | date`."""
    items = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split("|")]
        if len(parts) == 1:
            parts = [parts[0], parts[0]]
        title, url, *rest = parts
        items.append({"title": title, "url": url, "publisher": rest[0] if rest else "", "date": rest[1] if len(rest) > 1 else ""})
    return items


def format_source_lines(sources: Iterable[dict[str, Any]]) -> str:
    return "\n".join(" | ".join(x for x in (s.get("title", ""), s.get("url", ""), s.get("publisher", ""), s.get("date", "")) if x)
                     for s in sources)


def linked_domains(text: str) -> set[str]:
    """Domains a post links to, by full URL (`https://x.org/...`, Markdown links included) or as
    a bare address (`x.org/page`, `www.x.org`)."""
    found: set[str] = set()
    for m in _URL.finditer(text):
        d = domain_of(m.group(0).rstrip(".,;:!?"))
        if d:
            found.add(d)
    stripped = _URL.sub(" ", text)
    for m in _BARE.finditer(stripped):
        cand = m.group(1).lower()
        if cand.rsplit(".", 1)[-1] in _BARE_TLDS:
            d = domain_of(cand)
            if d:
                found.add(d)
    return found


def listed(domain: str, domains: Iterable[str]) -> str | None:
    """The listed domain covering `domain` (itself or a parent), or None."""
    pool = set(domains)
    parts = domain.split(".")
    for i in range(len(parts) - 1):
        cand = ".".join(parts[i:])
        if cand in pool:
            return cand
    return None


def flagged_links(text: str, flagged: Iterable[str]) -> list[str]:
    """The domains in `text` that a flagged entry covers, sorted."""
    pool = set(flagged)
    return sorted(d for d in linked_domains(text) if listed(d, pool))


_ANCHOR = re.compile(r'(<a href="(https?://[^"]+)"[^>]*>.*?</a>)', re.S)
TRUSTED_MARK = '<span class="trusted-source">(trusted source)</span>'


def mark_trusted(html: str, trusted: Iterable[str]) -> str:
    """Sanitised post HTML with a "(trusted source)" mark after each link to a trusted domain."""
    pool = set(trusted)
    if not pool or "<a " not in html:
        return html

    def sub(m: re.Match[str]) -> str:
        d = domain_of(m.group(2).replace("&amp;", "&"))
        return m.group(1) + (" " + TRUSTED_MARK if d and listed(d, pool) else "")

    return _ANCHOR.sub(sub, html)
