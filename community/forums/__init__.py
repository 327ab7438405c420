"""Condition forums: communities, threads, posts, Markdown and search.

- `models.py`: conditions, memberships, threads, posts, revisions (the ORM; every write).
- `services.py`: the use cases (join, start a thread, reply, edit, delete), one commit each.
- `reading.py`: the read models of the hot pages (a thread's page, a condition's page), one
  statement each, used by the HTML pages and the API alike; `rows.py`: their row types.
- `fragments.py` and `cards.py`: a post card's cached HTML, the viewer-independent head and
  the viewer's part (made from facts computed once per page).
- `markdown.py`, `search.py`: rendering and the full-text index; `moderation_target.py`:
  posts as a moderation target.
- `views.py`, `forms.py`: the pages (adapters)."""
