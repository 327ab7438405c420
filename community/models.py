"""Imports every capability's models so the mapper registry (and Alembic) sees all tables."""
from .auth.models import ApiToken, LoginThrottle, RecoveryCode, Role, User, UserSession  # noqa: F401
from .clinicians.models import Verification  # noqa: F401
from .forums.models import Condition, ConditionMember, Post, PostRevision, Thread  # noqa: F401
from .moderation.models import (  # noqa: F401
    AuditEntry, ContextNote, QueueItem, Report, Sanction, WatchedWord,
)
from .feedback.models import (  # noqa: F401
    CareService, Feedback, FeedbackResponse, PostTag, ServiceResponder, ServiceSubscription, ThemeCorrection, ThemeTerm,
)
from .auth.reset import PasswordReset  # noqa: F401
from .mail.models import MailPreference, OutboxMail  # noqa: F401
from .chat.models import Block, DirectConversation, Message, ReadPosition, Room  # noqa: F401
from .reliability.models import IdempotentRequest  # noqa: F401
from .education.models import (  # noqa: F401
    Announcement, AnnouncementDismissal, Article, ArticleQuestion, ArticleRevision, SourceDomain,
)
from .notifications.models import (  # noqa: F401
    Bookmark, ConditionSubscription, Notification, ThreadSubscription,
)
from .reactions.models import Reaction  # noqa: F401
from .composer.models import Draft  # noqa: F401
from .ignoring.models import Ignore  # noqa: F401
