"""Moderation forms (shape only)."""
from __future__ import annotations

from wtforms import DateTimeLocalField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from ..forms import Form
from .models import ReportReason

REASON_LABELS = {
    ReportReason.MISINFORMATION: "Health misinformation",
    ReportReason.HARASSMENT: "Harassment or bullying",
    ReportReason.PERSONAL_INFORMATION: "Personal information (someone's identity or contact details)",
    ReportReason.SELF_HARM: "Someone may be at risk of self-harm",
    ReportReason.SPAM: "Spam or promotion",
    ReportReason.OTHER: "Something else",
}


class ReportForm(Form):
    reason = SelectField("Why are you reporting this?", choices=[(r.value, label) for r, label in REASON_LABELS.items()],
                         validators=[DataRequired()])
    note = TextAreaField("Anything moderators should know? (optional)", validators=[Optional(), Length(max=1000)])


class DecisionForm(Form):
    action = HiddenField(validators=[DataRequired()])
    reason = StringField("Reason (shown to the author when rejecting)", validators=[Optional(), Length(max=1000)])
    body = TextAreaField("Edited text", validators=[Optional(), Length(max=20000)])


class WatchForm(Form):
    word = StringField("Word or phrase", validators=[DataRequired(), Length(min=2, max=100)])
    action = SelectField("Action", choices=[("block", "Block: refuse the post"), ("require_approval", "Hold for approval"),
                                             ("flag", "Publish and flag for a look"), ("censor", "Publish with the word masked")])


class SanctionForm(Form):
    kind = SelectField("Sanction", choices=[("warn", "Warn"), ("mute", "Mute"), ("suspend", "Suspend"), ("ban", "Ban")])
    until = DateTimeLocalField("Until (UTC; mute and suspend)", format="%Y-%m-%dT%H:%M", validators=[Optional()])
    reason = TextAreaField("Reason (the member sees it)", validators=[DataRequired(), Length(max=1000)])


class NoteForm(Form):
    body = TextAreaField("Note shown above the post", validators=[DataRequired("Write the note first."),
                                                                  Length(max=2000, message="Notes are at most 2,000 characters.")],
                         description="A correction in place.")
    sources = TextAreaField("Sources", validators=[DataRequired("Give at least one source."),
                                                   Length(max=5000, message="Sources are at most 5,000 characters in all.")],
                            description="At least one, one a line: Title | https://address | publisher")
