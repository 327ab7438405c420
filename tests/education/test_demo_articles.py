"""The demo's Long COVID community has reviewed articles with sources (QA: its Learn tab was empty)."""
from __future__ import annotations

import sqlalchemy as sa

from community.education.models import Article, ArticleStatus
from community.extensions import db
from community.forums.models import Condition


def test_long_covid_has_reviewed_articles_with_sources(app, runner, client):
    assert runner.invoke(args=["demo", "load"]).exit_code == 0
    for cond in db.session.scalars(sa.select(Condition).where(Condition.slug.in_(["long-covid", "asthma", "type-2-diabetes"]))):
        published = [a for a in db.session.scalars(sa.select(Article).where(Article.condition_id == cond.id))
                     if a.status == ArticleStatus.PUBLISHED]
        assert published, cond.slug
        for a in published:
            assert a.reviewed_by_id not in (None, a.author_id) and len(a.live.sources) >= 2, a.title
    learn = client.get("/c/long-covid/learn").get_data(as_text=True)
    assert "Pacing with long COVID" in learn and "Living with brain fog" in learn
    page = client.get(f"/articles/{db.session.scalar(sa.select(Article.id).where(Article.title == 'Pacing with long COVID'))}")
    assert page.status_code == 200 and "https://www.nice.org.uk/guidance/ng188" in page.get_data(as_text=True)
