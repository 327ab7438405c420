"""Feedback export benchmark: rows per second and peak memory of `flask feedback export`.

Seeds a temporary SQLite database with N export rows (70% feedback, 30% consented forum
posts, already tagged as the write path would leave them) using bulk inserts, then runs the
contract's CLI export in a subprocess and reads the child's peak resident memory from
resource.getrusage(RUSAGE_CHILDREN).

    .venv/bin/python bench/export_bench.py --rows 100000 --rows 1000000 [--format csv|jsonl] [--members 5000]

Results are recorded in bench/EXPORT.md."""
from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SENTENCES = [
    "The nurse took time to explain my results and I never felt rushed.",
    "Waited six weeks for the referral and nobody told me what was happening.",
    "Reception was rude on the phone but the doctor was lovely.",
    "My prescription was wrong again at the pharmacy, second time this year.",
    "Discharge was chaotic: no letter, no follow-up appointment, no one to call.",
    "The ward was clean and the staff were kind, thank you.",
    "Parking cost a fortune and the clinic ran two hours late.",
    "Call me on [PHONE] if you want the details, I was admitted on [DATE].",
]
THEMES = ["communication", "waiting_access", "staff_attitude", "medication", "discharge_followup", "facilities", "cost_billing"]
LABELS = [("positive", 0.62), ("neutral", 0.0), ("negative", -0.55)]


def _env(db: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TEST_", "DATABASE_URL", "REDIS_URL"))}
    env.update({"HARBOR_ENV": "testing", "SECRET_KEY": "bench", "DATABASE_URL": f"sqlite:///{db}", "RATELIMIT_ENABLED": "false",
                "PYTHONPATH": os.pathsep.join(p for p in [str(ROOT), env.get("PYTHONPATH", "")] if p)})
    return env


def _flask(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "flask", "--app", "wsgi", *args], cwd=ROOT, env=env, capture_output=True, text=True)


def seed(db: Path, rows: int, members: int, seed_value: int = 7) -> None:
    env = _env(db)
    out = _flask(env, "db", "upgrade", "heads")
    if out.returncode:
        raise SystemExit(out.stderr)
    rng = random.Random(seed_value)
    con = sqlite3.connect(db)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=OFF")
    now = dt.datetime.now(dt.UTC)
    stamp = now.isoformat(sep=" ")
    con.executemany("INSERT INTO conditions (id, slug, name, description, guidelines, created_at) VALUES (?,?,?,?,?,?)",
                    [(i, f"condition-{i}", f"Condition {i}", "", "", stamp) for i in range(1, 13)])
    con.executemany(
        "INSERT INTO users (id, username, username_key, display_name, password_hash, role, is_verifier, created_at, session_version,"
        " approved_posts, feedback_consent, hide_presence, notify_new_questions) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
        [(i, f"member_{i:05d}", f"member_{i:05d}", f"Display Person{i}" if i % 3 else None, "x", "PATIENT", 0, stamp, 1, 10,
          1 if i % 2 else 0, 0, 0) for i in range(1, members + 1)])
    n_posts = rows * 3 // 10
    n_feedback = rows - n_posts
    threads = max(1, n_posts // 10)

    def when() -> str:
        return (now - dt.timedelta(days=rng.randrange(0, 720), seconds=rng.randrange(86400))).isoformat(sep=" ")

    def text() -> str:
        s = " ".join(rng.sample(SENTENCES, 2))
        if rng.random() < 0.15:
            s += f" Thanks to member_{rng.randrange(1, members):05d} for the advice."
        return s

    def tags() -> tuple[str, float, str, int]:
        label, score = rng.choice(LABELS)
        return label, score, ";".join(rng.sample(THEMES, rng.randrange(0, 3))), 1 if rng.random() < 0.03 else 0

    batch = 50_000
    for start in range(0, n_feedback, batch):
        chunk = []
        for i in range(start + 1, min(n_feedback, start + batch) + 1):
            t = text()
            label, score, th, crit = tags()
            chunk.append((i, rng.randrange(1, members + 1), rng.randrange(1, 13), rng.choice(["pharmacy", "telehealth", None]),
                          rng.choice([None, 1, 2, 3, 4, 5]), t, t, label, score, th, crit, "harbor-sent-1.1", when()))
        con.executemany("INSERT INTO feedback (id, author_id, condition_id, service, rating, text, clean_text, sentiment_label,"
                        " sentiment_score, themes, critical, tagger_version, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", chunk)
    consenting = [i for i in range(1, members + 1) if i % 2]
    con.executemany("INSERT INTO threads (id, condition_id, author_id, title, status, is_question, created_at, last_activity_at,"
                    " reply_count, clinician_answered) VALUES (?,?,?,?,?,?,?,?,?,?)",
                    [(i, rng.randrange(1, 13), rng.choice(consenting), f"Thread {i}", "PUBLISHED", 0, stamp, stamp, 9, 0)
                     for i in range(1, threads + 1)])
    for start in range(0, n_posts, batch):
        posts, ptags = [], []
        for i in range(start + 1, min(n_posts, start + batch) + 1):
            t = text()
            label, score, th, crit = tags()
            posts.append((i, (i - 1) % threads + 1, rng.choice(consenting), 1 if i <= threads else 0, t, t, "PUBLISHED", when(), 0))
            ptags.append((i, t, label, score, th, crit, "harbor-sent-1.1", stamp))
        con.executemany("INSERT INTO posts (id, thread_id, author_id, is_opening, body, body_html, status, created_at, marked_helpful)"
                        " VALUES (?,?,?,?,?,?,?,?,?)", posts)
        con.executemany("INSERT INTO post_tags (post_id, clean_text, sentiment_label, sentiment_score, themes, critical,"
                        " tagger_version, tagged_at) VALUES (?,?,?,?,?,?,?,?)", ptags)
    con.commit()
    con.close()


def run_export(db: Path, fmt: str) -> tuple[str, float, float, int]:
    """(the CLI's summary line, seconds, peak RSS MB of the export process alone, bytes written).
    os.wait4 gives this one child's resource usage (RUSAGE_CHILDREN would also count the
    seeding `db upgrade` child)."""
    out = db.with_suffix("." + fmt)
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "flask", "--app", "wsgi", "feedback", "export", "--format", fmt, "--output", str(out)],
                            cwd=ROOT, env=_env(db), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _pid, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    said = (proc.stderr.read() if proc.stderr else "").strip()
    if proc.returncode:
        raise SystemExit(said)
    size = out.stat().st_size
    out.unlink()
    return said, seconds, usage.ru_maxrss / 1024, size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, action="append", help="rows to seed (repeatable)")
    parser.add_argument("--members", type=int, default=5000)
    parser.add_argument("--format", default="csv", choices=["csv", "jsonl"])
    args = parser.parse_args()
    for n in args.rows or [100_000]:
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "export-bench.sqlite3"
            t0 = time.perf_counter()
            seed(db, n, args.members)
            seeded = time.perf_counter() - t0
            said, seconds, rss, size = run_export(db, args.format)
            print(f"rows={n:,} members={args.members:,} format={args.format} seeded_in={seeded:.1f}s "
                  f"export={seconds:.1f}s (process start included) rate={n / seconds:,.0f} rows/s peak_rss={rss:.0f} MB "
                  f"output={size / 1e6:.0f} MB cli: {said}", flush=True)


if __name__ == "__main__":
    main()
