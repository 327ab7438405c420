"""Harbor: a patient peer-support community server.

`create_app` is the only thing here: it builds a configured Flask application with every
capability's blueprint, the chat namespace and the CLI registered.
"""
from __future__ import annotations

import os
from typing import Any

from flask import Flask


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    from pathlib import Path

    from . import cli, config, errors, extensions, inputs, pages, security, templating
    from .reliability import outage

    root = Path(__file__).resolve().parent.parent
    app = Flask(
        __name__,
        # HARBOR_INSTANCE_PATH moves the instance folder (its config.py, the default SQLite
        # file); the test suite points it at an empty folder so a developer's own
        # instance/config.py never changes what the tests see.
        instance_path=os.environ.get("HARBOR_INSTANCE_PATH") or str(root / "instance"),
        template_folder=str(root / "templates"),
        static_folder=str(root / "static"),
    )
    config.load(app, test_config)
    inputs.init_app(app)
    extensions.init_app(app)
    security.init_app(app)
    errors.init_app(app)
    outage.init_app(app)
    templating.init_app(app)

    from .api import bp as api_bp
    from .auth import account_views, oidc_views, reauth_views
    from .auth.views import bp as auth_bp
    from .forums.views import bp as forums_bp
    from .moderation.views import bp as moderation_bp

    from . import composer, ignoring, notifications, reactions
    from .chat import views as chat_views
    from .chat import wiring as chat_wiring
    from .clinicians import views as clinician_views
    from .clinicians import wiring as clinician_wiring
    from .api import search as search_api  # noqa: F401  (routes on the API blueprint)
    from .education import api as education_api  # noqa: F401  (routes on the API blueprint)
    from .education import views as education_views
    from .feedback import api as feedback_api  # noqa: F401  (routes on the API blueprint)
    from .feedback import loop_views  # noqa: F401  (the feedback loop's pages, on the feedback blueprint)
    from .feedback import post_views  # noqa: F401  (checking forum posts' tags, on the feedback blueprint)
    from .feedback import views as feedback_views
    from .auth import reset_views
    from .mail import views as mail_views
    from .feedback import wiring as feedback_wiring
    from .moderation import api as moderation_api  # noqa: F401  (routes on the API blueprint)
    from .moderation import safety_api  # noqa: F401  (routes on the API blueprint)
    from .moderation import safety_views  # noqa: F401  (pages on the moderation blueprint)
    from .moderation import views as moderation_views
    from .moderation import wiring as moderation_wiring
    from .notifications import api as notifications_api  # noqa: F401  (routes on the API blueprint)
    from .ignoring import views as ignoring_views  # noqa: F401  (routes on the API blueprint)
    from .reactions import views as reactions_views  # noqa: F401  (routes on the API blueprint too)

    for bp in (auth_bp, account_views.bp, oidc_views.bp, reauth_views.bp, forums_bp, moderation_bp, clinician_views.bp, chat_views.bp, feedback_views.bp,
               education_views.bp, reset_views.bp, mail_views.bp, api_bp):
        app.register_blueprint(bp)
    account_views.init_app(app)
    pages.init_app(app)
    moderation_views.init_app(app)
    education_views.init_app(app)
    mail_views.init_app(app)
    # Each capability registers its own event hooks, subscribers and moderation targets.
    for capability in (moderation_wiring, clinician_wiring, chat_wiring, feedback_wiring, notifications, reactions, composer, ignoring):
        capability.init_app(app)
    cli.init_app(app)
    # Load every model so relationships declared by name resolve.
    from . import models  # noqa: F401

    return app
