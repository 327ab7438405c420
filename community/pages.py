"""What a hospital must show before anyone signs up: About, Privacy, Terms and the community
guidelines. Each is Markdown: `instance/pages/<name>.md` (the hospital's own text) overrides
the shipped default in `templates/pages/default/<name>.md`. Registration records which version
of them the member accepted: `TERMS_VERSION` when the deployment sets it, otherwise a digest
of the Privacy, Terms and guidelines texts, so any change to them is a new version."""
from __future__ import annotations

import hashlib
from pathlib import Path

from flask import Blueprint, Flask, current_app, render_template
from markupsafe import Markup

from .forums.markdown import render

bp = Blueprint("pages", __name__)

PAGES: dict[str, str] = {
    "about": "About Harbor",
    "privacy": "Privacy notice",
    "terms": "Terms of use",
    "guidelines": "Community guidelines",
}
CONSENTED = ("privacy", "terms", "guidelines")   # what registration asks a member to accept


def source(name: str) -> str:
    own = Path(current_app.instance_path) / "pages" / f"{name}.md"
    if own.is_file():
        return own.read_text(encoding="utf-8")
    shipped = Path(current_app.root_path).parent / "templates" / "pages" / "default" / f"{name}.md"
    return shipped.read_text(encoding="utf-8")


def terms_version() -> str:
    configured = current_app.config.get("TERMS_VERSION")
    if configured:
        return str(configured)[:40]
    digest = hashlib.sha256("\0".join(source(n) for n in CONSENTED).encode()).hexdigest()
    return "sha256:" + digest[:16]


def _page(name: str) -> str:
    return render_template("pages/page.html", name=name, title=PAGES[name], body=Markup(render(source(name))),
                           version=terms_version() if name in CONSENTED else None)


for _name in PAGES:
    bp.add_url_rule(f"/{_name}", endpoint=_name, view_func=lambda name=_name: _page(name), methods=["GET"])


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    app.jinja_env.globals["footer_pages"] = [(f"pages.{n}", title) for n, title in PAGES.items()]
