"""Browser sessions held on the server. The cookie carries only a random key, signed; the
`user_sessions` row (keyed by the key's SHA-256) holds the session's data, whose account it
signs in, the account's session_version at sign-in, the device label and when it was last seen.

So logging out, a password change, a ban or "sign out other devices" end a session for real:
the row goes (or its session_version no longer matches) and a saved cookie opens nothing.
Signed-in sessions end `SESSION_MAX_DAYS` after sign-in, and staff sessions after
`STAFF_IDLE_MINUTES` without a request. `last_seen_at` is written at most once a minute, so
reading pages does not write on every request. Anonymous sessions (a form's CSRF token, a
flash message) get a row only when they hold something, for a day."""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import secrets
from typing import Any

import sqlalchemy as sa
from flask import Flask, Request, Response
from flask.json.tag import TaggedJSONSerializer
from flask.sessions import SessionInterface, SessionMixin
from itsdangerous import BadSignature, Signer
from werkzeug.datastructures import CallbackDict

from .. import events
from ..db import utcnow
from ..extensions import db, read_only
from . import loading
from .devices import device_label, network_of
from .models import ApiToken, Role, User, UserSession

SEEN_EVERY = dt.timedelta(minutes=1)
ANONYMOUS_LIFETIME = dt.timedelta(days=1)
IDLE_ROLES = {Role.MODERATOR, Role.QUALITY, Role.ADMIN}
CHAT_KEY = "chat_key"      # set by the chat namespace at sign-in: which sockets belong to a session
_serializer = TaggedJSONSerializer()


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class ServerSession(CallbackDict[str, Any], SessionMixin):
    def __init__(self, initial: dict[str, Any] | None = None, *, row_id: int | None = None,
                 user_id: int | None = None, expires_at: dt.datetime | None = None, enabled: bool = True):
        def on_update(self: ServerSession) -> None:
            self.modified = True
            self.accessed = True

        super().__init__(initial, on_update)
        self.row_id = row_id
        self.user_id = user_id          # the account this session's row signs in
        self.expires_at = expires_at
        self.enabled = enabled
        self.modified = False
        self.accessed = False
        self.rotate = False             # set at sign-in: a new key, so a planted one is worth nothing
        self.outer = False              # opened inside a transaction that is not the request's own
        self.account: User | None = None  # the account the row signs in, as loaded with it


def _user_of(data: dict[str, Any]) -> tuple[int | None, int | None]:
    raw = str(data.get("_user_id") or "")
    try:
        uid, version = (int(x) for x in raw.split(":", 1))
    except ValueError:
        return None, None
    return uid, version


def _commit_keeping_objects() -> None:
    """Commit without expiring what the request has loaded: a streamed response (the feedback
    export) goes on using the signed-in user after the session is saved."""
    db.session().commit(keep_objects=True)


def _end_read(failed: bool = False) -> None:
    """Leave whatever transaction the scoped session is in, so a write can take the lock: a
    failed request's is rolled back, a finished one's (services have committed) closed."""
    s = db.session()
    if not s.in_transaction():
        return
    if failed or s.new or s.dirty or s.deleted:
        s.rollback()
    else:
        _commit_keeping_objects()


def write_outside(fn: Any, *, outer: bool) -> Any:
    """A write by a read-only request (a GET), committed on its own; inside a transaction that
    is not the request's (`outer`), it joins that transaction instead (its owner commits)."""
    return fn() if outer else _write(fn)


def _write(fn: Any, *, failed: bool = False) -> Any:
    _end_read(failed)
    token = read_only.set(False)
    try:
        out = fn()
        _commit_keeping_objects()
        return out
    except Exception:
        db.session.rollback()
        raise
    finally:
        read_only.reset(token)


@functools.cache
def _session_statement() -> Any:
    """The session's row by its key's digest, with its account (built once)."""
    us = UserSession.__table__.c
    return (sa.select(us.id, us.user_id, us.user_version, us.data, us.last_seen_at, us.expires_at, us.persistent,
                      User.role, User.session_version, User.banned_at, User, loading.has_verifications())
            .select_from(UserSession.__table__).outerjoin(User, User.id == us.user_id)
            .where(us.key_hash == sa.bindparam("key_hash"))
            .options(loading.deferred_verifications()))


class ServerSessionInterface(SessionInterface):
    salt = "harbor-session"

    def _signer(self, app: Flask) -> Signer:
        return Signer(app.secret_key or "", salt=self.salt, key_derivation="hmac", digest_method=hashlib.sha256)

    def open_session(self, app: Flask, request: Request) -> ServerSession:
        if request.path.startswith((app.static_url_path or "/static") + "/"):
            return ServerSession(enabled=False)
        # Inside a transaction already (a request context pushed inside another, as the socket
        # test client does): read within it, but write nothing (the touch waits for the next
        # request), so nothing of the caller's transaction is rolled back or committed here.
        outer = db.session().in_transaction()
        session = self._open(app, request, outer)
        session.outer = outer
        return session

    def _open(self, app: Flask, request: Request, outer: bool) -> ServerSession:
        raw = request.cookies.get(self.get_cookie_name(app))
        if not raw:
            return ServerSession()
        try:
            key = self._signer(app).unsign(raw).decode()
        except (BadSignature, UnicodeDecodeError):
            return ServerSession()
        if not outer:
            read_only.set(request.method in {"GET", "HEAD", "OPTIONS"})
        # The account comes in the same statement (auth/loading.py), so that Flask-Login's
        # user_loader finds it in the session's identity map: one statement for a signed-in
        # request instead of three. Whether the row is alive is read from the columns, fresh.
        found = db.session.execute(_session_statement(), {"key_hash": _digest(key)}).first()
        if found is None:
            return ServerSession()
        row = found
        role, version, banned_at = found.role, found.session_version, found.banned_at
        now = utcnow()
        dead = row.expires_at <= now or (row.user_id is not None and (version != row.user_version or banned_at is not None))
        if not dead and row.user_id is not None and role in IDLE_ROLES:
            dead = now - row.last_seen_at > dt.timedelta(minutes=int(app.config["STAFF_IDLE_MINUTES"]))
        row_id = row.id
        if dead:
            if not outer:
                _write(lambda: db.session.execute(sa.delete(UserSession).where(UserSession.id == row_id)))
            return ServerSession()
        try:
            data = _serializer.loads(row.data) if row.data else {}
        except ValueError:
            data = {}
        # `permanent` goes in with the data: set through the property it would mark the session
        # modified, and every signed-in page view would rewrite its row.
        data["_permanent"] = bool(row.persistent)
        session = ServerSession(data, row_id=row_id, user_id=row.user_id, expires_at=row.expires_at)
        # Held (the identity map keeps only weak references): Flask-Login's user_loader finds it there.
        session.account = loading.settle(found.User, found.has_verifications)
        if now - row.last_seen_at >= SEEN_EVERY and not outer:
            _write(lambda: db.session.execute(sa.update(UserSession).where(UserSession.id == row_id)
                                              .values(last_seen_at=now)))
        return session

    def save_session(self, app: Flask, session: SessionMixin, response: Response) -> None:
        assert isinstance(session, ServerSession)
        from flask import request

        # Socket.IO events save into a response no browser receives (and may run inside
        # another transaction): the HTTP requests own the session.
        if not session.enabled or getattr(request, "namespace", None) is not None:
            return
        name, domain, path = self.get_cookie_name(app), self.get_cookie_domain(app), self.get_cookie_path(app)
        if session.accessed:
            response.vary.add("Cookie")
        data = dict(session)
        uid, version = _user_of(data)
        if not (session.modified or session.rotate or uid != session.user_id):
            return
        response.vary.add("Cookie")
        now = utcnow()
        failed = response.status_code >= 500
        if session.rotate or uid != session.user_id or session.row_id is None:
            old = session.row_id
            if old is not None:
                _write(lambda: db.session.execute(sa.delete(UserSession).where(UserSession.id == old)), failed=failed)
            if not data:
                if old is not None or session.modified:
                    response.delete_cookie(name, domain=domain, path=path, secure=self.get_cookie_secure(app),
                                           httponly=self.get_cookie_httponly(app), samesite=self.get_cookie_samesite(app))
                return
            key = secrets.token_urlsafe(32)
            lifetime = dt.timedelta(days=int(app.config["SESSION_MAX_DAYS"])) if uid else ANONYMOUS_LIFETIME
            row = UserSession(key_hash=_digest(key), user_id=uid, user_version=version, data=_serializer.dumps(data),
                              created_at=now, last_seen_at=now, expires_at=now + lifetime,
                              persistent=bool(session.permanent and uid),
                              device=device_label(request.headers.get("User-Agent"))[:80],
                              network=network_of(request.remote_addr))

            def insert() -> int:
                db.session.add(row)
                db.session.flush()
                return row.id

            session.row_id, session.user_id, session.expires_at = _write(insert, failed=failed), uid, now + lifetime
        else:
            row_id = session.row_id
            values: dict[str, Any] = {"data": _serializer.dumps(data)}
            if uid is None:
                values["expires_at"] = now + ANONYMOUS_LIFETIME
            done = _write(lambda: db.session.execute(sa.update(UserSession).where(UserSession.id == row_id).values(**values)),
                          failed=failed)
            if not done.rowcount:     # ended meanwhile (signed out elsewhere): never bring it back
                response.delete_cookie(name, domain=domain, path=path)
            return
        response.set_cookie(
            name, self._signer(app).sign(key).decode(),
            expires=session.expires_at if session.permanent and uid else None,
            httponly=self.get_cookie_httponly(app), domain=domain, path=path,
            secure=self.get_cookie_secure(app), samesite=self.get_cookie_samesite(app),
        )


# --- ending sessions (services call these inside their transaction; the caller commits) -------

def _chat_keys(rows: list[UserSession]) -> list[str]:
    keys = []
    for row in rows:
        try:
            key = _serializer.loads(row.data).get(CHAT_KEY) if row.data else None
        except ValueError:
            key = None
        if key:
            keys.append(str(key))
    return keys


def end_all_sessions(user: User, *, tokens: bool = True) -> None:
    """End every session of the account (and, with `tokens`, every API token): bumps its
    session_version, so sockets and any session this misses end too. The caller emits
    `user.sessions_revoked` (delivered after its commit) and commits."""
    user.session_version += 1
    db.session.execute(sa.delete(UserSession).where(UserSession.user_id == user.id))
    if tokens:
        db.session.execute(sa.update(ApiToken).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
                           .values(revoked_at=utcnow()))


def end_sessions(user: User, *, session_ids: list[int] | None = None, keep: int | None = None,
                 actor: User | None = None) -> list[str]:
    """End some of the account's sessions: those listed (NotFound if none is the account's),
    or all but `keep`. Audited. Returns the chat keys of the ended sessions, for the caller to
    pass, after its commit, to `announce_ended`."""
    from ..errors import NotFound
    from ..moderation.audit import record

    q = sa.select(UserSession).where(UserSession.user_id == user.id)
    if session_ids is not None:
        q = q.where(UserSession.id.in_(session_ids))
    if keep is not None:
        q = q.where(UserSession.id != keep)
    rows = list(db.session.scalars(q))
    if session_ids is not None and not rows:
        raise NotFound("No such device.")
    keys = _chat_keys(rows)
    if rows:
        record(actor=actor, action="auth.session_revoke", target=user, target_type="user",
               detail={"sessions": len(rows), "devices": sorted({r.device for r in rows})})
    for row in rows:
        db.session.delete(row)
    return keys


def announce_ended(user_id: int, keys: list[str]) -> None:
    """After commit: tell the chat which browser sessions' sockets must close."""
    if keys:
        events.announce("user.session_ended", user_id=user_id, keys=keys)


def active_sessions(user: User) -> list[UserSession]:
    return list(db.session.scalars(
        sa.select(UserSession).where(UserSession.user_id == user.id, UserSession.user_version == user.session_version,
                                     UserSession.expires_at > utcnow())
        .order_by(UserSession.last_seen_at.desc())))


def purge_expired(limit: int = 500) -> None:
    """Drop rows past their expiry (called at sign-in; adds to the caller's transaction)."""
    ids = db.session.scalars(sa.select(UserSession.id).where(UserSession.expires_at <= utcnow()).limit(limit)).all()
    if ids:
        db.session.execute(sa.delete(UserSession).where(UserSession.id.in_(ids)))
