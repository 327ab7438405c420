"""Seed a Harbor database for the chat benchmark: the schema (migrations), a condition
`bench`, N trusted patient members who joined it, and one API token each (written to a file,
one per line, for bench/chat_bench.py --tokens-file).

    DATABASE_URL=sqlite:////tmp/chatbench.sqlite3 .venv/bin/python bench/chat_seed.py --members 200 --tokens /tmp/tokens.txt
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("HARBOR_ENV", "development")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--members", type=int, default=200)
    ap.add_argument("--tokens", required=True)
    args = ap.parse_args()

    from flask_migrate import upgrade

    from community import create_app
    from community.auth import services as accounts
    from community.extensions import db
    from community.forums import services as forums

    app = create_app({"ARGON2_TIME_COST": 1, "ARGON2_MEMORY_COST": 1024, "ARGON2_PARALLELISM": 1})
    with app.app_context():
        upgrade()
        cond = forums.create_condition(actor=None, slug="bench", name="Bench", description="", guidelines="")
        tokens = []
        for i in range(args.members):
            user = accounts.register(username=f"bench_member{i}", password="correct horse battery bench")
            user.approved_posts = 10          # established members: nothing held as a newcomer's
            db.session.commit()
            forums.join_condition(actor=user, condition=cond)
            tokens.append(accounts.create_token(actor=user, name="bench"))
    Path(args.tokens).write_text("\n".join(tokens) + "\n")
    print(f"seeded {args.members} members in condition 'bench'; tokens in {args.tokens}")


if __name__ == "__main__":
    main()
