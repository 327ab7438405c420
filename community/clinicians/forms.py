"""Clinician forms (shape only)."""
from __future__ import annotations

from flask_wtf.file import FileField
from wtforms import BooleanField, DateField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from ..forms import Form
from .models import Profession


class ApplyForm(Form):
    full_name = StringField("Full professional name", validators=[DataRequired(), Length(max=120)],
                            description="Seen only by Harbor's verifiers, never shown on the site.")
    profession = SelectField("Profession", choices=[(p.value, p.value.title()) for p in Profession])
    specialty = StringField("Specialty", validators=[DataRequired(), Length(max=80)], description="For example Pulmonology.")
    licence_number = StringField("Licence or registration number", validators=[DataRequired(), Length(max=64)])
    issuing_body = StringField("Issuing body", validators=[DataRequired(), Length(max=120)], description="For example GMC, NMC, a state board.")
    jurisdiction = StringField("Jurisdiction", validators=[DataRequired(), Length(max=80)], description="Country or state.")
    licence_expiry = DateField("Licence expiry", validators=[DataRequired(message="Give the expiry date.")])
    document = FileField("Supporting document (optional)",
                         description="PDF, PNG or JPEG up to 5 MB. Stored privately; only verifiers can open it. "
                                     "If the form shows an error, choose the file again.")
    agreed_conduct = BooleanField("I agree to Harbor's professional conduct guidelines")


class DecisionForm(Form):
    specialty = StringField("Specialty shown on the badge", validators=[Optional(), Length(max=80)])
    reason = TextAreaField("Reason or message to the applicant", validators=[Optional(), Length(max=2000)])


class ReplyForm(Form):
    reply = TextAreaField("Your answer to the verifier", validators=[DataRequired(), Length(max=4000)])
