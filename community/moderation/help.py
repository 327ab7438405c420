"""Help shown to a member whose words screening found as `crisis` or `possible_crisis`: the
crisis lines for their locale (config `CRISIS_RESOURCES`, per country code with a `default`),
the condition community's own help text when it has one, and the words of the help box in the
page's language (English is the only language shipped; the lookup is by locale so others can
be added here)."""
from __future__ import annotations

from typing import Any

from flask import current_app

TEXT: dict[str, dict[str, dict[str, str]]] = {
    "en": {
        "crisis": {
            "title": "You don't have to go through this alone",
            "body": ("It sounds like things are really hard right now. If you are thinking about ending your life or "
                     "hurting yourself, please reach out now: people are ready to listen, day or night."),
            # Who was alerted and who sees the post depend on what happened: notice.py says it.
            "after": "",
        },
        "possible_crisis": {
            "title": "It sounds like things are heavy right now",
            "body": ("Thank you for sharing this. If you'd like to talk to someone, the people below are there for you, "
                     "day or night, and a moderator from our team may check in with you."),
            "after": "",
        },
    },
}


def split_locale(locale: str | None) -> tuple[str, str | None]:
    """'en-GB' -> ('en', 'GB'); 'fr' -> ('fr', None); nothing -> the configured CRISIS_LOCALE."""
    locale = (locale or current_app.config.get("CRISIS_LOCALE") or "en").replace("_", "-")
    lang, _, country = locale.partition("-")
    return lang.lower() or "en", (country.upper() or None)


def page_locale(accept_languages: Any) -> str | None:
    """The first locale of an Accept-Language header that names a country ("en-GB"), else
    its first language, else None."""
    tags = [tag for tag, _ in accept_languages] if accept_languages else []
    for tag in tags:
        if "-" in tag or "_" in tag:
            return str(tag)
    return str(tags[0]) if tags else None


def resources(*, locale: str | None = None) -> list[dict[str, Any]]:
    """The crisis lines for a locale's country, else the default list."""
    config = current_app.config["CRISIS_RESOURCES"]
    if isinstance(config, list):   # an older instance config: one list for everyone
        return list(config)
    _, country = split_locale(locale)
    if country is None:
        _, country = split_locale(None)
    return list(config.get(country or "default", config.get("default", [])))


def text(tier: str, *, locale: str | None = None) -> dict[str, str]:
    lang, _ = split_locale(locale)
    words = TEXT.get(lang, TEXT["en"])
    return dict(words.get(tier, words["crisis"]))


def crisis_help(tier: str, *, locale: str | None = None, condition: Any = None) -> dict[str, Any]:
    """Everything a help box shows: its words, the crisis lines and the condition's own text."""
    own = (getattr(condition, "crisis_help", "") or "").strip() if condition is not None else ""
    return {**text(tier, locale=locale), "resources": resources(locale=locale), "condition_help": own or None,
            "condition": getattr(condition, "name", None) if own else None}
