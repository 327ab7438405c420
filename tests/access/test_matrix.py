"""Every route in `app.url_map` x every kind of visitor (anonymous, patient, clinician,
moderator, quality, admin) answers with the status in EXPECTED below. A new route without an
entry fails this test: whoever adds a route decides, here, who may reach it.

"L" is a redirect to the login page. Requests carry no form data (a POST that needs fields answers 422 or sends the visitor back), so
the table is about who gets in: 2xx/3xx/422 for those allowed, 302 to the login page, 401, 403
or 404 for those who are not. API routes are called with the member's bearer token.
Set HARBOR_PRINT_MATRIX=1 to print what the server answers, in the table's format."""
from __future__ import annotations

import os

import pytest
from flask import url_for

from community.auth import services as accounts
from community.auth.models import Role
from community.forums import services as forums
from community.moderation import services as moderation
from tests.conftest import login
from tests.factories import make_clinician, make_condition, make_reply, make_thread, make_user

ROLES = ("anonymous", "patient", "clinician", "moderator", "quality", "admin")

# "endpoint METHOD": statuses for anonymous, patient, clinician, moderator, quality, admin.
EXPECTED: dict[str, str] = {
    'api.conditions GET':                 "401 200 200 200 200 200",
    'api.create_report POST':             "401 400 400 400 400 400",
    'api.create_token POST':              "400 400 400 400 400 400",
    'api.decision POST':                  "401 400 400 400 400 400",
    'api.export GET':                     "401 403 403 403 200 200",
    'api.give_feedback POST':             "401 400 400 400 400 400",
    'api.moderation_queue GET':           "401 403 403 200 403 200",
    'api.openapi GET':                    "200 200 200 200 200 200",
    'api.reply POST':                     "401 400 400 400 400 400",
    'api.start_thread POST':              "401 400 400 400 400 400",
    'api.search GET':                     "401 400 400 400 400 400",
    'api.thread GET':                     "401 200 200 200 200 200",
    'api.threads GET':                    "401 200 200 200 200 200",
    'auth.admin_set_role POST':           "L 403 403 403 403 302",
    'auth.admin_users GET':               "L 403 403 403 403 200",
    'auth.delete_account GET':            "L 200 200 200 200 200",
    'auth.delete_account POST':           "L 422 422 422 422 422",
    'auth.download_data GET':             "L 200 200 200 200 200",
    'auth.login GET':                     "200 200 200 200 200 200",
    'auth.login POST':                    "401 401 401 401 401 401",
    'auth.logout POST':                   "L 302 302 302 302 302",
    'auth.member GET':                    "L 200 200 200 200 200",
    'auth.members GET':                   "L 200 200 200 200 200",
    'auth.password GET':                  "L 200 200 200 200 200",
    'auth.password POST':                 "L 422 422 422 422 422",
    'auth.profile_settings GET':          "L 200 200 200 200 200",
    'auth.profile_settings POST':         "L 302 302 302 302 302",
    'auth.register GET':                  "200 200 200 200 200 200",
    'auth.register POST':                 "422 422 422 422 422 422",
    'chat.answer POST':                   "L 302 302 302 302 302",
    'chat.block POST':                    "L 302 302 302 302 302",
    'ignoring.toggle POST':               "L 302 302 302 302 302",
    'ignoring.settings GET':              "L 200 200 200 200 200",
    'chat.conversation GET':              "L 404 404 404 404 404",
    'chat.conversation POST':             "L 404 404 404 404 404",
    'chat.lobby GET':                     "L 200 200 200 200 200",
    'chat.presence_setting POST':         "L 302 302 302 302 302",
    'chat.private GET':                   "L 200 200 200 200 200",
    'chat.request_dm GET':                "L 200 200 200 200 200",
    'chat.request_dm POST':               "L 403 403 403 403 403",
    'chat.room GET':                      "L 200 200 200 200 200",
    'chat.room POST':                     "L 422 422 422 422 422",
    'chat.slow_mode POST':                "L 403 403 303 403 303",
    'clinicians.answer POST':             "L 302 302 302 302 302",
    'clinicians.application GET':         "L 403 403 403 403 200",
    'clinicians.application POST':        "L 403 403 403 403 400",
    'clinicians.apply GET':               "L 200 200 200 200 200",
    'clinicians.apply POST':              "L 422 422 422 422 422",
    'clinicians.document GET':            "L 404 403 404 404 404",
    'clinicians.helpful POST':            "L 302 302 302 302 302",
    'clinicians.queue GET':               "L 403 403 403 403 200",
    'clinicians.waiting GET':             "L 403 200 403 403 403",
    'clinicians.waiting POST':            "L 302 302 302 302 302",
    'feedback.dashboard GET':             "L 403 403 403 200 200",
    'feedback.download GET':              "L 403 403 403 200 200",
    'feedback.new GET':                   "L 200 200 200 200 200",
    'feedback.new POST':                  "L 422 422 422 422 422",
    'feedback.remove_term POST':          "L 403 403 403 404 404",
    'feedback.revoke_token POST':         "L 403 403 403 404 404",
    'feedback.thanks GET':                "L 200 200 200 200 200",
    'feedback.themes GET':                "L 403 403 403 200 200",
    'feedback.themes POST':               "L 403 403 403 422 422",
    'feedback.tokens GET':                "L 403 403 403 200 200",
    'feedback.tokens POST':               "L 403 403 403 422 422",
    'forums.condition GET':               "200 200 200 200 200 200",
    'forums.delete POST':                 "L 403 403 302 404 404",
    'forums.edit GET':                    "L 403 403 403 403 403",
    'forums.edit POST':                   "L 403 403 403 403 403",
    'forums.index GET':                   "200 200 200 200 200 200",
    'forums.join POST':                   "L 302 302 302 302 302",
    'forums.new_condition GET':           "L 403 403 403 403 200",
    'forums.new_condition POST':          "L 403 403 403 403 422",
    'forums.new_thread GET':              "L 200 200 200 200 200",
    'forums.new_thread POST':             "L 422 422 422 422 422",
    'forums.reply POST':                  "L 422 422 422 422 422",
    'forums.revisions GET':               "L 403 403 200 403 200",
    'forums.search GET':                  "200 200 200 200 200 200",
    'forums.thread GET':                  "200 200 200 200 200 200",
    'moderation.add_note POST':           "L 403 422 422 403 422",
    'moderation.audit GET':               "L 403 403 200 403 200",
    'moderation.audit_csv GET':           "L 403 403 403 403 200",
    'moderation.bulk POST':               "L 403 403 422 403 422",
    'moderation.claim POST':              "L 403 403 302 403 302",
    'moderation.decide POST':             "L 403 403 422 403 422",
    'moderation.item GET':                "L 403 403 200 403 200",
    'moderation.lift POST':               "L 403 403 404 403 404",
    'moderation.member GET':              "L 403 403 200 403 200",
    'moderation.member POST':             "L 403 403 422 403 422",
    'moderation.queue GET':               "L 403 403 200 403 200",
    'moderation.report GET':              "L 200 200 200 200 200",
    'moderation.report POST':             "L 422 422 422 422 422",
    'moderation.report_user GET':         "L 302 302 302 302 302",
    'moderation.starter POST':            "L 403 403 302 403 302",
    'moderation.unwatch POST':            "L 403 403 404 403 404",
    'moderation.watched GET':             "L 403 403 200 403 200",
    'moderation.watched POST':            "L 403 403 422 403 422",
    'pages.about GET':                    "200 200 200 200 200 200",
    'pages.guidelines GET':               "200 200 200 200 200 200",
    'pages.privacy GET':                  "200 200 200 200 200 200",
    'pages.terms GET':                    "200 200 200 200 200 200",
    'static GET':                         "200 200 200 200 200 200",
    # second round
    'api.add_note POST':                   "401 400 400 400 400 400",
    'api.api_add PUT':                     "401 200 200 200 200 200",
    'api.api_remove DELETE':               "401 200 200 200 200 200",
    'api.create_announcement POST':        "401 400 400 400 400 400",
    'api.create_appeal POST':              "401 400 400 400 400 400",
    'api.create_article POST':             "401 400 400 400 400 400",
    'api.escalate POST':                   "401 400 400 400 400 400",
    'api.get_article GET':                 "401 404 404 404 404 404",
    'api.join PUT':                        "401 204 204 204 204 204",
    'api.leave DELETE':                    "401 204 204 204 204 204",
    'api.api_ignore PUT':                  "401 204 204 204 204 204",
    'api.api_stop DELETE':                 "401 204 204 204 204 204",
    'api.list_articles GET':               "401 200 200 200 200 200",
    'api.my_feedback GET':                 "401 200 200 200 200 200",
    'api.notifications GET':               "401 200 200 200 200 200",
    'api.notifications_read POST':         "401 400 400 400 400 400",
    'api.outreach POST':                   "401 400 400 400 400 400",
    'api.respond POST':                    "401 400 400 400 400 400",
    'api.review_article POST':             "401 400 400 400 400 400",
    'api.subscription PUT':                "401 400 400 400 400 400",
    'api.thread_controls PATCH':           "401 400 400 400 400 400",
    'composer.get_draft GET':              "L 422 422 422 422 422",
    'composer.preview POST':               "L 422 422 422 422 422",
    'composer.save_draft PUT':             "L 422 422 422 422 422",
    'education.announcement GET':          "404 404 404 404 404 404",
    'education.article GET':               "404 404 404 404 404 404",
    'education.ask POST':                  "L 404 404 404 404 404",
    'education.dismiss POST':              "302 404 404 404 404 404",
    'education.edit_article GET':          "L 404 404 404 404 404",
    'education.edit_article POST':         "L 404 404 404 404 404",
    'education.learn GET':                 "200 200 200 200 200 200",
    'education.manage_announcements GET':  "L 403 403 403 403 200",
    'education.manage_announcements POST': "L 403 403 403 403 422",
    'education.misinformation_queue GET':  "L 403 200 200 403 200",
    'education.monitoring_page GET':       "L 403 403 200 200 200",
    'education.new_article GET':           "L 200 200 200 200 200",
    'education.new_article POST':          "L 422 422 422 422 422",
    'education.remove_source POST':        "L 403 403 403 403 404",
    'education.review POST':               "L 404 404 404 404 404",
    'education.review_queue GET':          "L 200 200 200 200 200",
    'education.revisions GET':             "L 404 404 404 404 404",
    'education.sources GET':               "L 403 403 403 403 200",
    'education.sources POST':              "L 403 403 403 403 422",
    'education.withdraw POST':             "L 403 403 403 403 404",
    'feedback.acknowledge POST':           "L 404 404 404 404 404",
    'feedback.add_responder POST':         "L 403 403 403 403 404",
    'feedback.agreement GET':              "L 403 403 403 200 200",
    'feedback.branch GET':                 "L 404 404 404 404 404",
    'feedback.correct_tags POST':          "L 403 403 403 404 404",
    # forum posts' tags (the matrix's post is by a member without consent: not in the care quality data)
    'feedback.posts GET':                  "L 403 403 403 200 200",
    'feedback.post_item GET':              "L 403 403 403 404 404",
    'feedback.correct_post_tags POST':     "L 403 403 403 404 404",
    'feedback.item GET':                   "L 404 404 404 404 404",
    'feedback.mine GET':                   "L 200 200 200 200 200",
    'feedback.public_index GET':           "200 200 200 200 200 200",
    'feedback.public_service GET':         "404 404 404 404 404 404",
    'feedback.publication POST':           "L 404 404 404 404 404",
    'feedback.remove_responder POST':      "L 403 403 403 403 404",
    'feedback.respond POST':               "L 404 404 404 404 404",
    'feedback.services_page GET':          "L 403 200 403 200 200",
    'feedback.services_page POST':         "L 403 403 403 403 422",
    'feedback.subscription POST':          "L 403 403 403 404 404",
    'moderation.appeals GET':              "L 200 200 200 200 200",
    'moderation.appeals POST':             "L 422 422 422 422 422",
    'moderation.outreach GET':             "L 404 404 404 404 404",
    'moderation.outreach POST':            "L 404 404 404 404 404",
    'moderation.outreach_templates GET':   "L 403 403 200 403 200",
    'moderation.outreach_templates POST':  "L 403 403 422 403 422",
    'moderation.post_notes GET':           "L 200 200 200 200 200",
    'moderation.post_notes POST':          "L 404 404 404 404 404",
    'moderation.send_outreach POST':       "L 403 403 422 403 422",
    'moderation.send_member_outreach POST': "L 403 403 422 403 422",
    'moderation.thread_controls POST':     "L 403 403 302 403 302",
    'notifications.bookmark POST':         "L 302 302 302 302 302",
    'notifications.bookmarks GET':         "L 200 200 200 200 200",
    'notifications.index GET':             "L 200 200 200 200 200",
    'notifications.mark_thread_read POST': "L 400 400 400 400 400",
    'notifications.member_names GET':      "L 200 200 200 200 200",
    'notifications.open_one GET':          "L 404 404 404 404 404",
    'notifications.permalink GET':         "302 302 302 302 302 302",
    'notifications.read POST':             "L 302 302 302 302 302",
    'notifications.settings GET':          "L 200 200 200 200 200",
    'notifications.settings POST':         "L 200 200 200 200 200",
    'notifications.subscription POST':     "L 302 302 302 302 302",
    'notifications.watch_condition POST':  "L 302 302 302 302 302",
    'reactions.react POST':                "L 422 422 422 422 422",
    'reactions.who GET':                   "L 200 200 200 200 200",
    'api.api_confirm_reset POST':          "400 400 400 400 400 400",
    'api.api_request_reset POST':          "400 400 400 400 400 400",
    'auth_reset.forgot_page GET':          "200 200 200 200 200 200",
    'auth_reset.forgot_page POST':         "422 422 422 422 422 422",
    'auth_reset.reset_page GET':           "404 404 404 404 404 404",
    'auth_reset.reset_page POST':          "404 404 404 404 404 404",
    'mail.discard POST':                   "L 403 403 403 403 404",
    'mail.outbox GET':                     "L 403 403 403 403 200",
    'mail.retry POST':                     "L 403 403 403 403 302",
    'mail.settings GET':                   "L 200 200 200 200 200",
    'mail.settings POST':                  "L 422 422 422 422 422",
    'mail.unsubscribe GET':                "404 404 404 404 404 404",
    'mail.unsubscribe POST':               "404 404 404 404 404 404",
    'mail.verify_email GET':               "400 400 400 400 400 400",
    # account security (issue 13): two-step sign-in, devices, sign-in history, API tokens
    'account.admin_reset_mfa POST':        "L 403 403 403 403 302",
    'api.list_tokens GET':                 "401 200 200 200 200 200",
    'api.delete_token DELETE':             "401 404 404 404 404 404",
    'account.login_code GET':              "L L L L L L",
    'account.login_code POST':             "L L L L L L",
    'account.tokens_page GET':             "L 200 200 200 200 200",
    'account.tokens_page POST':            "L 422 422 422 422 422",
    'account.revoke_token POST':           "L 404 404 404 404 404",
    'account.devices GET':                 "L 200 200 200 200 200",
    'account.revoke_device POST':          "L 404 404 404 404 404",
    'account.revoke_other_devices POST':   "L 302 302 302 302 302",
    'account.signins GET':                 "L 200 200 200 200 200",
    'account.mfa_setup GET':               "L 200 200 200 200 200",
    'account.mfa_setup POST':              "L 422 422 422 422 422",
    'account.mfa_disable POST':            "L 302 302 302 302 302",
    # hospital sign-in (issue 13 item 6): 404 while OIDC_ISSUER / OIDC_CLIENT_ID are not set, as
    # here; configured, tests/oidc/test_routes.py has the same routes for every kind of visitor
    'oidc.start GET':                      "404 404 404 404 404 404",
    'oidc.callback GET':                   "404 404 404 404 404 404",
    'oidc.link GET':                       "404 404 404 404 404 404",
    'oidc.link POST':                      "404 404 404 404 404 404",
    'oidc.join GET':                       "404 404 404 404 404 404",
    'oidc.join POST':                      "404 404 404 404 404 404",
    # "Confirm with <label>" (auth/reauth_views.py): members only, 404 while OIDC is off (configured:
    # tests/oidc/test_routes.py)
    'reauth.confirm_identity POST':        "L 404 404 404 404 404",
}


def _objects():
    cond = make_condition(slug="asthma")
    peer = make_user(username="peer_one")
    forums.join_condition(actor=peer, condition=cond)
    started = make_thread(author=peer, condition=cond)
    make_reply(started.thread, author=make_user())
    report = moderation.report(actor=make_user(), target_type="post", target_id=started.post.id, reason="spam")
    clinician = make_clinician(username="clin_matrix")
    from community.clinicians.models import Verification

    from community.extensions import db

    vid = db.session.query(Verification).filter_by(user_id=clinician.id).one().id
    users = {"patient": make_user(Role.PATIENT, username="pat_matrix"), "clinician": clinician,
             "moderator": make_user(Role.MODERATOR, username="mod_matrix"), "quality": make_user(Role.QUALITY, username="qua_matrix"),
             "admin": make_user(Role.ADMIN, username="adm_matrix")}
    for u in users.values():
        forums.join_condition(actor=u, condition=cond)
    values = {"slug": cond.slug, "thread_id": started.thread.id, "post_id": started.post.id, "item_id": report.queue_item_id
              if hasattr(report, "queue_item_id") else 1, "username": peer.username, "user_id": peer.id, "vid": vid,
              "room_id": 999, "term_id": 999, "token_id": 999, "word_id": 999, "sanction_id": 999, "target_type": "post",
              "target_id": started.post.id, "fmt": "csv", "filename": "css/harbor.css",
              # second-round capabilities: ids of nothing (a 404 for whoever gets past the permission check)
              "announcement_id": 999, "article_id": 999, "domain_id": 999, "feedback_id": 999, "notification_id": 999,
              "outreach_id": 999, "responder_id": 999, "service_id": 999, "kind": "heart", "key": "reply", "name": "about",
              "token": "not-a-token", "mail_id": 2_000_000_000, "session_id": 2_000_000_000}  # ids no test row reaches (PG sequences are not reset)
    # Routes that change what they act on get a target of their own, so the rest of the table
    # doesn't depend on the order routes are tried in.
    doomed = make_thread(author=peer, condition=cond, title="A thread the delete route may remove")
    OWN_TARGETS.clear()
    OWN_TARGETS["forums.delete"] = {"post_id": doomed.post.id}
    return users, values


OWN_TARGETS: dict[str, dict[str, object]] = {}


def _routes(app):
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            yield f"{rule.endpoint} {method}", rule, method


def test_every_route_has_an_expectation(app):
    keys = {key for key, _rule, _method in _routes(app)}
    missing = sorted(keys - set(EXPECTED))
    stale = sorted(set(EXPECTED) - keys)
    assert not missing, "routes without an entry in EXPECTED (decide who may reach them): " + ", ".join(missing)
    assert not stale, "EXPECTED names routes that no longer exist: " + ", ".join(stale)


def test_access_matrix(app):
    users, values = _objects()
    tokens = {name: accounts.create_token(actor=u, name="matrix") for name, u in users.items()}
    observed: dict[str, list[int | str]] = {}
    for key, rule, method in _routes(app):
        mine = {**values, **OWN_TARGETS.get(rule.endpoint, {})}
        with app.test_request_context():
            url = url_for(rule.endpoint, **{a: mine[a] for a in rule.arguments})
        codes = []
        for role in ROLES:
            client = app.test_client()
            headers = {}
            if role != "anonymous":
                if url.startswith("/api/"):
                    headers["Authorization"] = "Bearer " + tokens[role]
                else:
                    login(client, users[role])   # staff also pass the two-step code
            resp = client.open(url, method=method, headers=headers)
            to_login = resp.status_code == 302 and resp.headers.get("Location", "").startswith("/login")
            codes.append("L" if to_login else resp.status_code)
            resp.get_data()   # a streamed export finishes (and closes its database cursor)
            resp.close()
        observed[key] = codes
    if os.environ.get("HARBOR_PRINT_MATRIX"):
        width = max(len(k) for k in observed) + 3
        print("\n" + "\n".join(f"    {repr(k) + ':':<{width}} \"{' '.join(map(str, v))}\"," for k, v in observed.items()))
    wrong = {k: " ".join(map(str, v)) for k, v in observed.items() if k in EXPECTED and EXPECTED[k] != " ".join(map(str, v))}
    assert not wrong, "\n".join(f"{k}: expected {EXPECTED[k]}, got {v}" for k, v in wrong.items())
    assert all(code == "L" or code < 500 for codes in observed.values() for code in codes)
