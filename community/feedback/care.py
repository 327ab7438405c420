"""The service tree (organisation → site → department → service), its named responders and
the branches quality staff and responders subscribe to.

A node is named by its path, the names from the top joined by "/": "Cardiology/Ward 3".
Adding a path adds the parents it needs. A responder of a node answers feedback about that
node and everything below it; a subscriber of a node hears of feedback about that node and
everything below it. `lineage` (a node and its parents) answers both questions."""
from __future__ import annotations

import sqlalchemy as sa

from .. import permissions
from ..auth.models import User
from ..errors import Conflict, Invalid, NotFound
from ..extensions import db
from ..moderation import audit
from .models import CareService, ServiceResponder, ServiceSubscription

MAX_DEPTH = 4
NAME_MAX = 80


def normalise_path(path: str) -> str:
    parts = [" ".join(p.split()) for p in (path or "").split("/")]
    parts = [p for p in parts if p]
    if not parts:
        raise Invalid("path", "Give the service as a path, for example Cardiology/Ward 3.")
    if len(parts) > MAX_DEPTH:
        raise Invalid("path", f"A path has at most {MAX_DEPTH} levels: organisation, site, department, service.")
    if any(len(p) > NAME_MAX for p in parts):
        raise Invalid("path", f"Each name in the path is at most {NAME_MAX} characters.")
    return "/".join(parts)


def find_service(path: str | None) -> CareService | None:
    if not path:
        return None
    try:
        key = normalise_path(path)
    except Invalid:
        return None
    return db.session.scalar(sa.select(CareService).where(sa.func.lower(CareService.path) == key.lower()))


def get_service(service_id: int) -> CareService:
    node = db.session.get(CareService, service_id)
    if node is None:
        raise NotFound("No such service.")
    return node


def all_services() -> list[CareService]:
    return list(db.session.scalars(sa.select(CareService).order_by(CareService.path)))


def add_service(*, actor: User | None, path: str) -> CareService:
    """Admins (or the command line, actor None) add a node and any missing parents. Commits;
    audited. A path already there is a Conflict."""
    if actor is not None:
        permissions.require(permissions.can_manage_care_services(actor), "Only admins manage the service tree.")
    key = normalise_path(path)
    if find_service(key) is not None:
        raise Conflict(f"The service {key} already exists.")
    parent: CareService | None = None
    parts = key.split("/")
    for i in range(len(parts)):
        sub = "/".join(parts[: i + 1])
        node = find_service(sub)
        if node is None:
            node = CareService(name=parts[i], path=sub, parent_id=parent.id if parent else None)
            db.session.add(node)
            db.session.flush()
        parent = node
    assert parent is not None
    audit.record(actor=actor, action="feedback.service_added", target=parent, detail={"path": key})
    db.session.commit()
    return parent


def lineage_ids(service_id: int | None) -> list[int]:
    """The node and its parents, nearest first."""
    out: list[int] = []
    parents = dict(db.session.execute(sa.select(CareService.id, CareService.parent_id)).tuples().all()) if service_id else {}
    current = service_id
    while current is not None and current not in out:
        out.append(current)
        current = parents.get(current)
    return out


def branch_ids(service_id: int) -> list[int]:
    """The node and everything below it."""
    children: dict[int | None, list[int]] = {}
    for sid, parent in db.session.execute(sa.select(CareService.id, CareService.parent_id)):
        children.setdefault(parent, []).append(sid)
    out, todo = [], [service_id]
    while todo:
        sid = todo.pop()
        out.append(sid)
        todo.extend(children.get(sid, []))
    return out


def is_responder_for(user: User | None, service_id: int | None) -> bool:
    if user is None or not getattr(user, "is_authenticated", False) or service_id is None:
        return False
    ids = lineage_ids(service_id)
    return db.session.scalar(sa.select(ServiceResponder.id).where(ServiceResponder.user_id == user.id,
                                                                  ServiceResponder.service_id.in_(ids)).limit(1)) is not None


def is_any_responder(user: User | None) -> bool:
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return db.session.scalar(sa.select(ServiceResponder.id).where(ServiceResponder.user_id == user.id).limit(1)) is not None


def responder_service_ids(user: User) -> list[int]:
    """Every node a responder may answer for (their grants and everything below them)."""
    granted = db.session.scalars(sa.select(ServiceResponder.service_id).where(ServiceResponder.user_id == user.id)).all()
    out: list[int] = []
    for sid in granted:
        out.extend(i for i in branch_ids(sid) if i not in out)
    return out


def responders_of(service_id: int) -> list[tuple[ServiceResponder, User]]:
    return list(db.session.execute(sa.select(ServiceResponder, User).join(User, User.id == ServiceResponder.user_id)
                                   .where(ServiceResponder.service_id == service_id).order_by(User.username)).tuples())


def name_responder(*, actor: User | None, service_id: int, username: str) -> ServiceResponder:
    """Admins name a clinician or quality officer as responder of a node. Commits; audited."""
    if actor is not None:
        permissions.require(permissions.can_manage_care_services(actor), "Only admins name responders.")
    node = get_service(service_id)
    user = db.session.scalar(sa.select(User).where(User.username == (username or "").strip()))
    if user is None:
        raise Invalid("username", "There is no member with that username.")
    if not permissions.can_be_named_responder(user):
        raise Invalid("username", "Only clinicians and care quality staff can be named responders.")
    if db.session.scalar(sa.select(ServiceResponder.id).where(ServiceResponder.service_id == node.id,
                                                              ServiceResponder.user_id == user.id)):
        raise Invalid("username", f"{user.username} already responds for {node.path}.")
    row = ServiceResponder(service_id=node.id, user_id=user.id, granted_by_id=actor.id if actor else None)
    db.session.add(row)
    db.session.flush()
    audit.record(actor=actor, action="feedback.responder_named", target=node, detail={"path": node.path, "user_id": user.id})
    db.session.commit()
    return row


def remove_responder(*, actor: User, responder_id: int) -> None:
    permissions.require(permissions.can_manage_care_services(actor), "Only admins name responders.")
    row = db.session.get(ServiceResponder, responder_id)
    if row is None:
        raise NotFound("No such responder.")
    audit.record(actor=actor, action="feedback.responder_removed", detail={"service_id": row.service_id, "user_id": row.user_id})
    db.session.delete(row)
    db.session.commit()


def subscriptions_of(user: User) -> dict[int, ServiceSubscription]:
    return {s.service_id: s for s in db.session.scalars(sa.select(ServiceSubscription).where(ServiceSubscription.user_id == user.id))}


def subscribe(*, actor: User, service_id: int, email: bool = False) -> ServiceSubscription:
    """Quality staff and named responders follow a branch (idempotent; updates the email choice). Commits."""
    permissions.require(permissions.can_subscribe_to_services(actor, is_any_responder(actor)),
                        "Only care quality staff and named responders follow services.")
    node = get_service(service_id)
    row = db.session.scalar(sa.select(ServiceSubscription).where(ServiceSubscription.service_id == node.id,
                                                                 ServiceSubscription.user_id == actor.id))
    if row is None:
        row = ServiceSubscription(service_id=node.id, user_id=actor.id)
        db.session.add(row)
    row.email = bool(email)
    db.session.commit()
    return row


def unsubscribe(*, actor: User, service_id: int) -> None:
    db.session.execute(sa.delete(ServiceSubscription).where(ServiceSubscription.service_id == service_id,
                                                            ServiceSubscription.user_id == actor.id))
    db.session.commit()


def subscribers_of_lineage(service_id: int | None) -> list[ServiceSubscription]:
    """Subscriptions to the node or any of its parents, one per user (the nearest wins)."""
    ids = lineage_ids(service_id)
    if not ids:
        return []
    rows = db.session.scalars(sa.select(ServiceSubscription).where(ServiceSubscription.service_id.in_(ids))).all()
    best: dict[int, ServiceSubscription] = {}
    for row in sorted(rows, key=lambda r: ids.index(r.service_id)):
        best.setdefault(row.user_id, row)
    return list(best.values())
