"""Text preparation for crisis screening: case, punctuation, contractions, common misspellings,
shorthand and slang ("kms", "unalive", "sewerslide"), emoji, and light stems, as one token list
whose every token remembers its span in the original text. Sentence and clause breaks are
tokens too ("<s>", "<c>"), so rules can stay inside a sentence or a clause."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .pace import give_way

SENT, CLAUSE = "<s>", "<c>"

# Words, numbers (with a unit glued on: "500mg"), emoji, and the punctuation that breaks.
_TOKEN = re.compile(r"[a-z0-9]+(?:['’][a-z]+)*|[\U0001F300-\U0001FAFF\u2600-\u27BF]|[.!?;\n…]+|[,:()\"]|\s[-–—]\s")

# One written token -> the words it stands for.
EXPAND: dict[str, tuple[str, ...]] = {k: tuple(v.split()) for k, v in {
    "i'm": "i am", "im": "i am", "i've": "i have", "ive": "i have", "i'd": "i would", "i'll": "i will",
    "can't": "can not", "cannae": "can not", "intae": "into", "naebody": "nobody", "naebody'll": "nobody will", "fixin": "going", "y'all": "you all", "yall": "you all", "canna": "can not", "dinnae": "do not", "didnae": "did not", "wouldnae": "would not", "couldnae": "could not", "willnae": "will not", "dae": "do", "cant": "can not", "cannot": "can not", "won't": "will not", "wont": "will not",
    "don't": "do not", "dont": "do not", "doesn't": "does not", "doesnt": "does not", "didn't": "did not",
    "didnt": "did not", "isn't": "is not", "isnt": "is not", "wasn't": "was not", "wasnt": "was not",
    "wouldn't": "would not", "wouldnt": "would not", "shouldn't": "should not", "couldn't": "could not",
    "couldnt": "could not", "haven't": "have not", "havent": "have not", "hasn't": "has not", "hasnt": "has not",
    "aren't": "are not", "arent": "are not", "weren't": "were not", "ain't": "am not", "it's": "it is", "its": "it is",
    "that's": "that is", "thats": "that is", "what's": "what is", "whats": "what is", "there's": "there is",
    "theres": "there is", "he's": "he is", "she's": "she is", "they're": "they are", "you're": "you are",
    "he'll": "he will", "nott": "not", "balconi": "balcony", "balcany": "balcony", "you'll": "you will", "youll": "you will", "we'll": "we will", "it'll": "it will", "she'll": "she will", "they'll": "they will", "you'd": "you would", "we're": "we are",
    "gonna": "going to", "wanna": "want to", "gotta": "got to", "tryna": "trying to", "finna": "going to",
    "u": "you", "ur": "your", "rn": "right now", "atm": "right now", "tmrw": "tomorrow", "tmr": "tomorrow",
    "tomoz": "tomorrow", "2moro": "tomorrow", "tomorow": "tomorrow", "tommorow": "tomorrow", "tonite": "tonight",
    "2nite": "tonight", "tonigt": "tonight", "b4": "before", "cuz": "because", "coz": "because", "cos": "because",
    "bc": "because", "ppl": "people", "sry": "sorry", "tbh": "", "ngl": "", "fr": "", "lowkey": "",
    "highkey": "", "literally": "", "honestly": "", "genuinely": "", "actually": "", "really": "", "just": "",
    "tn": "tonight", "bout": "about", "abt": "about", "idc": "i do not care", "ig": "", "sh": "selfharm",
    "msg": "message", "msgs": "messages", "msging": "messaging", "ty": "thank you", "thx": "thanks", "countin": "counting",
    "oxy": "oxycodone", "oxys": "oxycodone", "goin": "going", "tryin": "trying", "takin": "taking", "nothin": "nothing",
    "shes": "she is", "hes": "he is", "comming": "coming", "comin": "coming", "wil": "will", "hav": "have", "desided": "decided", "decidid": "decided", "wen": "when", "futur": "future",
    "pls": "please", "plz": "please", "bf": "boyfriend", "gf": "girlfriend", "hubby": "husband",
    "mam": "mum", "mom": "mum", "mommy": "mum", "mummy": "mum", "mother": "mum", "father": "dad", "daddy": "dad",
    "grandpa": "grandad", "granddad": "grandad", "grandma": "nan", "gran": "nan", "granny": "nan", "nana": "nan",
    # slang and shorthand for suicide and self-harm
    "kms": "kill myself", "kys": "kill yourself", "ctb": "kill myself", "unalive": "kill", "unaliving": "kill",
    "unalived": "kill", "sewerslide": "suicide", "sewerslided": "suicide", "suicde": "suicide",
    "sucide": "suicide", "suiside": "suicide", "suicid": "suicide", "suacide": "suicide", "suicidle": "suicidal",
    "sucidal": "suicidal", "suicdal": "suicidal", "suisidal": "suicidal", "selfharm": "self harm",
    "selfharming": "self harming", "kil": "kill", "myslef": "myself", "mysefl": "myself", "mself": "myself",
    "pils": "pills", "tabs": "tablets", "od": "overdose", "oding": "overdose", "od'd": "overdosed",
    "odd": "odd", "overdoes": "overdose", "killl": "kill", "wnat": "want", "dieing": "dying", "dyin": "dying",
    "nomore": "no more", "everyones": "everyone is", "nobodys": "nobody is", "noone": "nobody", "lol": "lol", "lmao": "lol", "haha": "lol", "hahaha": "lol",
    "jk": "lol", "wat": "what", "w": "with", "r": "are", "wot": "what", "wud": "would", "cud": "could", "shud": "should", "goodbye": "goodbye", "bye": "goodbye", "byee": "goodbye", "farewell": "goodbye",
    "meds": "medication", "medicine": "medication", "medicines": "medication", "medications": "medication",
    # emoji: means, death, and laughter
    "💊": "emojipill", "🔪": "emojiknife", "🗡": "emojiknife", "🩸": "emojiblood", "🪦": "emojigrave", "⚰": "emojigrave",
    "⚱": "emojigrave", "🎮": "game", "🔫": "emojigun", "🪢": "emojirope", "☠": "emojigrave", "👋": "goodbye", "😂": "lol", "🙄": "lol", "😅": "lol", "🤣": "lol", "😆": "lol",
    "💀": "lol",
}.items()}

# Two written tokens -> one meaning ("sewer slide", "self delete", "off myself").
PAIRS: dict[tuple[str, str], tuple[str, ...]] = {
    ("sewer", "slide"): ("suicide",), ("sewer", "sliding"): ("suicide",), ("self", "delete"): ("kill", "myself"),
    ("off", "myself"): ("kill", "myself"), ("top", "myself"): ("kill", "myself"), ("offing", "myself"): ("kill", "myself"),
    ("end", "myself"): ("kill", "myself"), ("catch", "bus"): ("suicide",), ("self", "harm"): ("selfharm",),
    ("self", "harming"): ("selfharm",), ("self", "harmed"): ("selfharm",), ("self", "injury"): ("selfharm",),
    ("self", "injure"): ("selfharm",), ("self", "injuring"): ("selfharm",), ("multi", "storey"): ("carpark",),
    ("car", "park"): ("carpark",), ("the", "nicht"): ("tonight",), ("rope", "access"): ("abseiling",), ("rope", "technician"): ("abseiling",),
    ("rope", "ladder"): ("ladder",), ("rope", "swing"): ("swing",), ("skipping", "rope"): ("skipping",),
    ("jump", "rope"): ("skipping",), ("w", "o"): ("without",), ("climbing", "rope"): ("climbing",), ("no", "one"): ("nobody",), ("any", "more"): ("anymore",),
    # "of course", "let it run its course": not a course one takes (a topic word)
    ("of", "course"): ("ofcourse",), ("its", "course"): ("itscourse",), ("it's", "course"): ("itscourse",),
    # "(not literally)" keeps its "literally", which the slang filter drops elsewhere: a disclaimer of the sentence
    ("not", "literally"): ("not", "literally"), ("not", "literal"): ("not", "literally"),
}

IRREGULAR: dict[str, str] = {k: v for v, ks in {
    "die": "died dying dies dead death deaths", "kill": "killed killing kills", "take": "took taken taking takes",
    "hang": "hung hanged hanging hangs", "be": "am is are was were been being", "go": "going went goes",
    "give": "gave given giving gives", "write": "wrote written writing writes", "leave": "left leaving leaves",
    "feel": "felt feeling feels", "think": "thought thoughts thinking thinks", "say": "said saying says",
    "tell": "told telling tells", "have": "has had having", "do": "did does doing done", "wake": "woke woken waking wakes",
    "buy": "bought buying buys", "get": "got getting gets gotten", "find": "found finding finds",
    "swallow": "swallowed swallowing swallows", "eat": "ate eaten eating eats", "stop": "stopped stopping stops",
    "cut": "cutting cuts", "hurt": "hurting hurts", "make": "made making makes", "keep": "kept keeping keeps",
    "lose": "lost losing loses", "put": "putting puts", "drive": "drove driven driving drives",
    "overdose": "overdosed overdosing overdoses", "training": "training trainings", "ring": "rang rung rings ringing", "stockpile": "stockpiled stockpiling stockpiles",
    "live": "lived living lives", "hope": "hoped hoping hopes", "save": "saved saving saves",
    "suicide": "suicides", "pill": "pills", "tablet": "tablets", "plan": "planned planning plans",
    "try": "tried trying tries", "burden": "burdens", "goodbye": "goodbyes", "letter": "letters", "note": "notes",
    "wish": "wished wishing wishes", "want": "wanted wanting wants", "end": "ended ending ends",
    "jump": "jumped jumping jumps", "harm": "harmed harming harms", "attempt": "attempted attempting attempts",
    "decide": "decided deciding decides", "stick": "stuck sticking sticks", "lie": "lying lay lies",
    "selfharm": "selfharming selfharmed", "rope": "ropes", "knife": "knives", "bridge": "bridges",
    "drown": "drowned drowning drowns", "shoot": "shot shooting shoots", "slit": "slitting",
    "quit": "quitting quits", "refuse": "refused refusing refuses", "skip": "skipped skipping skips",
    "finish": "finished finishing finishes", "mean": "meant meaning means", "sleep": "slept sleeping sleeps",
    "rehome": "rehomed rehoming rehomes", "arrange": "arranged arranging arranges", "count": "counted counting counts",
    "drink": "drank drunk drinking drinks", "come": "coming comes came", "bleed": "bleed bleeding bleeds bled", "inject": "injected injecting injects", "tie": "tied tying ties",
    "exhausted": "exhausted exhausting",   # tired, not a car's exhaust (a means)
    "news": "news",   # not the plural of "new"
}.items() for k in ks.split()}
PAST_FORMS = frozenset("""died killed took hung hanged was were been went gave wrote left felt thought said told had
did woke bought swallowed stopped cut hurt tried attempted overdosed wanted planned decided harmed selfharmed
jumped drowned shot used taken drank ate bled""".split())


@lru_cache(maxsize=20000)
def stem(word: str) -> str:
    """A light stem: irregular forms, then -ies/-ing/-ed/-es/-s, then a final -e
    ("relapse", "relapsed" and "relapsing" all give "relaps")."""
    out = _stem(word)
    return out[:-1] if len(out) > 4 and out.endswith("e") and out.isalpha() else out


def _stem(word: str) -> str:
    if word in IRREGULAR:
        return IRREGULAR[word]
    if len(word) <= 3 or not word.isalpha():
        return word
    for suffix in ("ing", "ed"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            base = word[: -len(suffix)]
            if len(base) >= 3 and base[-1] == base[-2] and base[-1] not in "lsz":
                base = base[:-1]
            return base
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@dataclass(slots=True)
class Doc:
    """Stemmed tokens of a text, joined as " a b c " for the rules, with spans back."""
    words: list[str]          # normalised (unstemmed) words, and "<s>"/"<c>"
    stems: list[str]
    spans: list[tuple[int, int]]
    joined: str               # " " + " ".join(stems) + " "
    offsets: list[int]        # char offset of each token in `joined`
    stemset: frozenset[str]
    written: list[str]        # the token as written (lower case)

    def is_past(self, k: int) -> bool:
        """The written token was a past-tense form."""
        w = self.written[k]
        return w in PAST_FORMS or (len(w) > 4 and w.endswith("ed"))

    def token_at(self, offset: int) -> int:
        import bisect
        return max(0, bisect.bisect_right(self.offsets, offset) - 1)


_NUMBER = re.compile(r"\d+")


def _num(digits: str) -> str:
    """Numbers as "#" (under 10), "##" (10 or more) or "#year" (1950-2039): a dose count of
    2 is ordinary, 30 is not."""
    n = int(digits[:6])
    if len(digits) == 4 and 1950 <= n <= 2039:
        return "#year"
    return "##" if n >= 10 else "#"


# Latin letters with accents folded to their base letter, one character for one so spans stay exact
# ("não aguento", "tomé", "perdón" are words, not fragments cut at the accent)
_FOLD = {cp: d[0] for cp in range(0xC0, 0x250)
         if (d := unicodedata.normalize("NFKD", chr(cp))) and d[0].isascii() and d[0].isalpha()}
_PAIR_FIRST = frozenset(a for a, _ in PAIRS) | {"catch", "catching"}
_BREAK = {c: SENT for c in ".!?;\n…"} | {c: CLAUSE for c in ",:()\" \t-–—"}


def prepare(text: str) -> Doc:
    low = text.lower()
    if len(low) != len(text):   # a few characters change length when lowered: keep spans exact
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    if not low.isascii():
        low = low.translate(_FOLD)
    raw: list[tuple[str, int, int]] = []
    add = raw.append
    for m in _TOKEN.finditer(low):
        tok = m.group(0)
        c = tok[0]
        if c in _BREAK:
            add((_BREAK[c], *m.span()))
            continue
        s, e = m.span()
        if "’" in tok:
            tok = tok.replace("’", "'")
        if tok.endswith("'s") and tok not in EXPAND:
            tok = tok[:-2]
        if c.isdigit() and tok not in EXPAND:
            # "500mg", "30x": split a number from its unit
            num = _NUMBER.match(tok)
            assert num is not None
            add((_num(num.group(0)), s, s + num.end()))
            if num.end() < len(tok):
                add((tok[num.end():], s + num.end(), e))
            continue
        add((tok, s, e))
    give_way()   # a 20,000-character text takes a few ms to prepare: let a gevent worker's others in (pace.py)
    words: list[str] = []
    spans: list[tuple[int, int]] = []
    written: list[str] = []
    i, n = 0, len(raw)
    while i < n:
        if not i & 1023:
            give_way()
        tok, s, e = raw[i]
        if tok in _PAIR_FIRST and i + 1 < n:
            nxt = raw[i + 1][0]
            if (tok, nxt) in PAIRS:
                for w in PAIRS[(tok, nxt)]:
                    words.append(w)
                    spans.append((s, raw[i + 1][2]))
                    written.append("")
                i += 2
                continue
            if tok in ("catch", "catching") and nxt == "the" and i + 2 < n and raw[i + 2][0] == "bus":
                words.append("suicide")
                spans.append((s, raw[i + 2][2]))
                written.append("")
                i += 3
                continue
        out = EXPAND.get(tok)
        if out is None:
            words.append(tok)
            spans.append((s, e))
            written.append(tok)
        else:
            for w in out:
                words.append(w)
                spans.append((s, e))
                written.append(tok)
        i += 1
    words.append(SENT)   # the end is a sentence break too
    spans.append((len(text), len(text)))
    written.append("")
    stems = [w if w[0] == "<" else stem(w) for w in words]
    offsets: list[int] = []
    pos = 1
    for st in stems:
        offsets.append(pos)
        pos += len(st) + 1
    return Doc(words, stems, spans, " " + " ".join(stems) + " ", offsets, frozenset(stems), written)
