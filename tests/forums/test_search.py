"""Search: ranked, per condition, paginated, and never shows what the searcher may not see."""
from __future__ import annotations

from community.auth.models import Role
from community.forums import search, services
from community.forums.models import Status
from tests.factories import make_condition, make_reply, make_thread, make_user


def test_finds_titles_and_posts_ranked(app):
    cond = make_condition()
    make_thread(condition=cond, title="Inhaler technique tips", body="Shake it first.")
    t2 = make_thread(condition=cond, title="Winter walks", body="My inhaler lives in my pocket.")
    make_reply(t2.thread, body="Nothing about that here.")
    res = search.search("inhaler")
    assert res.total == 2
    assert res.hits[0].thread.title == "Inhaler technique tips"  # title matches weigh more
    assert "<mark>" in str(res.hits[0].snippet) or "<mark>" in str(res.hits[1].snippet)


def test_prefix_and_condition_filter(app):
    a, b = make_condition(), make_condition()
    make_thread(condition=a, title="Metformin side effects", body="Stomach trouble")
    make_thread(condition=b, title="Metformin timing", body="With dinner")
    assert search.search("metfor").total == 2
    only_b = search.search("metformin", condition=b)
    assert only_b.total == 1 and only_b.hits[0].condition.id == b.id


def test_hidden_content_is_never_found(app):
    author = make_user()
    t = make_thread(author=author, title="Pacing diary", body="secretword appears here")
    r = make_reply(t.thread, body="another secretword reply")
    assert search.search("secretword").total == 2
    from community.forums.services import set_status

    set_status(r.post, Status.PENDING)
    assert search.search("secretword").total == 1
    services.delete_post(actor=author, post=t.post)
    assert search.search("secretword").total == 0


def test_edit_reindexes(app):
    author = make_user()
    t = make_thread(author=author, body="about oldword")
    services.edit_post(actor=author, post=t.post, body="about newword")
    assert search.search("oldword").total == 0 and search.search("newword").total == 1


def test_pagination(app):
    cond, author = make_condition(), make_user()
    for i in range(25):
        make_thread(condition=cond, author=author, title=f"Fatigue note {i}", body="fatigue again")
    p1, p2 = search.search("fatigue", page=1), search.search("fatigue", page=2)
    assert p1.total == 25 and p1.pages == 2 and len(p1.hits) == 20 and len(p2.hits) == 5
    assert not {h.post.id for h in p1.hits} & {h.post.id for h in p2.hits}


def test_search_page_escapes_and_handles_syntax(client):
    make_thread(title="Odd <b>title</b> here", body='quotes " and AND OR NOT * ( )')
    for q in ['"', "AND", "(", "*", "NEAR(", "title"]:
        assert client.get("/search", query_string={"q": q}).status_code == 200
    html = client.get("/search?q=title").get_data(as_text=True)
    assert "<b>title</b>" not in html


def test_moderator_role_does_not_widen_search(app):
    t = make_thread(body="heldword text")
    from community.forums.services import set_status

    set_status(t.post, Status.PENDING)
    make_user(Role.MODERATOR)
    assert search.search("heldword").total == 0
