"""The contract's command-line interface (`flask --app wsgi ...`). Each command calls one
service, exits 0 on success and prints a one-line error (exit 1) on bad input."""
from __future__ import annotations

import functools
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click
from flask import Flask
from flask.cli import AppGroup

from .errors import DomainError, handled


def _domain_errors(fn: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except DomainError as err:
            raise click.ClickException(handled(err).message) from None

    return wrapper


users = AppGroup("users", help="Manage member accounts.")
conditions = AppGroup("conditions", help="Manage condition communities.")
clinicians = AppGroup("clinicians", help="Clinician verification.")
moderation = AppGroup("moderation", help="Moderation settings.")
demo = AppGroup("demo", help="The demo community.")
feedback = AppGroup("feedback", help="Care feedback and the quality export.")
backup = AppGroup("backup", help="Copies of the database (README: Backups).")

ROLES = ["patient", "clinician", "moderator", "quality", "admin"]


@users.command("create")
@click.argument("name")
@click.option("--role", type=click.Choice(ROLES), required=True)
@click.option("--password", required=True)
@click.option("--email", default=None)
@_domain_errors
def users_create(name: str, role: str, password: str, email: str | None) -> None:
    from .auth import services
    from .auth.models import Role

    user = services.register(username=name, password=password, email=email, role=Role(role), email_verified=True)
    click.echo(f"created {user.username} ({user.role})")


@users.command("mfa")
@click.argument("name")
@_domain_errors
def users_mfa(name: str) -> None:
    """Enrol NAME in two-step sign-in (TOTP) with a new secret; prints the recovery codes, then
    the otpauth:// URI as the last line (to add to an authenticator app)."""
    from .auth import mfa, services

    uri, codes = mfa.enrol_directly(user=services.get_user(name))
    click.echo("recovery codes (each works once): " + " ".join(codes))
    click.echo(uri)


@users.command("otp")
@click.argument("name")
@_domain_errors
def users_otp(name: str) -> None:
    """Print NAME's current two-step sign-in code (for the demo: whoever can run this can read
    the database, and the secret in it, anyway)."""
    import pyotp

    from .auth import services

    user = services.get_user(name)
    if not user.totp_secret:
        raise click.ClickException(f"{name} has no two-step sign-in.")
    click.echo(pyotp.TOTP(user.totp_secret).now())


@users.command("set-role")
@click.argument("name")
@click.option("--role", type=click.Choice(ROLES), required=True)
@_domain_errors
def users_set_role(name: str, role: str) -> None:
    from .auth import services
    from .auth.models import Role

    services.set_role(actor=None, user=services.get_user(name), role=Role(role), reason="command line")
    click.echo(f"{name} is now {role}")


@conditions.command("create")
@click.argument("slug")
@click.option("--name", required=True)
@click.option("--description", default="")
@click.option("--guidelines", default="")
@click.option("--crisis-help", default="", help="the community's own text for its crisis help box")
@_domain_errors
def conditions_create(slug: str, name: str, description: str, guidelines: str, crisis_help: str) -> None:
    from .forums import services

    cond = services.create_condition(actor=None, slug=slug, name=name, description=description, guidelines=guidelines,
                                     crisis_help=crisis_help)
    click.echo(f"created condition {cond.slug}")


@clinicians.command("verify")
@click.argument("name")
@click.option("--specialty", required=True)
@click.option("--licence", default="")
@_domain_errors
def clinicians_verify(name: str, specialty: str, licence: str) -> None:
    from .auth import services as accounts
    from .clinicians import services

    v = services.verify_directly(user=accounts.get_user(name), specialty=specialty, licence=licence)
    click.echo(f"verified {name} ({specialty}) until {v.expires_at:%Y-%m-%d}")


@clinicians.command("notify-expiring")
def clinicians_notify_expiring() -> None:
    """Tell clinicians whose badge expires within 30 days (run daily from cron)."""
    from .clinicians import services

    click.echo(f"notified {services.notify_expiring()} clinician(s)")


@moderation.command("watch")
@click.argument("word")
@click.option("--action", type=click.Choice(["block", "require_approval", "flag", "censor"]), required=True)
@_domain_errors
def moderation_watch(word: str, action: str) -> None:
    from .moderation import services

    services.watch_word(actor=None, word=word, action=action)
    click.echo(f"watching '{word}' ({action})")


@moderation.command("sweep")
@_domain_errors
def moderation_sweep() -> None:
    """Crisis items nobody claimed in CRISIS_CLAIM_MINUTES alert again and escalate (run every minute)."""
    from .moderation import safety

    click.echo(f"{safety.sweep_unclaimed_crises()} unclaimed crisis item(s) escalated")


@demo.command("load")
@_domain_errors
def demo_load() -> None:
    from .demo import load

    load(echo=click.echo)


@feedback.command("export")
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl"]), required=True)
@click.option("--output", required=True, type=click.Path(dir_okay=False, writable=True), help="File to write ('-' for stdout).")
@click.option("--since", default=None, help="YYYY-MM-DD, inclusive.")
@click.option("--until", default=None, help="YYYY-MM-DD, inclusive.")
@click.option("--condition", default=None, help="Condition slug.")
@click.option("--source", type=click.Choice(["feedback", "post"]), default=None)
@click.option("--sentiment", type=click.Choice(["positive", "neutral", "negative"]), default=None)
@click.option("--theme", default=None, help="Theme slug.")
@click.option("--critical-only", is_flag=True, default=False)
@click.option("--as", "as_user", default=None, help="Record the export in the audit log as this quality or admin account (default: the command line).")
@_domain_errors
def feedback_export(fmt: str, output: str, as_user: str | None, critical_only: bool, **raw: str | None) -> None:
    """The de-identified quality export: the same rows as GET /api/v1/feedback/export."""
    from .feedback import cli as feedback_cli

    rows = feedback_cli.export(fmt=fmt, output=output, as_user=as_user, raw={**raw, "critical": "1" if critical_only else None})
    if output != "-":
        click.echo(f"wrote {rows} rows to {output}", err=True)


@feedback.command("retag")
@click.option("--stale-only", is_flag=True, default=False, help="Only records tagged by another tagger version.")
@_domain_errors
def feedback_retag(stale_only: bool) -> None:
    """Re-tag every feedback record and forum post after the tagger or the lexicon changes."""
    from .feedback import services

    done = services.retag(only_stale=stale_only)
    click.echo(f"re-tagged {done.feedback} feedback records and {done.posts} posts with {done.version}")


feedback_services = AppGroup("services", help="The care service tree that feedback names.")
feedback.add_command(feedback_services)


@feedback_services.command("add")
@click.argument("path")
@_domain_errors
def feedback_services_add(path: str) -> None:
    """Add a care service by its path in the tree, e.g. "Cardiology/Ward 3" (parents are added too)."""
    from .feedback import care

    node = care.add_service(actor=None, path=path)
    click.echo(f"added {node.path}")


@feedback_services.command("list")
def feedback_services_list() -> None:
    from .feedback import care

    for node in care.all_services():
        click.echo(node.path)


@feedback_services.command("responder")
@click.argument("path")
@click.argument("username")
@_domain_errors
def feedback_services_responder(path: str, username: str) -> None:
    """Name a clinician or quality officer as responder of a service and everything below it."""
    from .errors import NotFound
    from .feedback import care

    node = care.find_service(path)
    if node is None:
        raise NotFound(f"There is no service {path}.")
    care.name_responder(actor=None, service_id=node.id, username=username)
    click.echo(f"{username} now responds for {node.path}")


@feedback.command("escalate")
def feedback_escalate() -> None:
    """Escalate critical feedback not acknowledged within CRITICAL_ACK_HOURS to the admins (run it every few minutes)."""
    from .feedback import alerts

    ids = alerts.escalate_unacknowledged()
    click.echo(f"escalated {len(ids)} critical item(s)")


def served_base_url(host: str, port: int) -> str:
    """The address a server bound to host:port is reached at; a wildcard bind (0.0.0.0, ::)
    is reached at this machine's name."""
    if host in {"", "0.0.0.0", "::", "[::]"}:
        import socket

        host = socket.getfqdn() or "localhost"
    elif ":" in host and not host.startswith("["):
        host = f"[{host}]"
    return f"http://{host}:{port}"


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, type=int, show_default=True)
@click.option("--workers", default=1, type=int, show_default=True, help="More than one needs REDIS_URL and sticky sessions.")
@click.option("--access-log/--no-access-log", default=False)
def serve(host: str, port: int, workers: int, access_log: bool) -> None:
    """Serve Harbor with gunicorn (gevent worker, WebSockets); stops cleanly on SIGTERM."""
    from flask import current_app

    from .server import exec_gunicorn

    if workers > 1 and not current_app.config.get("REDIS_URL"):
        raise click.ClickException("--workers above 1 needs REDIS_URL so the workers share chat rooms.")
    if not current_app.config.get("BASE_URL_CONFIGURED"):
        # Links in emails and the like point at the address served (gunicorn's app reads it
        # from the environment), unless BASE_URL was configured.
        os.environ["BASE_URL"] = served_base_url(host, port)
    click.echo(f"Harbor is serving at http://{host}:{port} (Ctrl+C or SIGTERM stops it)")
    click.echo(f"Links in emails point at {os.environ.get('BASE_URL') or current_app.config['BASE_URL']} (BASE_URL)")
    exec_gunicorn(host=host, port=port, workers=workers, access_log=access_log)


@backup.command("create")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def backup_create(path: Path) -> None:
    """Write a consistent copy of the database to PATH; Harbor may keep serving meanwhile."""
    from .extensions import db
    from .reliability import backup as backups

    try:
        click.echo(f"backup written to {path}: " + backups.create(db.engine, path))
    except backups.BackupError as err:
        raise click.ClickException(str(err)) from None


@backup.command("restore")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
def backup_restore(path: Path) -> None:
    """Put the copy at PATH back as the database (refused while a server uses it)."""
    from .extensions import db
    from .reliability import backup as backups

    try:
        click.echo(backups.restore(db.engine, path))
    except backups.BackupError as err:
        raise click.ClickException(str(err)) from None


def init_app(app: Flask) -> None:
    for group in (users, conditions, clinicians, moderation, demo, feedback, backup):
        app.cli.add_command(group)
    app.cli.add_command(serve)
