"""Chat history for the demo community: a little conversation in the diabetes and asthma
rooms and one open private conversation between two patients. Written for Harbor."""
from __future__ import annotations

import datetime as dt
from typing import Any

from ..db import utcnow
from ..extensions import db
from ..forums import services as forums
from ..forums.markdown import render_lite
from . import access, rooms
from .models import DirectConversation, DirectState, Message, Room, RoomKind

ROOMS: dict[str, list[tuple[str, str]]] = {
    "type-2-diabetes": [
        ("sugarbeet", "Morning all. Fasting reading was 6.8 today, which is the best I've had all month."),
        ("steady_heart", "That's a **great** number. What changed?"),
        ("sugarbeet", "Honestly I think it's the walk after dinner. Only 15 minutes but it seems to help."),
        ("clin_tomas", "Short walks after meals are a well-known help for post-meal glucose. General information only: "
                       "check any change to your plan with your own team."),
        ("newbie_nell", "Is it normal to feel tired all the time in the first few weeks?"),
        ("sugarbeet", "I did. It got better for me after about a month, but do mention it at your review."),
    ],
    "asthma": [
        ("wheezy_walker", "Frosty one today. Scarf over the mouth and the reliever in my pocket."),
        ("quiet_harbour", "Same. Cold air is my worst trigger."),
        ("clin_amara", "A reminder for everyone: if you're using your reliever more than three times a week, "
                       "that's worth a chat with your asthma nurse."),
    ],
}
PRIVATE = [("foggy_fern", "quiet_harbour", [
    ("foggy_fern", "Thanks for accepting. I saw your post about small wins and wanted to say it helped."),
    ("quiet_harbour", "That's kind of you. Some weeks the small wins are all there is."),
])]


def _add(room: Room, author: Any, body: str, when: dt.datetime) -> None:
    msg = Message(room_id=room.id, author_id=author.id, body=body, body_html=render_lite(body), status="published",
                  created_at=when)
    db.session.add(msg)
    db.session.flush()
    room.last_message_id = msg.id


def load(users: dict[str, Any]) -> None:
    start = utcnow() - dt.timedelta(hours=3)
    step = dt.timedelta(minutes=7)
    for slug, lines in ROOMS.items():
        condition = forums.get_condition(slug)
        room = rooms.condition_room(condition)
        for username in {u for u, _ in lines}:
            if not access.joined(users[username], condition.id):
                forums.join_condition(actor=users[username], condition=condition)
        for i, (username, body) in enumerate(lines):
            _add(room, users[username], body, start + i * step)
    for a, b, lines in PRIVATE:
        ua, ub = users[a], users[b]
        room = Room(kind=RoomKind.DIRECT)
        db.session.add(room)
        db.session.flush()
        low, high = sorted((ua.id, ub.id))
        db.session.add(DirectConversation(room_id=room.id, user_low_id=low, user_high_id=high, requested_by_id=ua.id,
                                          state=DirectState.OPEN))
        for i, (username, body) in enumerate(lines):
            _add(room, users[username], body, start + i * step)
    db.session.commit()
