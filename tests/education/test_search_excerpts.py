"""Search excerpts are the words a reader sees, not Markdown (QA: "## Using a **spacer** ... [NHS](https://...)"
in the results), and nothing in an article or post becomes HTML in them."""
from __future__ import annotations

from community.education import articles
from tests.factories import make_clinician, make_condition, make_thread, make_user, token_for

SOURCES = [{"title": "NHS: asthma", "url": "https://www.nhs.uk/conditions/asthma/", "publisher": "NHS"}]
BODY = ("## Cleaning your spacer\n\n- Wash the **spacer** in _warm_ soapy water once a month.\n"
        "- Let it dry in the air; see [the NHS page](https://www.nhs.uk/conditions/asthma/).\n\n"
        "| When | What |\n|---|---|\n| monthly | wash |\n\n`code` <img src=x onerror=alert(1)> &amp; done")


def _excerpt(html: str, href: str) -> str:
    at = html.index(f'href="{href}"')
    item = html[at:html.index("</li>", at)]
    return item[item.index("<p>") + 3:item.index("</p>")]


def test_article_excerpt_is_plain_text(app, client):
    cond = make_condition()
    a = articles.create_article(actor=make_clinician("Respiratory"), condition=cond, title="Spacer care", body=BODY, sources=SOURCES)
    articles.review_article(actor=make_clinician("Respiratory"), article=a, action="approve")
    page = client.get("/search", query_string={"q": "spacer"}).get_data(as_text=True)
    text = _excerpt(page, f"/articles/{a.id}")
    for markup in ("##", "**", "_warm_", "](", "|---", "`"):
        assert markup not in text, markup
    assert "Cleaning your <mark>spacer</mark> Wash the <mark>spacer</mark> in warm soapy water" in text
    assert "see the NHS page." in text and "https://www.nhs.uk" not in text
    assert "<img" not in text and "code &lt;img src=x" in text
    api = client.get("/api/v1/search", query_string={"q": "spacer"}, headers=token_for(client, make_user()))
    [item] = [i for i in api.json["items"] if i.get("type") == "article"]
    assert "**" not in item["snippet_html"] and "Cleaning your <mark>spacer</mark>" in item["snippet_html"]


def test_post_excerpt_is_plain_text(app, client):
    t = make_thread(title="Spacer question", body="Do you **wash** your spacer? I read [this](https://example.org/x) <b>first</b>")
    page = client.get("/search", query_string={"q": "wash"}).get_data(as_text=True)
    assert "Do you <mark>wash</mark> your spacer? I read this &lt;b&gt;first&lt;/b&gt;" in page
    assert f'href="/t/{t.thread.id}' in page
