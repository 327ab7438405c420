"""The migrations form one chain: merging branches that each added a migration after the same
parent leaves two heads, and `flask db upgrade` (which the README's first command runs) refuses
to pick one."""
from __future__ import annotations

from pathlib import Path

from alembic.config import Config
from alembic.script import ScriptDirectory


def test_one_head():
    config = Config()
    config.set_main_option("script_location", str(Path(__file__).resolve().parents[2] / "migrations"))
    heads = ScriptDirectory.from_config(config).get_heads()
    assert len(heads) == 1, f"several migration heads: {heads}"
