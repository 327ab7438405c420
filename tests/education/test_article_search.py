"""Articles in search (issue 14 item 1, issue 16 item 5): only the approved, live version of a
published article is found, ranked above posts for the same words, shown as "Article" with its
condition, reviewer and a link to the Learn tab, on the page and in the API."""
from __future__ import annotations

from community import site_search
from community.education import articles
from community.forums import services as forums
from community.forums.search import Filters
from community.education.search import find_articles
from tests.factories import make_clinician, make_condition, make_thread, make_user, token_for

SOURCES = [{"title": "NHS: asthma", "url": "https://www.nhs.uk/conditions/asthma/", "publisher": "NHS"}]


def _published(condition, title="Using a spacer", body="A spacer helps the inhaler medicine reach your lungs. Rinse it weekly."):
    author, reviewer = make_clinician("Respiratory"), make_clinician("Respiratory")
    a = articles.create_article(actor=author, condition=condition, title=title, body=body, sources=SOURCES)
    articles.review_article(actor=reviewer, article=a, action="approve")
    return a, reviewer


def test_only_published_articles_are_found(app):
    cond = make_condition()
    author = make_clinician("Respiratory")
    draft = articles.create_article(actor=author, condition=cond, title="Peak flow zones explained",
                                    body="Your peak flow zones: green, amber and red readings.", sources=SOURCES)
    assert site_search.search("peak flow", viewer=make_user()).articles == []           # in review: never
    articles.review_article(actor=make_clinician("Respiratory"), article=draft, action="request_changes", note="Add a source")
    assert site_search.search("peak flow", viewer=make_user()).articles == []           # sent back: never
    live, _ = _published(cond)
    assert [h.article.id for h in site_search.search("spacer", viewer=None).articles] == [live.id]   # visitors too


def test_an_edit_waiting_for_review_is_not_searchable_but_the_approved_version_is(app):
    cond = make_condition()
    a, _ = _published(cond)
    articles.edit_article(actor=a.author, article=a, title="Using a spacer",
                          body="A spacer helps. Unreviewedword is new text waiting for a reviewer.", sources=SOURCES)
    assert find_articles(["unreviewedword"], Filters()) == []
    hits = find_articles(["rinse"], Filters())
    assert [h.article.id for h in hits] == [a.id]
    articles.review_article(actor=make_clinician("Respiratory"), article=a, action="approve")
    assert [h.article.id for h in find_articles(["unreviewedword"], Filters())] == [a.id]
    assert find_articles(["rinse"], Filters()) == []          # the old version left the index


def test_articles_rank_above_posts_and_show_reviewer_and_learn_link(client):
    cond, other = make_condition(), make_condition()
    # A post that matches far better than the article by word counts (title and body).
    make_thread(condition=cond, title="Spacer spacer spacer", body="spacer spacer spacer spacer spacer")
    a, reviewer = _published(cond, body="Clean the plastic chamber weekly; a spacer needs only warm water.")
    _published(other, title="Nebuliser care", body="Rinse the nebuliser cup after each use.")
    html = client.get("/search", query_string={"q": "spacer"}).get_data(as_text=True)
    assert "2 results for" in html
    article_at, post_at = html.index(f'href="/articles/{a.id}"'), html.index("Spacer spacer spacer")
    assert article_at < post_at
    item = html[html.rindex("<li", 0, article_at):html.index("</li>", article_at)]
    assert "Article" in item and cond.name in item and f"Reviewed by {reviewer.name}" in item
    assert f'href="/c/{cond.slug}/learn"' in item
    # Other pages of posts carry no articles; a condition filter applies to articles too.
    assert f"/articles/{a.id}" not in client.get("/search", query_string={"q": "spacer", "c": other.slug}).get_data(as_text=True)


def test_article_filters_author_and_condition(app):
    cond, other = make_condition(), make_condition()
    a, _ = _published(cond)
    assert find_articles(["spacer"], Filters(condition=other)) == []
    assert find_articles(["spacer"], Filters(author=make_user())) == []
    assert [h.article.id for h in find_articles(["spacer"], Filters(author=a.author, condition=cond))] == [a.id]


def test_article_candidates_are_bounded(app):
    app.config["ARTICLE_CANDIDATES"] = 2
    cond = make_condition()
    made = [_published(cond, title=f"Spacer guide {i}")[0].id for i in range(3)]
    assert {h.article.id for h in find_articles(["spacer"], Filters())} == set(made[-2:])


def test_api_search_lists_articles_first_then_posts_and_chat(app, client):
    from community.chat import services as chat

    cond = make_condition()
    member = make_user()
    forums.join_condition(actor=member, condition=cond)
    post = make_thread(condition=cond, title="My spacer squeaks", body="spacer noise")
    a, reviewer = _published(cond)
    chat.send(actor=member, room_key=f"condition:{cond.slug}", body="anyone else clean their spacer daily?", client_id="s1")
    headers = token_for(client, member)
    resp = client.get("/api/v1/search", query_string={"q": "spacer"}, headers=headers)
    assert resp.status_code == 200
    data = resp.get_json()
    assert [i["type"] for i in data["items"]] == ["article", "post"]
    art = data["items"][0]
    assert art["id"] == a.id and art["reviewed_by"] == reviewer.name and art["condition"]["slug"] == cond.slug
    assert art["link"] == f"/articles/{a.id}" and art["learn"] == f"/c/{cond.slug}/learn"
    assert data["items"][1]["id"] == post.post.id and data["items"][1]["thread_id"] == post.thread.id
    assert [m["room"] for m in data["messages"]] == [f"condition:{cond.slug}"]
    assert data["total"] == 1 and data["page"] == 1     # posts, which are paged; articles come on page 1
    bad = client.get("/api/v1/search", query_string={"q": "spacer", "since": "yesterday"},
                     headers=headers)
    assert bad.status_code == 422 and bad.get_json()["error"]["code"]
    assert client.get("/api/v1/search", query_string={"q": "spacer"}).status_code == 401
