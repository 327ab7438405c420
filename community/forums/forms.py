"""Forum forms: shape checks only (length limits mirror the services')."""
from __future__ import annotations

from wtforms import BooleanField, HiddenField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from ..forms import Form


class ThreadForm(Form):
    title = StringField("Title", validators=[DataRequired(), Length(min=5, max=150)])
    body = TextAreaField("Your post", validators=[DataRequired(), Length(max=20000)],
                         description="Markdown works: **bold**, _italic_, lists, [links](https://example.org).")
    is_question = BooleanField("This is a question (clinicians can answer it)")
    acknowledged = HiddenField(default="")


class ReplyForm(Form):
    body = TextAreaField("Your reply", validators=[DataRequired(), Length(max=20000)],
                         description="Markdown works. Be kind: this is a support community.")
    acknowledged = HiddenField(default="")


class EditForm(Form):
    title = StringField("Title", validators=[Optional(), Length(min=5, max=150)])
    body = TextAreaField("Post", validators=[DataRequired(), Length(max=20000)])
    acknowledged = HiddenField(default="")


class ConditionForm(Form):
    name = StringField("Name", validators=[DataRequired(), Length(max=100)])
    slug = StringField("Slug", validators=[DataRequired(), Length(max=64)], description="Used in addresses, e.g. type-2-diabetes.")
    description = TextAreaField("Description", validators=[Optional(), Length(max=2000)])
    guidelines = TextAreaField("Community guidelines", validators=[Optional(), Length(max=10000)])
