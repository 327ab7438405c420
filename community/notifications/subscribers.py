"""What the notifications capability does when other capabilities' events happen. Each
subscriber runs after the use case's commit (except the account ones, which join the
deletion or export), opens its own transaction, writes in bulk (fanout.deliver) and commits.

- `post.saved`: the author watches the thread; a published new reply tells the thread's
  watchers (grouped per thread), a published new thread tells the condition's watchers, and
  `@mentions` tell the members named who belong to the community. One notification per
  member per post: a mention counts for the reply too.
- `moderation.decided`: approved held content is announced then; rejected content withdraws
  its notifications. `post.deleted` withdraws them too.
- `chat.message_sent`: `@mentions` in a condition's chat room.
- `reaction.added`: the author of the post or message (grouped per target)."""
from __future__ import annotations

import functools
from typing import Any

import sqlalchemy as sa

from ..auth.models import User
from ..extensions import db
from ..forums.models import Condition, Post, Status, Thread
from . import fanout
from .following import auto_watch
from .mentions import mentioned
from .models import Bookmark, ConditionSubscription, Notification, ThreadSubscription
from .services import withdraw
from .worker import later


def post_link(post_id: int) -> str:
    return f"/p/{post_id}"


def _name(user_id: int | None) -> str:
    if user_id is None:
        return "A former member"
    row = db.session.execute(sa.select(User.display_name, User.username).where(User.id == user_id)).first()
    return (row[0] or row[1]) if row else "A former member"


def on_post_saved(*, post: Post, thread: Thread, **_: Any) -> None:
    """After the commit: the work goes to the background worker; the request only queues it."""
    later(post_saved_job, post_id=sa.inspect(post).identity[0])


@functools.cache
def _post_statement() -> Any:
    """What `announce` says of a post, with its thread, community and author's name: one
    statement (built once) instead of loading the three ORM objects one after another."""
    p, t, c, u = Post.__table__.c, Thread.__table__.c, Condition.__table__.c, User.__table__.c
    return (sa.select(p.id, p.author_id, p.body, p.is_opening, p.status, p.edited_at, t.id.label("thread_id"),
                      t.title, t.status.label("thread_status"), c.id.label("condition_id"),
                      c.name.label("condition_name"), u.display_name, u.username)
            .select_from(Post.__table__.join(Thread.__table__, t.id == p.thread_id)
                         .join(Condition.__table__, c.id == t.condition_id)
                         .outerjoin(User.__table__, u.id == p.author_id))
            .where(p.id == sa.bindparam("post_id")))


def _post(post_id: int) -> Any:
    return db.session.execute(_post_statement(), {"post_id": post_id}).first()


def post_saved_job(*, post_id: int) -> None:
    post = _post(post_id)
    if post is None:
        return
    if post.author_id is not None:
        auto_watch(user_id=post.author_id, thread_id=post.thread_id)
    if post.status == Status.PUBLISHED and post.thread_status == Status.PUBLISHED:
        announce(post, new=post.edited_at is None)
    db.session.commit()


def announce(post: Any, *, new: bool) -> None:
    """Tell who should hear of a published post (a row of `_post_statement`). Does not commit."""
    subject = f"'{post.title}' in {post.condition_name}"
    actor = (post.display_name or post.username) if post.author_id is not None and post.username else "A former member"
    common = {"link": post_link(post.id), "actor_id": post.author_id, "target_type": "post", "target_id": post.id,
              "event_key": f"post:{post.id}"}
    names = mentioned(post.body)
    if names:
        fanout.deliver(fanout.members_named(names, post.condition_id, post.thread_id), kind="mention",
                       text=f"{actor} mentioned you in {subject}", **common)
    if not new:
        return
    if post.is_opening:
        fanout.deliver(fanout.condition_watchers(post.condition_id), kind="new_thread", text=f"{actor} started {subject}",
                       group_key=f"new_thread:{post.condition_id}", subject=post.condition_name, **common)
    else:
        fanout.deliver(fanout.watchers(post.thread_id), kind="reply", text=f"{actor} replied in {subject}",
                       group_key=f"reply:{post.thread_id}", subject=subject, **common)


def on_moderation_decided(*, action: str, target_type: str, target_id: int, **_: Any) -> None:
    if target_type == "post":
        if action == "reject":
            withdraw(target_type="post", target_id=target_id)
            return
        post = _post(target_id)
        if post is not None and post.status == Status.PUBLISHED and post.thread_status == Status.PUBLISHED:
            announce(post, new=True)
            db.session.commit()
    elif target_type == "message":
        if action == "reject":
            withdraw(target_type="message", target_id=target_id)
            return
        from ..chat.models import Message

        msg = db.session.get(Message, target_id)
        if msg is not None and msg.status == Status.PUBLISHED and msg.room.condition_id is not None:
            chat_mentions_job(message_id=msg.id, condition_id=msg.room.condition_id, author_id=msg.author_id,
                              body=msg.body)


def on_post_deleted(*, post_id: int, **_: Any) -> None:
    withdraw(target_type="post", target_id=post_id)


def on_chat_message_sent(*, message_id: int, condition_id: int | None, author_id: int | None, body: str,
                         **_: Any) -> None:
    if mentioned(body):
        later(chat_mentions_job, message_id=message_id, condition_id=condition_id, author_id=author_id, body=body)


def chat_mentions_job(*, message_id: int, condition_id: int | None, author_id: int | None, body: str) -> None:
    names = mentioned(body)
    if not names or condition_id is None:
        return
    from ..forums.models import Condition

    cond = db.session.get(Condition, condition_id)
    if cond is None:
        return
    fanout.deliver(fanout.members_named(names, condition_id, None), kind="mention",
                   text=f"{_name(author_id)} mentioned you in the {cond.name} chat room", link=f"/chat/{cond.slug}",
                   actor_id=author_id, target_type="message", target_id=message_id, event_key=f"message:{message_id}")
    db.session.commit()


def on_reaction_added(*, target_type: str, target_id: int, kind: str, actor_id: int, author_id: int | None,
                      subject: str, link: str, **_: Any) -> None:
    if author_id is None:
        return
    fanout.deliver(fanout.one(author_id), kind="reaction", text=f"{_name(actor_id)} reacted to your post in {subject}",
                   link=link, actor_id=actor_id, target_type=target_type, target_id=target_id,
                   event_key=f"reaction:{target_type}:{target_id}:{kind}:{actor_id}",
                   group_key=f"reaction:{target_type}:{target_id}", subject=subject)
    db.session.commit()


# --- the member's own data ------------------------------------------------------------------

def on_user_deleting(*, user_id: int, **_: Any) -> None:
    """Account deletion: everything this capability holds about the member goes (same
    transaction as the deletion)."""
    for model in (Notification, ThreadSubscription, ConditionSubscription, Bookmark):
        db.session.execute(sa.delete(model).where(model.user_id == user_id))
    db.session.execute(sa.update(Notification).where(Notification.actor_id == user_id).values(actor_id=None))


def on_user_exporting(*, user_id: int, data: dict[str, object]) -> None:
    from .services import display_text

    notes = db.session.scalars(sa.select(Notification).where(Notification.user_id == user_id).order_by(Notification.id))
    data["notifications"] = [{"kind": n.kind, "text": display_text(n), "link": n.link,
                              "created_at": n.created_at.isoformat(), "read": n.read_at is not None} for n in notes]
    subs = db.session.execute(sa.select(ThreadSubscription.thread_id, Thread.title, ThreadSubscription.level)
                              .join(Thread, Thread.id == ThreadSubscription.thread_id)
                              .where(ThreadSubscription.user_id == user_id).order_by(ThreadSubscription.thread_id))
    data["thread_subscriptions"] = [{"thread_id": t, "thread": title, "level": level} for t, title, level in subs]
    from ..forums.models import Condition

    data["condition_subscriptions"] = list(db.session.scalars(
        sa.select(Condition.slug).join(ConditionSubscription, ConditionSubscription.condition_id == Condition.id)
        .where(ConditionSubscription.user_id == user_id).order_by(Condition.slug)))
    data["bookmarks"] = [{"post_id": b.post_id, "created_at": b.created_at.isoformat()} for b in db.session.scalars(
        sa.select(Bookmark).where(Bookmark.user_id == user_id).order_by(Bookmark.created_at))]
    from ..mail import preferences

    data["notification_email"] = preferences.export(user_id)
