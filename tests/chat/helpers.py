"""Builders for chat tests: members who joined a condition, and the acks of a socket."""
from __future__ import annotations

from typing import Any

from community.forums import services as forums
from tests.factories import make_condition, make_user


def room_with_members(n: int = 2, **user_fields: Any) -> tuple[Any, list[Any], str]:
    cond = make_condition()
    users = [make_user(**user_fields) for _ in range(n)]
    for u in users:
        forums.join_condition(actor=u, condition=cond)
    return cond, users, f"condition:{cond.slug}"


def received(sc: Any, name: str) -> list[Any]:
    out = []
    for e in sc.get_received("/chat"):
        if e["name"] == name:
            args = e["args"]
            out.append(args[0] if isinstance(args, list) else args)
    return out
