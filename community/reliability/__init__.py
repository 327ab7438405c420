"""Reliability: Idempotency-Key answers, backups, the server lock, database-outage answers."""
