"""Account forms: shape checks only; the services hold the rules."""
from __future__ import annotations

from wtforms import BooleanField, EmailField, HiddenField, IntegerField, PasswordField, SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.validators import DataRequired, EqualTo, Length, NumberRange, Optional

from ..forms import Form
from .models import Role


class RegisterForm(Form):
    username = StringField("Username", validators=[DataRequired(), Length(max=24)],
                           description="3–24 characters: letters, digits, . _ -. Pick a pseudonym, not your real name.")
    email = EmailField("Email (optional)", validators=[Optional(), Length(max=254)],
                       description="For password resets and only the emails you choose in your settings. "
                                   "We send a link to confirm it. Never shown to anyone.")
    password = PasswordField("Password", validators=[DataRequired(), Length(max=256)], description="At least 10 characters.")
    confirm = PasswordField("Repeat password", validators=[DataRequired(), EqualTo("password", "The passwords do not match.")])
    # Labels name the pages and the age (MIN_AGE) in the view: see auth.views.register.
    accept_terms = BooleanField("I have read and accept the Terms of use, the Privacy notice and the community guidelines",
                                validators=[DataRequired("Please read and accept them to join.")])
    confirm_age = BooleanField("I am old enough to join", validators=[DataRequired("Harbor is only for people old enough to join.")])


class JoinForm(Form):
    """Hospital sign-in's first time (auth/oidc_views.py): the consent of the registration form."""

    accept_terms = RegisterForm.accept_terms
    confirm_age = RegisterForm.confirm_age


class LoginForm(Form):
    username = StringField("Username", validators=[DataRequired(), Length(max=64)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=256)])
    remember = BooleanField("Keep me logged in")


class PasswordForm(Form):
    # Optional: a member may confirm with the hospital's sign-in instead (auth/reauth.py);
    # the service says what is missing.
    current_password = PasswordField("Current password", validators=[Optional(), Length(max=256)])
    password = PasswordField("New password", validators=[DataRequired(), Length(max=256)], description="At least 10 characters.")
    confirm = PasswordField("Repeat new password", validators=[DataRequired(), EqualTo("password", "The passwords do not match.")])


class ProfileForm(Form):
    display_name = StringField("Display name", validators=[Optional(), Length(max=50)],
                               description="Shown instead of your username. Optional.")
    bio = TextAreaField("About you", validators=[Optional(), Length(max=1000)], description="Up to 1,000 characters.")
    email = EmailField("Email (optional)", validators=[Optional(), Length(max=254)])
    public_conditions = SelectMultipleField("Show these conditions on my profile", coerce=int,
                                            description="Private by default: only the ones you tick are shown.")
    feedback_consent = BooleanField("Allow my de-identified forum posts to be used to improve care",
                                    description="Off unless you turn it on. When it is on, your published forum posts (never "
                                                "chat or private messages) can be included in the information the care quality "
                                                "team uses to improve services. Names, usernames, contact details and other "
                                                "identifiers are removed first. You can turn it off at any time: your posts are "
                                                "then left out of every later export, but copies already made cannot be recalled.")
    hide_presence = BooleanField("Hide when I am online in chat")
    hide_from_directory = BooleanField("Leave me out of the member directory",
                                       description="Your posts still show your name; only the list of members leaves you out.")


class CodeForm(Form):
    code = StringField("Code", validators=[DataRequired(), Length(max=32)],
                       description="The 6-digit code from your authenticator app, or one of your recovery codes.")


class MfaEnrolForm(Form):
    code = StringField("Code from the app", validators=[DataRequired(), Length(max=16)])
    password = PasswordField("Your password (to replace your current set-up)", validators=[Optional(), Length(max=256)])


class PasswordConfirmForm(Form):
    password = PasswordField("Your password", validators=[DataRequired(), Length(max=256)])


class SensitiveConfirmForm(Form):
    """A sensitive action's password, which the hospital's confirmation may replace."""

    password = PasswordField("Your password", validators=[Optional(), Length(max=256)])


class ConfirmIdentityForm(Form):
    next = HiddenField(validators=[DataRequired(), Length(max=500)])


class TokenCreateForm(Form):
    label = StringField("Label", validators=[DataRequired(), Length(max=80)], description="What the token is for, e.g. “my script”.")
    days = IntegerField("Days it lasts", validators=[Optional(), NumberRange(min=1, max=3650)])


class ReasonForm(Form):
    reason = StringField("Reason", validators=[Optional(), Length(max=500)])


class DeleteAccountForm(Form):
    password = PasswordField("Your password", validators=[Optional(), Length(max=256)])
    delete_posts = BooleanField("Also delete what I wrote (listed above); other members' replies always stay")


class RoleForm(Form):
    role = SelectField("Role", choices=[(r.value, r.value.title()) for r in Role])
    is_verifier = BooleanField("May verify clinicians (moderators)")
    reason = StringField("Reason", validators=[Optional(), Length(max=500)])
