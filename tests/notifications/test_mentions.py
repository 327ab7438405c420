"""@mention parsing and linking (pure), and how a post shows them."""
from __future__ import annotations

from community.notifications.mentions import link_mentions, mentioned
from tests.factories import make_reply, make_thread, make_user


def test_mentioned_names():
    assert mentioned("hi @Bob and @alice. mail a@b.com, `@code` (@x_y) @bob") == ["bob", "alice", "x_y"]
    assert mentioned("no mentions here") == []
    assert mentioned("```\n@inside a block\n```") == []
    assert len(mentioned(" ".join(f"@user{i}" for i in range(50)))) == 20


def test_link_mentions_only_known_names_outside_links_and_code():
    html = '<p>thanks @Bob and @ghost, see <a href="/x">@bob</a> and <code>@bob</code>.</p>'
    out = link_mentions(html, {"bob"})
    assert out == ('<p>thanks <a href="/members/Bob" class="mention">@Bob</a> and @ghost, see <a href="/x">@bob</a> '
                   'and <code>@bob</code>.</p>')
    assert link_mentions(html, set()) == html


def test_a_post_links_existing_members_and_leaves_missing_ones_plain(app):
    make_user(username="river_stone")
    r = make_reply(make_thread().thread, author=make_user(), body="Ask @river_stone, not @nobody_here.")
    assert '<a href="/members/river_stone" class="mention">@river_stone</a>' in r.post.body_html
    assert "@nobody_here." in r.post.body_html and "/members/nobody_here" not in r.post.body_html
