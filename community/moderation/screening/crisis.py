"""Crisis language: suicidal thoughts, plans or intent, self-harm and overdose intent, in the
many ways people write them, while idioms stay quiet ("my feet are killing me", "I nearly
died laughing", a suicide-prevention course). Curated patterns, each with guards for
negation ("I would never hurt myself") and for talking about a topic rather than oneself."""
from __future__ import annotations

import re

from .findings import Finding

MESSAGE = ("It sounds like you might be going through something really painful. You don't have to "
           "face it alone: help is available right now.")

_ME = r"(?:i|i'm|im|i've|ive|i'd|id|i'll|ill|me|my|myself)"
_PILLS = r"(?:pills|tablets|meds|medication|medicines|insulin|paracetamol|tylenol|painkillers|sleeping pills|antidepressants)"
_NEG = re.compile(r"\b(?:never|not|no longer|don't|dont|do not|wouldn't|would not|won't|will not|didn't|haven't|have not|"
                  r"hasn't|stopped|no thoughts of|without)\b[^.!?]{0,24}$", re.I)

# (pattern, negatable)
_PATTERNS: list[tuple[str, bool]] = [
    # explicit intent
    (r"\b(?:kill(?:ing)?|end(?:ing)?|take|taking|took)\s+my\s*(?:self|own life|life)\b", True),
    (r"\bkms\b", False),
    (r"\b(?:commit(?:ting)?|attempt(?:ing|ed)?)\s+suicide\b", True),
    (r"\b(?:feel(?:ing)?|am|i'm|im|been|getting|felt|so|really|quite|very|actively|passively)\s+suicidal\b", True),
    (r"\bsuicidal\s+(?:thoughts|again|feelings|ideation|tonight|today|right now)\b", True),
    (r"\b(?:thinking|thought|think)\s+(?:about|of)\s+(?:suicide|ending it|ending my life|killing myself|not being here)\b", True),
    (r"\b(?:my\s+)?suicide\s+(?:note|letter|plan)\b", True),
    (r"\b(?:i|i'm|im|i am|i'd)\s+(?:\w+\s+){0,2}(?:want|wanna|wish|ready|going|plan(?:ning)?|about)\s+(?:to\s+)?die\b", True),
    (r"\b(?:honestly|sometimes|really|just)\s+(?:\w+\s+){0,2}(?:want|wanna)\s+to\s+die\b", True),
    (r"\bwish\s+i\s+(?:was|were)\s+dead\b", True),
    (r"\bwish\s+i\s+(?:had\s+)?never\s+(?:been born|woken up|existed)\b", False),
    (r"\b(?:don't|dont|do not)\s+want\s+to\s+(?:be\s+(?:here|alive|around)|live|exist|wake up|go on)(?:\s+any\s?more)?\b", False),
    (r"\b(?:no|(?:don't|dont|can't|cant)\s+see\s+the|what's\s+the)\s+(?:reason|point)\s+(?:to|in|of)?\s*(?:live|living|go(?:ing)? on|"
     r"carry(?:ing)? on|being alive|being here|life)\b", False),
    (r"\b(?:can't|cant|cannot)\s+(?:go on|keep going|carry on)\s+(?:like this\s+)?any\s?more\b", True),
    (r"\b(?:end|ending)\s+it\s+(?:all|tonight|today|now|soon|for good|once and for all)\b", True),
    (r"\b(?:going|want|plan(?:ning)?|ready|decided)\s+to\s+end\s+(?:it|things|everything)\b", True),
    (r"\bgo\s+to\s+sleep\s+and\s+(?:never|not)\s+wake\s+up\b", False),
    (r"\b(?:hope|wish)\s+i\s+(?:don't|dont|never|do not)\s+wake\s+up\b", False),
    # absence and burden
    (r"\b(?:better\s+off|happier|easier)\s+without\s+me\b(?!\s+\w+ing\b)", True),
    (r"\b(?:nobody|no\s?one|no-one)\s+would\s+(?:even\s+)?(?:notice|care|miss\s+me)\s+if\s+i\s+(?:was|were|'m|am|died|disappeared|wasn't\s+here|was\s+gone)", False),
    (r"\bif\s+i\s+(?:was|were)\s+(?:gone|dead|not\s+here|no\s+longer\s+here)\b(?!\s+(?:for|on|to|at|in|all\s+(?:day|week|night)|most)\b)", True),
    (r"\bwhen\s+i'?m\s+gone\b(?!\s+(?:for|on|to|at|in)\b)", True),
    (r"\b(?:won't|will not|wont)\s+be\s+(?:around|here)\s+(?:much\s+longer|for\s+long|tomorrow|by\s+\w+)\b", True),
    (r"\b(?:wrote|writing|written|write|left)\s+(?:my\s+|some\s+|a\s+)?(?:goodbye|farewell|suicide)\s+(?:letters?|notes?|messages?)\b", True),
    (r"\b(?:say(?:ing)?|said)\s+(?:my\s+)?goodbyes?\s+(?:to\s+everyone|for\s+good|forever)\b", True),
    (r"\bgiv(?:e|ing)\s+away\s+(?:all\s+)?my\s+(?:things|stuff|belongings|possessions)\b", True),
    (r"\b(?:i'm|im|i am|feel(?:ing)? like)\s+(?:such\s+)?a\s+burden\s+(?:to|on)\s+(?:everyone|everybody|my family|them|you all)\b", True),
    (r"\bdisappear\s+(?:forever|for\s+good|and\s+never\s+come\s+back)\b", True),
    # methods and plans
    (r"\bstockpil(?:e|ed|ing)\s+(?:my\s+|all\s+my\s+)?" + _PILLS, True),
    (r"\b(?:saving|saved|hoarding|hoarded)\s+up\s+(?:my\s+)?" + _PILLS, True),
    (r"\b(?:take|taking|swallow|swallowing|took)\s+(?:all|every\s+one)\s+(?:of\s+)?(?:my\s+)?" + _PILLS
     + r"\s+(?:at\s+once|together|tonight|in\s+one\s+go|and\s+(?:die|end|be done))", True),
    (r"\b(?:going\s+to|gonna|want\s+to|will|plan\s+to|about\s+to)\s+(?:take|swallow)\s+(?:all|every\s+one)\s+(?:of\s+)?(?:my\s+)?" + _PILLS, True),
    (r"\b(?:take|taking|swallow|swallowing|took)\s+the\s+whole\s+(?:bottle|box|pack|packet)\b", True),
    (r"\benough\s+(?:\w+\s+)?" + _PILLS + r"\s+(?:saved|stored|put\s+by|hidden|to\s+(?:die|end\s+it|kill\s+me))", True),
    (r"\b(?:take|taking)\s+(?:them|it)\s+all\s+(?:at\s+once|tonight|together)\b", True),
    (r"\b(?:take|taking|swallow)\s+(?:all|every\s+one)\s+of\s+them\s+(?:at\s+once|tonight|together|in\s+one\s+go)\b", True),
    (r"\boverdos(?:e|ing)\s+(?:on\s+purpose|deliberately|intentionally|tonight|and\s+(?:end|die))\b", True),
    (r"\b(?:plan(?:ning)?|plan\s+is|going|want|decided)\s+to\s+overdose\b", True),
    (r"\bhow\s+(?:many|much)\s+(?:\w+\s+){0,2}(?:would|does|will)\s+it\s+take\s+to\s+(?:die|kill|end)\b", False),
    (r"\b(?:lethal|fatal)\s+dose\s+(?:of|for)\s+(?:my|me)\b", False),
    (r"\b(?:jump|jumping)\s+(?:off|from|in\s+front\s+of)\s+(?:a\s+|the\s+|my\s+)?(?:bridge|building|roof|train|cliff|balcony|car park)\b", True),
    (r"\b(?:hang|hanging|hanged|drown|drowning|shoot|shooting|poison|poisoning|gas|gassing)\s+myself\b", True),
    # self-harm
    (r"\b(?:cut|cutting|hurt|hurting|harm|harming|burn|burning|burned|burnt|scratch|scratching|punish|punishing)\s+myself\b"
     r"(?!\s+(?:shaving|cooking|gardening|lifting|by\s+accident|accidentally|on\s+(?:the|a)\s+\w+|with\s+the\s+\w+|at\s+work|in\s+the\s+kitchen))", True),
    (r"\b(?:cut|cutting|hurt|hurting|harm|harming|burn|burning|burned|burnt|scratch|scratching)\s+myself\b[^.!?]{0,40}"
     r"\b(?:on\s+purpose|deliberately|intentionally|to\s+cope|to\s+feel)\b", True),
    (r"\b(?:i've|ive|i have|i|been|started|start|keep|kept)\s+(?:been\s+)?self[\s-]?harm(?:ing|ed)?\b", True),
    (r"\b(?:cutting|self[\s-]?harming)\s+again\b", True),
    (r"\b(?:urge|urges)\s+to\s+(?:cut|self[\s-]?harm|hurt\s+myself)\b", True),
    (r"\brelaps(?:ed|ing)\s+(?:with|on|into)\s+(?:self[\s-]?harm|cutting)\b", True),
]

# Patterns run case-sensitively on an ASCII-lower-cased copy (same length, so spans hold):
# much faster than re.IGNORECASE.
_COMPILED = [(re.compile(p), neg) for p, neg in _PATTERNS]
_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ’", "abcdefghijklmnopqrstuvwxyz'")
# Talking about a topic, not oneself: courses, campaigns, statistics, other people's stories.
_TOPIC = re.compile(r"\b(?:prevention|awareness|training|course|hotline|helpline|statistics|rates?|research|"
                    r"documentary|article|podcast|charity|campaign|workshop|first aid|lifeline)\b", re.I)
_HYPOTHETICAL = re.compile(r"\b(?:if\s+(?:someone|somebody|anyone|a friend|your friend)|what should i do if\s+(?:someone|my)|"
                           r"asked\s+(?:me\s+)?(?:if|whether))\b", re.I)


# Every pattern needs one of these words (or word beginnings): sentences without any are
# skipped (most are), which keeps a long post's screening cheap.
_TRIGGER_WORDS = frozenset("""
    kill killing die died dying dead myself life overdose overdosing goodbye goodbyes farewell burden without gone
    wake exist existing point reason carry going keep end ending stockpile stockpiling stockpiled saving saved hoarding
    hoarded all whole enough lethal fatal jump jumping hang hanging hanged drown drowning disappear harm harming
    self cutting cut kms born alive here around giving give urge urges relapsed relapsing live living being suicide
    suicidal burning burnt burned scratching punishing hurting shoot poison gas end""".split())
_TRIGGER_PREFIXES = ("suicid", "self-harm", "selfharm", "overdos", "stockpil", "hoard")
_WORD = re.compile(r"[a-z][a-z'\-]*")


def _triggered(word: str) -> bool:
    return word in _TRIGGER_WORDS or word.startswith(_TRIGGER_PREFIXES)


def find_crisis(text: str) -> list[Finding]:
    found: list[Finding] = []
    low = text.translate(_LOWER)
    # Scan only the sentences that contain a trigger word, joined into runs.
    runs: list[list[int]] = []
    for t in _WORD.finditer(low):
        if not _triggered(t.group(0)):
            continue
        if runs and t.start() < runs[-1][1]:
            continue
        left = max(low.rfind(c, 0, t.start()) for c in ".!?\n") + 1
        rights = [i for i in (low.find(c, t.end()) for c in ".!?\n") if i >= 0]
        right = min(rights) + 1 if rights else len(low)
        if runs and left <= runs[-1][1]:
            runs[-1][1] = max(runs[-1][1], right)
        else:
            runs.append([left, right])
    for left, right in runs:
        _scan(low, left, right, found)
    found.sort(key=lambda f: f.start)
    out: list[Finding] = []
    for f in found:
        if out and f.start < out[-1].end:
            continue
        out.append(f)
    return out


def _scan(text: str, start: int, end: int, found: list[Finding]) -> None:
    for rx, negatable in _COMPILED:
        for m in rx.finditer(text, start, end):
            before = text[max(0, m.start() - 40):m.start()]
            if negatable and _NEG.search(before):
                continue
            sentence = _sentence(text, m.start(), m.end())
            if _TOPIC.search(sentence) and not re.search(rf"\b{_ME}\b", sentence.replace(m.group(0), ""), re.I):
                continue
            if _HYPOTHETICAL.search(sentence):
                continue
            found.append(Finding("crisis", m.start(), m.end(), MESSAGE))


def _sentence(text: str, start: int, end: int) -> str:
    left = max(text.rfind(c, 0, start) for c in ".!?\n") + 1
    rights = [i for i in (text.find(c, end) for c in ".!?\n") if i >= 0]
    return text[left:min(rights) if rights else len(text)]
