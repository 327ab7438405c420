"""Moderation: screening, member reports, the moderators' queue, sanctions and the audit log."""
