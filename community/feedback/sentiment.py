"""Sentiment of patient feedback about care: positive, neutral or negative, with a score in [-1, 1].

vaderSentiment is the base; patient language breaks it in known ways, so a cheap domain layer
sits on top (all regexes are compiled once, at import):

* condition words (pain, anxiety, cancer, depressed, scared...) describe the illness, not the
  care, so they carry no weight, unless a phrase makes them about the care ("ignored my pain",
  "left in pain for hours", "pain relief was withheld");
* a care lexicon (dismissed, rushed, ignored, listened, explained, thorough...) and care phrases
  ("no complaints", "couldn't fault", "would not recommend", "waited six hours", "nobody told
  us", "lost my referral") are scored as patients mean them; a matched phrase is masked before
  VADER reads the clause, so it is never counted twice;
* a contrast turns the sentence: the clause after "but"/"however"/"shame about" weighs more,
  and a concession ("although...", "despite...", "even with...", "apart from...") weighs less;
* questions and plain reports are neutral: a question counts for little (unless it is a
  rhetorical "why does nobody..."), and a text without evaluative words scores zero; lukewarm
  verdicts ("fine, nothing special", "mixed", "some good, some not") pull towards neutral;
* a sarcastic opener ("Oh great, another cancelled appointment") counts against, not for.
The score is VADER's normalised sum (x / sqrt(x^2 + 15)) of the weighted clause valences.
Pure and offline: no Flask import. The word lists and phrases are data (data/sentiment.json);
the rules that combine them are here. Bump TAGGER_VERSION whenever a rule or weight changes."""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from . import sentiment_model

TAGGER_VERSION = "harbor-sent-3.1"
POSITIVE, NEUTRAL, NEGATIVE = "positive", "neutral", "negative"
THRESHOLD = 0.3            # |score| at or above this is positive/negative
LONG_TEXT, LONG_THRESHOLD = 250, 0.15   # a long account (chars) needs less to lean one way (set on the drug reviews' train split)
BASELINE_THRESHOLD = 0.05  # VADER's usual threshold
_ALPHA = 15.0              # VADER's normalisation constant


@dataclass(frozen=True, slots=True)
class Sentiment:
    label: str
    score: float


# --- lexicon (data/sentiment.json, read once at import) -------------------------------------------
# condition_words: words that describe the condition, the patient's state or a test result, not
# the care received. care_lexicon: care vocabulary on VADER's scale (-4..4), added to (or
# overriding) VADER's own lexicon. phrases: (pattern, valence on VADER's scale); earlier-starting
# matches win, and at the same start the first listed alternative wins, so negated forms are listed
# before the plain ones. `{{NAME}}` in a pattern stands for the regex `macros[NAME]`.

def _load_lexicon() -> tuple[frozenset[str], dict[str, float], list[tuple[str, float]]]:
    data = json.loads((Path(__file__).parent / "data" / "sentiment.json").read_text(encoding="utf-8"))
    macros: dict[str, str] = data["macros"]

    def expand(pattern: str) -> str:
        for name, regex in macros.items():
            pattern = pattern.replace("{{" + name + "}}", regex)
        return pattern

    phrases = [(expand(p), float(w)) for p, w in data["phrases"]]
    return frozenset(data["condition_words"]), {k: float(v) for k, v in data["care_lexicon"].items()}, phrases


CONDITION_WORDS, CARE_LEXICON, PHRASES = _load_lexicon()

# Lukewarm verdicts: the patient says it was middling, so the whole text is pulled towards neutral.
_LUKEWARM = re.compile(
    r"\bnothing special\b|\bnothing to write home about\b|\bnothing (?:much )?to report\b|\baverage\b|\bso-so\b|\bmixed\b"
    r"|\bsome (?:things?|bits?|staff|of it|of them|people|days)? ?(?:were |was )?(?:good|great|fine|ok|okay)\b[^.]{0,30}\b(?:some|others?)\b"
    r"|\bsome (?:\w+ ){1,2}(?:were|was) (?:good|great|lovely|fine|kind|helpful)\b[^.]{0,30}\bsome (?:were|was|weren[’']?t|wasn[’']?t)\b"
    r"|\bneither (?:good|great|bad) nor\b|\bpros and cons\b|\bbalanced? (?:it )?out\b|\bhalf the time\b|\bhard to say\b|\bstill deciding\b"
    r"|\bnot sure (?:yet )?(?:if|whether)\b|\btoo (?:early|soon) to (?:say|tell)\b|\bwait(?:ing)? to see (?:if|whether)\b"
    r"|\bnot (?:great|good|bad|brilliant),? (?:but )?(?:not|nor|neither) (?:terrible|bad|awful|great|good)\b|\bgood and bad\b|\bups and downs\b|\bhit and miss\b|\bhit or miss\b|\bevens? (?:it )?out\b"
    r"|\babout what (?:i|you|we)(?: would|[’']d)? expect(?:ed)?\b|\bas expected\b|\bnothing more, nothing less\b"
    r"|^\W*(?:it was |was |all )?(?:fine|ok|okay|alright|average|standard|routine)\W*$", re.I)
_LUKEWARM_FACTOR = 0.3

# Contrast markers. TURN: what follows weighs more. CONCESSION: the clause they open weighs less.
_TURN = r"but|however|yet|that said|having said that|unfortunately|sadly|shame about|pity about|only problem|trouble is|problem is"
_CONCESSION = r"although|though|even though|even if|despite|in spite of|even with|apart from|aside from|except|except for|whilst|while"
_MARKERS = re.compile(rf"(?:^|(?<=[\s,;:(—–-]))(?P<m>{_TURN}|{_CONCESSION})\b", re.I)
_TURN_SET = frozenset(_TURN.split("|"))
_PRE_TURN_WEIGHT = 0.35      # clauses before a turn
_CONCESSION_WEIGHT = 0.35    # a concession clause

_SENTENCES = re.compile(r"[^.!?;\n]+(?:[.!?;\n]+|$)")
_RHETORICAL = re.compile(r"^\W*(?:why|how come|how (?:can|could|is|was|do|does|did)|is it (?:too much|really)|what happened to|who)\b", re.I)
_QUESTION_WEIGHT = 0.2
_RHETORICAL_WEIGHT = 0.8
_SARCASM_OPENER = re.compile(
    r"^\W*(?:oh,? )?(?:just |how )?(?:great|brilliant|fantastic|wonderful|lovely|perfect|marvellous|marvelous|superb|excellent|"
    r"amazing|super|well done|nice one|good job|cheers|thanks a lot|terrific)\W*(?:[,.!]|$)", re.I)
_SARCASM_VALENCE = -1.5


def _top_level_alternatives(pattern: str) -> list[str]:
    """Split a regex at its top-level "|" (outside groups and character classes)."""
    out, cur, depth, in_class, i = [], "", 0, False, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            cur += pattern[i:i + 2]
            i += 2
            continue
        if in_class:
            in_class = c != "]"
        elif c == "[":
            in_class = True
        elif c in "()":
            depth += 1 if c == "(" else -1
        elif c == "|" and depth == 0:
            out.append(cur)
            cur, i = "", i + 1
            continue
        cur += c
        i += 1
    out.append(cur)
    return out


def _phrase_regex(case_insensitive: bool) -> re.Pattern[str]:
    """One alternation of every phrase, a named group each. Every phrase opens at a word start;
    saying so once up front lets the engine skip the other positions. The fast variant runs on
    lower-cased text without re.I and with each alternative's leading \\b dropped (the prefix
    asserts it), so the engine can reject an alternative on its first literal character: about
    5x faster than the plain alternation, same matches (tests/feedback/test_sentiment.py)."""
    if case_insensitive:
        body = "|".join(f"(?P<p{i}>{p})" for i, (p, _) in enumerate(PHRASES))
        return re.compile(rf"(?<!\w)(?=\w)(?:{body})", re.I)
    parts = []
    for i, (p, _) in enumerate(PHRASES):
        alts = [a[2:] if a.startswith("\\b") else a for a in _top_level_alternatives(p)]
        parts.append(f"(?P<p{i}>{'|'.join(alts)})")
    return re.compile(rf"(?<!\w)(?=\w)(?:{'|'.join(parts)})")


_PHRASE_RX = _phrase_regex(case_insensitive=True)
_PHRASE_RX_LOWER = _phrase_regex(case_insensitive=False)
_PHRASE_WEIGHT = {f"p{i}": w for i, (_, w) in enumerate(PHRASES)}

_analyzer = SentimentIntensityAnalyzer()   # the domain-adjusted copy
_baseline = SentimentIntensityAnalyzer()   # plain VADER, for comparison
for _w in CONDITION_WORDS:
    _analyzer.lexicon.pop(_w, None)
_analyzer.lexicon.update(CARE_LEXICON)


def _to_raw(compound: float) -> float:
    """Invert VADER's normalisation: compound -> summed valence."""
    c = max(-0.9999, min(0.9999, compound))
    return c * math.sqrt(_ALPHA / (1.0 - c * c))


def _normalise(x: float) -> float:
    return x / math.sqrt(x * x + _ALPHA)


def _label(score: float, threshold: float) -> str:
    return POSITIVE if score >= threshold else NEGATIVE if score <= -threshold else NEUTRAL


def baseline(text: str) -> Sentiment:
    """Plain VADER with its usual thresholds (compound >= 0.05 / <= -0.05), for comparison."""
    c = _baseline.polarity_scores(text or "")["compound"]
    return Sentiment(_label(c, BASELINE_THRESHOLD), round(c, 4))


def _clause_valence(clause: str) -> float:
    total = 0.0

    def mask(m: re.Match[str]) -> str:
        nonlocal total
        total += _PHRASE_WEIGHT[m.lastgroup or ""]
        return " , "

    lowered = clause.lower()
    if len(lowered) == len(clause):     # spans line up: match on the lower-cased text, mask the original
        pieces, pos = [], 0
        for m in _PHRASE_RX_LOWER.finditer(lowered):
            total += _PHRASE_WEIGHT[m.lastgroup or ""]
            pieces += (clause[pos:m.start()], " , ")
            pos = m.end()
        masked = "".join(pieces) + clause[pos:] if pieces else clause
    else:
        masked = _PHRASE_RX.sub(mask, clause)
    masked = _MARKERS.sub(" ", masked)
    if any(ch.isalpha() for ch in masked):
        total += _to_raw(_analyzer.polarity_scores(masked)["compound"])
    return total


def _sentence_parts(sentence: str) -> list[tuple[str, str]]:
    """Split a sentence into (kind, text) parts: kind is "", "turn" or "concession"."""
    # "while"/"whilst" is a concession only when it opens the sentence; elsewhere it is mostly "at the same time".
    marks = [m for m in _MARKERS.finditer(sentence)
             if m.group("m").lower() not in ("while", "whilst") or not sentence[:m.start()].strip()]
    if not marks:
        return [("", sentence)]
    parts: list[tuple[str, str]] = []
    start, kind = 0, ""
    for m in marks:
        parts.append((kind, sentence[start:m.start()]))
        start, kind = m.start(), "turn" if m.group("m").lower() in _TURN_SET else "concession"
    parts.append((kind, sentence[start:]))
    out: list[tuple[str, str]] = []
    for kind, text in parts:
        if kind == "concession" and "," in text:
            # "Although the wait was long, the care was superb": the concession ends at the comma.
            head, tail = text.split(",", 1)
            out.append(("concession", head))
            out.append(("", tail))
        elif text.strip(" ,;:-"):
            out.append((kind, text))
    return out


def _sentence_valence(sentence: str) -> float:
    parts = _sentence_parts(sentence)
    weights = [1.0] * len(parts)
    for i, (kind, _text) in enumerate(parts):
        if kind == "turn":
            for j in range(i):
                weights[j] = min(weights[j], _PRE_TURN_WEIGHT)
        elif kind == "concession":
            weights[i] = _CONCESSION_WEIGHT
    return sum(w * _clause_valence(text) for w, (_k, text) in zip(weights, parts, strict=True))


def _text_valence(text: str) -> float:
    values, weights = _sentence_values(text)
    return sum(v * w for v, w in zip(values, weights, strict=True))


def _sentence_values(text: str) -> tuple[list[float], list[float]]:
    sentences = [s for s in (m.group(0).strip() for m in _SENTENCES.finditer(text)) if any(ch.isalpha() for ch in s)]
    values: list[float] = []
    weights: list[float] = []
    for idx, s in enumerate(sentences):
        opener = _SARCASM_OPENER.match(s)
        rest = s[opener.end():] if opener else s
        v = _sentence_valence(rest) if rest.strip() else 0.0
        if opener:
            # "Brilliant. Another cancelled appointment": praise that opens a complaint is sarcasm.
            later = sum(_sentence_valence(t) for t in sentences[idx + 1:]) if not rest.strip() else v
            v += _SARCASM_VALENCE if later < 0 else _clause_valence(opener.group(0))
        w = 1.0
        if s.rstrip().endswith("?"):
            w = _RHETORICAL_WEIGHT if _RHETORICAL.match(s) and v < 0 else _QUESTION_WEIGHT
        lead = _MARKERS.match(s)
        if lead and lead.group("m").lower() in _TURN_SET:
            weights = [min(x, _PRE_TURN_WEIGHT) for x in weights]   # "... . But then ..."
        values.append(v)
        weights.append(w)
    return values, weights


def rules_only(text: str) -> Sentiment:
    """The rule tagger alone (lexicon, phrases, contrast, questions, lukewarm verdicts)."""
    text = (text or "").strip()
    if not text:
        return Sentiment(NEUTRAL, 0.0)
    score = _normalise(_text_valence(text))
    if _LUKEWARM.search(text):
        score *= _LUKEWARM_FACTOR   # the patient says it was middling: take them at their word
    return Sentiment(_label(score, LONG_THRESHOLD if len(text) > LONG_TEXT else THRESHOLD), round(score, 4))


def rule_features(text: str) -> dict[str, float]:
    """The rule tagger's numbers, as features of the trained model (sentiment_model.py)."""
    values, weights = _sentence_values(text)
    raw = sum(v * w for v, w in zip(values, weights, strict=True))
    lukewarm = bool(_LUKEWARM.search(text))
    score = _normalise(raw) * (_LUKEWARM_FACTOR if lukewarm else 1.0)
    label = _label(score, LONG_THRESHOLD if len(text) > LONG_TEXT else THRESHOLD)
    return {"score": score, "pos": float(label == POSITIVE), "neg": float(label == NEGATIVE), "lukewarm": float(lukewarm),
            "last": _normalise(values[-1] * weights[-1]) if values else 0.0,
            "first": _normalise(values[0] * weights[0]) if values else 0.0,
            "sum_pos": _normalise(sum(v * w for v, w in zip(values, weights, strict=True) if v > 0)),
            "sum_neg": _normalise(sum(v * w for v, w in zip(values, weights, strict=True) if v < 0)),
            "question": float(text.rstrip().endswith("?"))}



_MODEL = sentiment_model.load()


def analyse(text: str) -> Sentiment:
    """The rule features and the words, weighed by the trained model: the label is the most
    probable class, the score P(positive) - P(negative), in [-1, 1]. Without the model file,
    the rules alone."""
    text = (text or "").strip()
    if not text:
        return Sentiment(NEUTRAL, 0.0)
    if _MODEL is None:
        return rules_only(text)
    p = _MODEL.probabilities(sentiment_model.features(text, rule_features(text)))
    best = max(range(3), key=lambda k: p[k])
    return Sentiment(sentiment_model.LABELS[best], round(p[0] - p[2], 4))
