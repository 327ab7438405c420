"""Accounts: registration, login, profiles, roles, API tokens and account deletion.

- `models.py`: users, API tokens, server-side sessions; `services.py`: the account use cases.
- `signin.py`, `throttle.py`, `passwords.py`, `usernames.py`, `mfa.py`, `mfa_policy.py`: signing in.
- `sessions.py`: browser sessions held on the server; `tokens.py`: API tokens; `loading.py`:
  the request's account loaded with its session row or token, in one statement.
- `reset.py`: password resets by email; `devices.py`: what a session list shows of a device.
- `views.py`, `account_views.py`, `reset_views.py`, `forms.py`: the pages (adapters)."""
