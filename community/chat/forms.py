"""The no-JavaScript message form (the live client sends over Socket.IO instead)."""
from __future__ import annotations

from wtforms import BooleanField, HiddenField, TextAreaField
from wtforms.validators import DataRequired, Length

from ..forms import Form
from .services import BODY_MAX


class MessageForm(Form):
    body = TextAreaField("Message", validators=[DataRequired("Write a message first."),
                                                Length(max=BODY_MAX, message=f"Messages can be at most {BODY_MAX:,} characters.")])
    client_id = HiddenField()
    confirm = BooleanField("Send anyway: a moderator checks it before anyone else sees it")
