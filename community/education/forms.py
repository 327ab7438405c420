"""Education forms (shape only; the services check the rules)."""
from __future__ import annotations

from ..forms import Form
from wtforms import DateTimeLocalField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional


class ArticleForm(Form):
    title = StringField("Title", validators=[DataRequired(), Length(max=200)])
    summary = StringField("One-line summary", validators=[Optional(), Length(max=300)],
                          description="Shown in the Learn list.")
    body = TextAreaField("Article (Markdown)", validators=[DataRequired(), Length(max=50_000)])
    sources = TextAreaField("Sources", validators=[DataRequired(), Length(max=20_000)],
                            description="One a line: Title | https://address | publisher | date (publisher and date optional).")


class ReviewForm(Form):
    action = SelectField("Decision", choices=[("approve", "Approve and publish"), ("request_changes", "Ask for changes")])
    note = TextAreaField("Note to the author", validators=[Optional(), Length(max=2000)])


class QuestionForm(Form):
    title = StringField("Your question", validators=[DataRequired(), Length(max=200)])
    body = TextAreaField("Details", validators=[DataRequired(), Length(max=20_000)])


class AnnouncementForm(Form):
    title = StringField("Title", validators=[DataRequired(), Length(max=200)])
    body = TextAreaField("Message (Markdown)", validators=[DataRequired(), Length(max=5000)])
    level = SelectField("Level", choices=[("info", "Information"), ("urgent", "Urgent")])
    condition = SelectField("Who sees it", choices=[], validate_choice=False)
    expires_at = DateTimeLocalField("Show until (UTC, optional)", validators=[Optional()], format="%Y-%m-%dT%H:%M")


class DomainForm(Form):
    domain = StringField("Domain", validators=[DataRequired(), Length(max=253)], description="For example nhs.uk")
    kind = SelectField("List", choices=[("trusted", "Trusted source"), ("flagged", "Known for health misinformation")])
    note = StringField("Note", validators=[Optional(), Length(max=300)])
