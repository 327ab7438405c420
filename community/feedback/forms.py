"""Feedback forms: shape checks only; the services hold the rules."""
from __future__ import annotations

from wtforms import BooleanField, DateField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from ..forms import Form

RATINGS = [("", "No rating"), ("1", "1 (very poor)"), ("2", "2"), ("3", "3"), ("4", "4"), ("5", "5 (very good)")]


class FeedbackForm(Form):
    text = TextAreaField("Your feedback", validators=[DataRequired("Tell us about your care first."), Length(max=5000)],
                         description="What went well, what could be better. Please leave out names, phone numbers and "
                                     "other details that identify you or others: we remove any we find, but less is safer.")
    rating = RadioField("Overall, how was your care?", choices=RATINGS, default="", validators=[Optional()])
    service = StringField("Which service was it?", validators=[Optional(), Length(max=400)],
                          description="Optional. Start typing to search, for example “Ward 3” or “Cardiology”.")
    condition = SelectField("Which condition was it about?", validators=[Optional()])
    visit_month = StringField("Month of the visit", validators=[Optional(), Length(max=7)],
                              description="Optional. For example 2024-03.")
    publish_consent = BooleanField("The care team may publish my feedback and their reply on the service's public page, "
                                   "without my name and with personal details removed. I can withdraw this at any time.")


class ThemeTermForm(Form):
    theme = SelectField("Theme", validators=[DataRequired()])
    term = StringField("Word or phrase", validators=[DataRequired(), Length(min=3, max=80)],
                       description="Matched as a whole word or phrase, any letter case.")


class TokenForm(Form):
    name = StringField("Token name", validators=[DataRequired("Give the token a name."), Length(max=80)],
                       description="What will use it, for example “monthly report script”.")


class FilterForm(Form):
    """The export and dashboard filters (GET, no CSRF: it changes nothing)."""

    class Meta:
        csrf = False

    since = DateField("From", validators=[Optional()])
    until = DateField("To", validators=[Optional()])
    condition = SelectField("Condition", validators=[Optional()])
    source = SelectField("Source", choices=[("", "Feedback and posts"), ("feedback", "Feedback only"), ("post", "Forum posts only")],
                         validators=[Optional()])
    sentiment = SelectField("Sentiment", choices=[("", "Any"), ("positive", "Positive"), ("neutral", "Neutral"),
                                                  ("negative", "Negative")], validators=[Optional()])
    theme = SelectField("Theme", validators=[Optional()])
    critical = SelectField("Critical", choices=[("", "All records"), ("1", "Critical only")], validators=[Optional()])
    service = StringField("Service (and below)", validators=[Optional(), Length(max=400)])


CHANGES = [("none", "No change"), ("planned", "A change is planned"), ("made", "A change has been made")]


class ResponseForm(Form):
    body = TextAreaField("Your response", validators=[DataRequired("Write your response first."), Length(max=5000)],
                         description="The author reads this; with their consent it is published without their name.")
    change = RadioField("Change", choices=CHANGES, default="none")
    what_changed = TextAreaField("What changed (or will change)", validators=[Optional(), Length(max=1000)],
                                 description="Needed when a change has been made: one sentence, for example “We now phone every patient the day after discharge.”")


class ServiceForm(Form):
    path = StringField("Service path", validators=[DataRequired("Give the service's path."), Length(max=400)],
                       description="Names from the top, separated by /: organisation/site/department/service, e.g. Cardiology/Ward 3.")


class ResponderForm(Form):
    username = StringField("Username of a clinician or quality officer", validators=[DataRequired(), Length(max=32)])


class TagsForm(Form):
    """Quality staff's verdict on one item's tags, a feedback item or a forum post (themes are
    checkboxes read from the request)."""
    sentiment = RadioField("Sentiment", choices=[("positive", "Positive"), ("neutral", "Neutral"), ("negative", "Negative")],
                           validators=[DataRequired("Choose the post's sentiment.")])


PostTagsForm = TagsForm
