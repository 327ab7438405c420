"""Email: an outbox in the database, drained by a background worker or `flask --app wsgi mail
send`, one-click unsubscribe, per-member email preferences and address verification.

Other capabilities send through `community.mail.services.queue_email` (or `send_template`),
inside their own transaction: a use case that rolls back sends nothing, one that commits never
loses its email."""
