"""Education commands: `sources trust|flag|list DOMAIN` and `articles due` (for cron)."""
from __future__ import annotations

import click
from flask.cli import AppGroup

from ..errors import DomainError

sources = AppGroup("sources", help="Trusted and flagged source domains.")
articles_cli = AppGroup("articles", help="Health-information articles.")


def _set(domain: str, kind: str, note: str) -> None:
    from . import domains
    from .models import DomainKind

    try:
        row = domains.set_domain(actor=None, domain=domain, kind=DomainKind(kind), note=note)
    except DomainError as err:
        raise click.ClickException(err.message) from None
    click.echo(f"{row.domain}: {row.kind}")


@sources.command("trust")
@click.argument("domain")
@click.option("--note", default="")
def trust(domain: str, note: str) -> None:
    """Mark DOMAIN a trusted source: links to it get a mark."""
    _set(domain, "trusted", note)


@sources.command("flag")
@click.argument("domain")
@click.option("--note", default="")
def flag(domain: str, note: str) -> None:
    """Flag DOMAIN as known for health misinformation: posts linking to it are held for review."""
    _set(domain, "flagged", note)


@sources.command("list")
def list_domains() -> None:
    from . import domains

    for row in domains.all_domains():
        click.echo(f"{row.kind}\t{row.domain}")


@articles_cli.command("due")
def due() -> None:
    """Tell authors and reviewers of articles past their review date (run daily)."""
    from . import articles

    click.echo(f"{articles.notify_due()} article(s) fell due for review")
