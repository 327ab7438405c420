"""`flask --app wsgi mail send` (for cron, where no server process drains the outbox) and
`mail status`."""
from __future__ import annotations

import click
from flask.cli import AppGroup

mail_cli = AppGroup("mail", help="The email outbox.")


@mail_cli.command("send")
@click.option("--limit", type=int, default=None, help="Send at most this many.")
def send(limit: int | None) -> None:
    """Send every due email now; failures wait for their next attempt."""
    from .delivery import drain, purge_sent

    result = drain(limit=limit)
    purge_sent()
    click.echo(f"sent {result.sent}, to retry {result.retried}, failed {result.failed}")
    if result.errors and not result.sent:
        raise click.ClickException("the mail server could not be reached: " + result.errors[0])


@mail_cli.command("status")
def status() -> None:
    """How many emails are queued, sent and failed."""
    import sqlalchemy as sa

    from ..extensions import db
    from .models import OutboxMail

    rows = db.session.execute(sa.select(OutboxMail.status, sa.func.count()).group_by(OutboxMail.status)).all()
    counts = {str(s): n for s, n in rows}
    click.echo(", ".join(f"{k} {counts.get(k, 0)}" for k in ("queued", "sent", "failed")))
