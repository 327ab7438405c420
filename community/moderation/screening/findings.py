"""The shape every screening function returns: a finding with its code and span."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Finding:
    code: str            # "phi.phone", "phi.email", ..., "crisis", "watched_word"
    start: int           # span in the original text
    end: int
    message: str         # plain words for the author
    tag: str | None = None      # replacement tag for de-identification ("[PHONE]", ...)
    action: str | None = None   # watched words: block | require_approval | flag | censor
    detail: str | None = None   # e.g. the watched word that matched
