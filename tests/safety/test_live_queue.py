"""The moderation namespace pushes item added / claimed / escalated / decided to every open
moderation page, and the queue page's statements don't grow with the number of items."""
import sqlalchemy as sa

from community.extensions import db, socketio
from community.moderation import queue, safety
from community.moderation import services as moderation
from community.moderation.models import QueueItem
from tests.conftest import login
from tests.factories import make_thread, make_user, statements

CRISIS = "I can't do this anymore, I have the pills saved and I'm going to take them all tonight"


def _socket(app, user):
    http = app.test_client()
    login(http, user)
    return socketio.test_client(app, namespace="/moderation", flask_test_client=http)


def _events(sc):
    return [(r["name"], r["args"][0]) for r in sc.get_received("/moderation")]


def test_added_claimed_escalated_and_decided_reach_open_queue_pages(app):
    mod, other = make_user("moderator"), make_user("moderator")
    sockets = [_socket(app, mod), _socket(app, other)]
    t = make_thread(author=make_user(), body=CRISIS)
    item = db.session.scalars(sa.select(QueueItem).where(QueueItem.target_id == t.post.id)).one()
    for sc in sockets:   # a crisis item arrives as the alert (the page refreshes its list from it)
        [alert] = [p for name, p in _events(sc) if name == "alert"]
        assert alert["item_id"] == item.id and alert["community"] == t.thread.condition.name
        assert alert["url"] == f"/moderation/queue/{item.id}"
    reported = make_thread(author=make_user())
    moderation.report(actor=make_user(), target_type="post", target_id=reported.post.id, reason="spam")
    other_item = db.session.scalars(sa.select(QueueItem).where(QueueItem.target_id == reported.post.id)).one()
    assert all(("queue", {"item_id": other_item.id}) in _events(sc) for sc in sockets)
    queue.claim(actor=mod, item=item)
    assert all(("queue", {"item_id": item.id}) in _events(sc) for sc in sockets)
    safety.escalate(actor=mod, item=item, reason="Needs an admin")
    assert all(("queue", {"item_id": item.id}) in _events(sc) for sc in sockets)
    queue.decide(actor=other, item=item, action="approve", reason="Reached out; safe")
    assert all(("queue", {"item_id": item.id}) in _events(sc) for sc in sockets)
    for sc in sockets:
        sc.disconnect(namespace="/moderation")


def test_the_queue_page_costs_the_same_statements_for_3_and_12_items(app, client, auth):
    mod = make_user("moderator")
    auth.login(mod)

    def add(n):
        for _ in range(n):
            t = make_thread(author=make_user())
            moderation.report(actor=make_user(), target_type="post", target_id=t.post.id, reason="spam")

    add(3)
    client.get("/moderation/queue")
    db.session.expire_all()
    with statements() as few:
        html = client.get("/moderation/queue").get_data(as_text=True)
    assert html.count('href="/moderation/queue/') >= 3
    add(9)
    db.session.expire_all()
    with statements() as many:
        html = client.get("/moderation/queue").get_data(as_text=True)
    assert html.count('href="/moderation/queue/') >= 12
    assert len(many) == len(few), (len(few), len(many))


def test_a_moderator_checks_in_with_any_member_from_their_page(app, client, auth):
    from community.moderation.models import Outreach
    from community.notifications.models import Notification

    mod, member = make_user("moderator"), make_user()
    auth.login(mod)
    page = client.get(f"/moderation/members/{member.username}").get_data(as_text=True)
    assert "Send check-in" in page and "the moderation team" in page
    assert client.post(f"/moderation/members/{member.username}/outreach", data={"message": ""}).status_code == 422
    assert db.session.query(Outreach).count() == 0
    r = client.post(f"/moderation/members/{member.username}/outreach", data={"message": "Hello from the team, how are you?"})
    [o] = db.session.query(Outreach).all()
    assert r.headers["Location"].endswith(f"/outreach/{o.id}") and o.user_id == member.id and o.item_id is None
    assert db.session.query(Notification).filter_by(user_id=member.id, kind="outreach").count() == 1
    auth.logout()
    auth.login(member)
    assert client.post(f"/moderation/members/{mod.username}/outreach", data={"message": "hi"}).status_code == 403
