"""Accounts: registration, login, profiles, roles, API tokens and account deletion."""
