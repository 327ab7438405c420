"""Imports every capability's models so the mapper registry (and Alembic) sees all tables."""
from .auth.models import ApiToken, LoginThrottle, RecoveryCode, Role, User, UserSession  # noqa: F401
from .clinicians.models import Verification  # noqa: F401
from .forums.models import Condition, ConditionMember, Post, PostRevision, Thread  # noqa: F401
from .moderation.models import (  # noqa: F401
    AuditEntry, ContextNote, Notification, QueueItem, Report, Sanction, WatchedWord,
)
from .feedback.models import Feedback, PostTag, ThemeTerm  # noqa: F401
from .chat.models import Block, DirectConversation, Message, ReadPosition, Room  # noqa: F401
