"""Announcements (who may make them, fan-out to the right members, banners until dismissed or
expired) and link screening against the flagged-domain list."""
import datetime as dt

import pytest

from community.auth.models import Role
from community.db import utcnow
from community.education import announcements, domains
from community.education.models import DomainKind
from community.errors import Invalid, NotAllowed
from community.extensions import db
from community.forums import services as forums
from community.moderation.models import AuditEntry, QueueItem
from community.notifications.models import Notification
from tests.factories import make_condition, make_thread, make_user, token_for


def _joined(condition, *users):
    for u in users:
        forums.join_condition(actor=u, condition=condition)


def test_only_admins_announce(app):
    for role in (Role.PATIENT, Role.CLINICIAN, Role.MODERATOR, Role.QUALITY):
        with pytest.raises(NotAllowed):
            announcements.create_announcement(actor=make_user(role), title="Flu clinic", body="Book now", level="info")


def test_a_condition_announcement_notifies_its_members_once_and_not_the_author(app):
    admin = make_admin()
    cond, other = make_condition(), make_condition()
    inside, outside = make_user(), make_user()
    _joined(cond, inside, admin)
    _joined(other, outside)
    a = announcements.create_announcement(actor=admin, title="Clinic moves to Ward 5", body="From Monday.", level="urgent",
                                          condition=cond)
    rows = db.session.query(Notification).filter_by(kind="announcement").all()
    assert [(n.user_id, n.text, n.link) for n in rows] == [(inside.id, "Urgent: Clinic moves to Ward 5", f"/announcements/{a.id}")]
    assert db.session.query(AuditEntry).filter_by(action="announcement.created").count() == 1


def test_a_site_wide_announcement_reaches_everyone_but_the_author(app):
    admin = make_admin()
    members = [make_user() for _ in range(3)]
    announcements.create_announcement(actor=admin, title="Winter flu vaccines", body="Ask your GP.", level="info")
    assert sorted(n.user_id for n in db.session.query(Notification).filter_by(kind="announcement")) == sorted(m.id for m in members)


def test_bad_announcements_say_which_field(app):
    admin = make_admin()
    for kwargs, field in (({"level": "loud"}, "level"), ({"title": "x"}, "title"),
                          ({"expires_at": utcnow() - dt.timedelta(hours=1)}, "expires_at")):
        with pytest.raises(Invalid) as err:
            announcements.create_announcement(actor=admin, **{"title": "Flu clinic", "body": "Book now", "level": "info", **kwargs})
        assert err.value.field == field


def make_admin():
    return make_user(Role.ADMIN)


def test_the_banner_shows_until_dismissed_or_expired(app, client, auth):
    admin, patient = make_admin(), make_user()
    a = announcements.create_announcement(actor=admin, title="Pharmacy closed Friday", body="Collect early.", level="info",
                                          expires_at=utcnow() + dt.timedelta(days=1))
    auth.login(patient)
    assert "Pharmacy closed Friday" in client.get("/").get_data(as_text=True)
    assert client.post(f"/announcements/{a.id}/dismiss").status_code == 302
    assert "Pharmacy closed Friday" not in client.get("/").get_data(as_text=True)
    auth.logout()
    assert "Pharmacy closed Friday" in client.get("/").get_data(as_text=True)     # visitors see site-wide ones
    a.expires_at = utcnow() - dt.timedelta(seconds=1)
    db.session.commit()
    announcements.invalidate()
    assert "Pharmacy closed Friday" not in client.get("/").get_data(as_text=True)


def test_announcements_over_the_api(app, client):
    admin, cond = make_admin(), make_condition()
    r = client.post("/api/v1/announcements", headers=token_for(client, admin),
                    json={"title": "Outbreak: measles", "body": "Check your vaccinations.", "level": "urgent", "condition": cond.slug})
    assert r.status_code == 201
    assert client.post("/api/v1/announcements", headers=token_for(client, make_user()),
                       json={"title": "x y z", "body": "b", "level": "info"}).status_code == 403
    assert client.post("/api/v1/announcements", headers=token_for(client, admin),
                       json={"title": "Outbreak", "body": "b", "level": "info", "expires_at": "soon"}).status_code == 422


def test_posts_linking_to_a_flagged_domain_are_held_with_the_reason(app, client):
    domains.set_domain(actor=None, domain="miracle-cure.org", kind=DomainKind.FLAGGED)
    domains.set_domain(actor=None, domain="nhs.uk", kind=DomainKind.TRUSTED)
    t = make_thread()
    author = make_user()
    held = forums.reply(actor=author, thread=t.thread, body="This fixed my sugar: https://www.miracle-cure.org/insulin-free")
    assert held.status == "pending"
    item = db.session.query(QueueItem).filter_by(target_type="post", target_id=held.post.id).one()
    assert "misinformation_source" in item.reasons
    assert any(w["code"] == "misinformation_source" and w["domains"] == ["miracle-cure.org"] for w in held.warnings)
    fine = forums.reply(actor=author, thread=t.thread, body="The NHS page is clear: https://www.nhs.uk/conditions/diabetes/")
    assert fine.status == "published"
    r = client.post(f"/api/v1/threads/{t.thread.id}/posts", headers=token_for(client, author),
                    json={"body": "Also see miracle-cure.org/plan"})
    assert r.status_code == 201 and r.json["status"] == "pending"


def test_the_sources_cli_and_page(app, client, auth, runner):
    assert runner.invoke(args=["sources", "flag", "https://www.Miracle-Cure.org/x"]).output.strip() == "miracle-cure.org: flagged"
    assert runner.invoke(args=["sources", "trust", "nhs.uk"]).exit_code == 0
    bad = runner.invoke(args=["sources", "trust", "not a domain"])
    assert bad.exit_code != 0 and "domain" in bad.output
    auth.login(make_user())
    assert client.get("/admin/sources").status_code == 403
    auth.logout()
    auth.login(make_admin())
    html = client.get("/admin/sources").get_data(as_text=True)
    assert "miracle-cure.org" in html and "nhs.uk" in html
    r = client.post("/admin/sources", data={"domain": "??", "kind": "trusted", "note": ""})
    assert r.status_code == 422 and "??" in r.get_data(as_text=True)


def test_monitoring_is_for_moderators_and_quality_staff(app, client, auth, runner):
    domains.set_domain(actor=None, domain="miracle-cure.org", kind=DomainKind.FLAGGED)
    assert runner.invoke(args=["moderation", "watch", "detox cure", "--action", "flag"]).exit_code == 0
    make_thread(body="Look at https://www.miracle-cure.org/x and https://www.nhs.uk/y")
    make_thread(title="Detox question", body="Has anyone tried the detox cure for fatigue?")
    for role, status in ((Role.PATIENT, 403), (Role.CLINICIAN, 403), (Role.MODERATOR, 200), (Role.QUALITY, 200)):
        auth.login(make_user(role))
        r = client.get("/monitoring")
        assert r.status_code == status
        if status == 200:
            html = r.get_data(as_text=True)
            assert "miracle-cure.org" in html and "“detox cure”" in html and "links to flagged sources" in html
        auth.logout()


def test_sourced_notes_over_the_api(app, client):
    from tests.factories import make_clinician

    t = make_thread(body="Cinnamon cures diabetes")
    clin = make_clinician("Diabetes")
    src = [{"title": "Diabetes UK", "url": "https://www.diabetes.org.uk/myths"}]
    r = client.post(f"/api/v1/posts/{t.post.id}/notes", headers=token_for(client, clin), json={"body": "No evidence.", "sources": src})
    assert r.status_code == 201 and r.json["sources"][0]["url"] == src[0]["url"]
    assert client.post(f"/api/v1/posts/{t.post.id}/notes", headers=token_for(client, clin),
                       json={"body": "No evidence.", "sources": []}).status_code == 422
    assert client.post(f"/api/v1/posts/{t.post.id}/notes", headers=token_for(client, make_user()),
                       json={"body": "No evidence.", "sources": src}).status_code == 403
    assert db.session.query(Notification).filter_by(user_id=t.post.author_id, kind="note").count() == 1


def test_the_demo_shows_education(app, runner):
    from community.education.models import Announcement, Article, ArticleStatus
    from community.moderation.models import ContextNote

    assert runner.invoke(args=["demo", "load"]).exit_code == 0
    published = db.session.query(Article).filter(Article.status == ArticleStatus.PUBLISHED).all()
    assert len(published) == 4 and all(a.reviewed_by_id not in (None, a.author_id) for a in published)
    assert db.session.query(Announcement).count() == 1
    note = db.session.query(ContextNote).one()
    assert len(note.sources) == 2 and "nhs.uk" in note.body_html


def test_misinformation_reports_reach_verified_clinicians_who_answer_with_a_note(app, client, auth):
    from community.moderation import services as moderation
    from tests.factories import make_clinician

    t = make_thread(body="Stop your inhaler, steam cures asthma")
    moderation.report(actor=make_user(), target_type="post", target_id=t.post.id, reason="misinformation")
    other = make_thread(title="Another thread here", body="Rude words")
    moderation.report(actor=make_user(), target_type="post", target_id=other.post.id, reason="harassment")
    for who, status in ((make_user(), 403), (make_user(Role.CLINICIAN), 403), (make_user(Role.QUALITY), 403)):
        auth.login(who)
        assert client.get("/misinformation").status_code == status
        auth.logout()
    clin = make_clinician("Respiratory")
    auth.login(clin)
    html = client.get("/misinformation").get_data(as_text=True)
    assert "steam cures asthma" in html and "Rude words" not in html and "Answered with a note" not in html
    client.post(f"/posts/{t.post.id}/note", data={"body": "Steam does not treat asthma; keep your preventer.",
                                                  "sources": "Asthma: treatment | https://www.nhs.uk/conditions/asthma/treatment/"})
    assert "Answered with a note" in client.get("/misinformation").get_data(as_text=True)


def test_chat_messages_linking_to_a_flagged_domain_are_held(app, socket_client):

    domains.set_domain(actor=None, domain="miracle-cure.org", kind=DomainKind.FLAGGED)
    cond = make_condition()
    author = make_user()
    _joined(cond, author)
    sock = socket_client(author)
    room = f"condition:{cond.slug}"
    assert sock.emit("join", {"room": room}, namespace="/chat", callback=True)["ok"]
    ack = sock.emit("send", {"room": room, "body": "buy at https://miracle-cure.org/now", "client_id": "c1"},
                    namespace="/chat", callback=True)
    assert ack["status"] == "pending", ack


def test_a_note_is_edited_by_its_author_with_its_history_kept(app, client, auth):
    from community.moderation import services as moderation
    from tests.factories import make_clinician

    t = make_thread(body="Cinnamon cures diabetes")
    clin = make_clinician("Diabetes")
    note = moderation.add_context_note(actor=clin, post=t.post, body="No evidence for cinnamon.",
                                       sources=[{"title": "NHS", "url": "https://www.nhs.uk/"}])
    auth.login(make_clinician("Other"))
    r = client.post(f"/posts/{t.post.id}/notes", data={"note_id": note.id, "body": "Hijacked", "sources": "x | https://x.org"})
    assert r.status_code == 403
    auth.logout()
    auth.login(clin)
    r = client.post(f"/posts/{t.post.id}/notes", data={"note_id": note.id, "body": "Still no evidence.", "sources": "no url"})
    assert r.status_code == 422 and "Still no evidence." in r.get_data(as_text=True)
    r = client.post(f"/posts/{t.post.id}/notes", data={"note_id": note.id, "body": "No good evidence that cinnamon lowers HbA1c.",
                                                       "sources": "Diabetes UK | https://www.diabetes.org.uk/"})
    assert r.status_code == 302
    page = client.get(f"/posts/{t.post.id}/notes").get_data(as_text=True)
    assert "No good evidence that cinnamon" in page and "No evidence for cinnamon." in page   # history kept
    assert "diabetes.org.uk" in client.get(f"/t/{t.thread.id}").get_data(as_text=True)


def test_the_thread_json_carries_each_posts_sourced_notes(app, client):
    from community.moderation import services as moderation
    from tests.factories import make_clinician

    t = make_thread(body="Cinnamon cures diabetes")
    clin = make_clinician("Diabetes")
    moderation.add_context_note(actor=clin, post=t.post, body="No good evidence for this.",
                                sources=[{"title": "NHS", "url": "https://www.nhs.uk/"}])
    data = client.get(f"/api/v1/threads/{t.thread.id}", headers=token_for(client, make_user())).get_json()
    [post] = data["posts"]
    assert post["notes"] == [{"body": "No good evidence for this.", "kind": "clinician", "author": {"name": clin.name},
                              "sources": [{"title": "NHS", "url": "https://www.nhs.uk/", "publisher": "", "date": ""}]}]
