"""Domain events: hooks run inside the emitting transaction; subscribers only once it commits,
and never for a transaction that rolled back."""
from __future__ import annotations

import sqlalchemy as sa

from community import events
from community.extensions import db
from tests.factories import make_reply, make_thread, make_user


def test_subscribers_run_after_commit_and_never_after_rollback(app):
    heard: list[int] = []
    hooked: list[int] = []
    events.subscribe("test.thing_happened", lambda *, n: heard.append(n))
    events.hook("test.thing_happened", lambda *, n: hooked.append(n))
    try:
        events.emit("test.thing_happened", n=1)
        assert hooked == [1] and heard == []      # the hook ran in the transaction, the subscriber waits
        db.session.commit()
        assert heard == [1]
        events.emit("test.thing_happened", n=2)
        db.session.rollback()
        db.session.commit()
        assert heard == [1]                       # rolled back: nobody hears of it
        events.announce("test.thing_happened", n=3)
        assert heard == [1, 3]
    finally:
        events._subscribers.pop("test.thing_happened", None)
        events._hooks.pop("test.thing_happened", None)


def test_a_reply_is_one_transaction_with_its_tags_and_alerts(app):
    """The post, its feedback tags and the clinicians' question alert commit together."""
    from community.feedback.models import PostTag

    commits: list[int] = []
    listener = lambda session: commits.append(1)  # noqa: E731
    sa.event.listen(db.session(), "after_commit", listener)
    # After-commit effects (notification fan-out run inline under tests) open transactions of
    # their own; this test is about the use case's, so they are set aside while it runs.
    effects = dict(events._subscribers)
    events._subscribers.clear()
    try:
        result = make_thread(author=make_user())
        replier = make_user(feedback_consent=True)   # only consenting authors' posts are tagged
        commits.clear()
        reply = make_reply(result.thread, author=replier, body="The new inhaler helped me a lot, thank you.")
        assert commits == [1]
    finally:
        sa.event.remove(db.session(), "after_commit", listener)
        events._subscribers.update(effects)
    assert db.session.get(PostTag, reply.post.id) is not None
