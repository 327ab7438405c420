"""Health education: reviewed articles per condition (the Learn tab), announcements and
banners, trusted / flagged source domains and the misinformation monitoring page. Context
notes with sources live in moderation (they are attached to posts)."""
