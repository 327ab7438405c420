"""The visibility rules of content.py and the badge rule of clinicians/models.py each exist as a
Python predicate and an SQL condition: for every status, audience and authorship, the database
must select exactly the rows the Python form says are visible (on SQLite and PostgreSQL)."""
from __future__ import annotations

import datetime as dt
import itertools

import sqlalchemy as sa

from community import content
from community.clinicians.models import VerificationStatus, current_sql, is_current
from community.content import Status
from community.extensions import db

VIEWER, OTHER = 7, 8
AUTHORS = (VIEWER, OTHER, None)
AUDIENCES = ("visitor", "member", "moderator")


def _table(rows, *columns):
    meta = sa.MetaData()
    table = sa.Table("content_rule_check", meta, sa.Column("n", sa.Integer, primary_key=True), *columns)
    meta.create_all(db.engine)
    with db.engine.begin() as conn:
        conn.execute(table.insert(), [{"n": i, **row} for i, row in enumerate(rows)])
    return meta, table


def _selected(table, where):
    with db.engine.connect() as conn:
        return set(conn.scalars(sa.select(table.c.n).where(where)))


def test_post_thread_and_message_rules_agree_with_their_sql(app):
    rows = [{"status": str(s), "author_id": a} for s, a in itertools.product(Status, AUTHORS)]
    meta, t = _table(rows, sa.Column("status", sa.String(16)), sa.Column("author_id", sa.Integer))
    try:
        checked = 0
        for audience in AUDIENCES:
            viewer = None if audience == "visitor" else VIEWER
            for python, sql in ((content.post_visible, content.post_visible_sql),
                                (content.thread_visible, content.thread_visible_sql)):
                want = {i for i, r in enumerate(rows) if python(audience, viewer, status=r["status"], author_id=r["author_id"])}
                got = _selected(t, sql(audience, status=t.c.status, author_id=t.c.author_id, viewer_id=viewer))
                assert got == want, (python.__name__, audience)
                checked += 1
        for viewer in (VIEWER, None):
            want = {i for i, r in enumerate(rows) if content.message_visible(viewer, status=r["status"], author_id=r["author_id"])}
            assert _selected(t, content.message_visible_sql(viewer, status=t.c.status, author_id=t.c.author_id)) == want
            checked += 1
        assert checked == 8
        # The rule is not trivial: a visitor sees published content only, a member their own held post too.
        assert {rows[i]["status"] for i in _selected(t, content.post_visible_sql("visitor", status=t.c.status,
                                                                               author_id=t.c.author_id))} == {"published"}
    finally:
        meta.drop_all(db.engine)


def test_verification_rule_agrees_with_its_sql(app):
    now = dt.datetime(2026, 6, 1, 12, tzinfo=dt.UTC)
    expiries = (None, now - dt.timedelta(seconds=1), now, now + dt.timedelta(days=1))
    rows = [{"status": str(s), "expires_at": e} for s, e in itertools.product(VerificationStatus, expiries)]
    from community.db import UTCDateTime

    meta, t = _table(rows, sa.Column("status", sa.String(16)), sa.Column("expires_at", UTCDateTime()))
    try:
        class Row:
            def __init__(self, r):
                self.status, self.expires_at = r["status"], r["expires_at"]

        want = {i for i, r in enumerate(rows) if is_current(Row(r), now)}
        assert want and _selected(t, current_sql(t.c.status, t.c.expires_at, now)) == want
        assert all(rows[i]["status"] == "approved" and rows[i]["expires_at"] > now for i in want)
    finally:
        meta.drop_all(db.engine)


def test_status_is_still_importable_from_the_forum_models():
    from community.forums.models import Status as ForumStatus

    assert ForumStatus is Status
