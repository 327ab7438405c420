"""Chat pages: the lobby, a room (condition or private conversation), private conversation
requests and blocks. The room page is server-rendered and works without JavaScript (a plain
form posts a message); with JavaScript, static/js/chat.js takes over over Socket.IO."""
from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from .. import permissions
from ..auth import services as accounts
from ..errors import DomainError, handled
from ..extensions import db
from ..ignoring.services import ignored_usernames
from ..moderation.safety import set_room_slow_mode
from . import services
from .delivery import presence
from .forms import MessageForm
from .models import DirectState, RoomKind

bp = Blueprint("chat", __name__)


def _room_page(room_key: str, form: MessageForm | None = None, problem: DomainError | None = None,
               status: int = 200) -> Any:
    try:
        room, messages, more = services.history(actor=current_user, room_key=room_key)
    except DomainError as err:
        handled(err)
        if err.code == "not_member" and room_key.startswith("condition:"):
            flash(err.message, "info")
            return redirect(url_for("forums.condition", slug=room_key.split(":", 1)[1]))
        abort(404)
    can_send, why_not = services.can_write(current_user, room)
    ignored = ignored_usernames(current_user)
    conv = services.direct_of(room)
    other = db.session.get(type(current_user._get_current_object()), conv.other(current_user.id)) if conv else None
    return render_template(
        "chat/room.html", room=room, room_key=room.key, title=services.room_title(room, current_user),
        messages=messages, more=more, form=form or MessageForm(), problem=problem, can_send=can_send,
        why_not=why_not, last_read_id=services.read_position(current_user, room), other=other,
        online=presence.online(room.key, leaving_out=set(ignored)), ignored=ignored,
        can_moderate=permissions.can_moderate(current_user),
    ), status


def _post_message(room_key: str) -> Any:
    form = MessageForm()
    if not form.validate_on_submit():
        return _room_page(room_key, form, status=422)
    try:
        services.check_rate(current_user.id)   # the socket's limit (the form is another way to send)
        sent = services.send(actor=current_user, room_key=room_key, body=form.body.data,
                             client_id=form.client_id.data or None, confirm_identifiers=bool(form.confirm.data))
    except DomainError as err:
        handled(err)
        if err.code == "confirm_identifiers":
            form.confirm.data = False
        form.body.errors = [*form.body.errors, err.message]
        return _room_page(room_key, form, problem=err, status=429 if err.code == "rate_limited" else 422)
    for w in sent.warnings:
        if w["code"] in ("crisis", "possible_crisis"):
            key = sent.room.key
            flash(key.split(":", 1)[1] if key.startswith("condition:") else "", w["code"])
        elif w["code"] != "held":   # held: said by the notice below
            flash(w["message"], "warning")
    told = sent.notice()
    if told.held or told.help:   # a plain sent message shows in the room itself
        flash(told.text, f"notice-{told.level}")
    return redirect(request.path + f"#m-{sent.message.id}")


@bp.get("/chat")
@login_required
def lobby():  # type: ignore[no-untyped-def]
    rooms = services.rooms_for(current_user)
    unread = services.unread_counts(actor=current_user, rooms=rooms)
    conditions = [r for r in rooms if r.kind == RoomKind.CONDITION]
    private = [r for r in rooms if r.kind == RoomKind.DIRECT]
    requests = [c for c in services.conversations(actor=current_user)
                if c.state == DirectState.REQUESTED and c.requested_by_id != current_user.id]
    return render_template("chat/lobby.html", conditions=conditions, private=private, unread=unread,
                           online={r.key: presence.count(r.key) for r in rooms}, requests=requests,
                           hide_presence=services.hides_presence(current_user.id),
                           title_of=lambda r: services.room_title(r, current_user))


@bp.post("/chat/presence")
@login_required
def presence_setting():  # type: ignore[no-untyped-def]
    hide = request.form.get("hide") == "1"
    services.set_hide_presence(actor=current_user, hide=hide)
    flash("Others no longer see when you are online." if hide else "Others can see when you are online.", "success")
    return redirect(url_for("chat.lobby"))


@bp.route("/chat/<slug>", methods=["GET", "POST"])
@login_required
def room(slug: str):  # type: ignore[no-untyped-def]
    if request.method == "POST":
        return _post_message(f"condition:{slug}")
    return _room_page(f"condition:{slug}")


@bp.get("/chat/private")
@login_required
def private():  # type: ignore[no-untyped-def]
    convs = services.conversations(actor=current_user)
    rows = [{"conv": c, "other": db.session.get(type(current_user._get_current_object()), c.other(current_user.id))} for c in convs]
    return render_template("chat/private.html", rows=rows, blocked=services.blocked_by(current_user))


@bp.route("/chat/private/<int:room_id>", methods=["GET", "POST"])
@login_required
def conversation(room_id: int):  # type: ignore[no-untyped-def]
    if request.method == "POST":
        return _post_message(f"dm:{room_id}")
    return _room_page(f"dm:{room_id}")


@bp.post("/chat/private/<int:room_id>/answer")
@login_required
def answer(room_id: int):  # type: ignore[no-untyped-def]
    accept = request.form.get("accept") == "1"
    try:
        conv = services.answer_request(actor=current_user, room_id=room_id, accept=accept)
    except DomainError as err:
        flash(handled(err).message, "error")
        return redirect(url_for("chat.private"))
    if accept:
        return redirect(url_for("chat.conversation", room_id=conv.room_id))
    flash("Request declined.", "info")
    return redirect(url_for("chat.private"))


@bp.route("/members/<username>/message", methods=["GET", "POST"])
@login_required
def request_dm(username: str):  # type: ignore[no-untyped-def]
    other = accounts.get_user(username)
    existing = services.conversation_between(current_user, other)
    if existing is not None and existing.state == DirectState.OPEN:
        return redirect(url_for("chat.conversation", room_id=existing.room_id))
    refusal = services.dm_refusal(current_user, other)
    error = None
    if request.method == "POST":
        try:
            services.request_conversation(actor=current_user, other=other)
        except DomainError as err:
            error = handled(err).message
        else:
            flash(f"Request sent: the conversation opens when {other.name} accepts.", "success")
            return redirect(url_for("chat.private"))
    return render_template("chat/request.html", other=other, refusal=refusal, error=error,
                           pending=existing is not None and existing.state == DirectState.REQUESTED), 403 if error else 200


@bp.post("/members/<username>/block")
@login_required
def block(username: str):  # type: ignore[no-untyped-def]
    other = accounts.get_user(username)
    try:
        if request.form.get("unblock") == "1":
            services.unblock(actor=current_user, other=other)
            flash(f"You unblocked {other.name}.", "success")
        else:
            services.block(actor=current_user, other=other)
            flash(f"You blocked {other.name}: no messages or requests between you.", "success")
    except DomainError as err:
        flash(handled(err).message, "error")
    return redirect(url_for("chat.private"))


@bp.post("/chat/<slug>/slow-mode")
@login_required
def slow_mode(slug: str):  # type: ignore[no-untyped-def]
    """Moderators turn a condition room's slow mode on, change it or turn it off (audited)."""
    if not permissions.can_moderate(current_user):
        abort(403)
    try:
        room = services.room_by_key(f"condition:{slug}")
    except DomainError as err:
        handled(err)
        abort(404)
    raw = (request.form.get("slow_mode_seconds") or "").strip()
    try:
        set_room_slow_mode(actor=current_user, room=room, slow_mode_seconds=int(raw) if raw.isdigit() else -1,
                           reason=request.form.get("reason", ""))
    except DomainError as err:
        handled(err)
        flash(err.message, "error")
        return redirect(url_for("chat.room", slug=slug)), 303
    flash(f"Slow mode: {room.slow_mode_seconds} seconds." if room.slow_mode_seconds else "Slow mode is off.", "info")
    return redirect(url_for("chat.room", slug=slug))
