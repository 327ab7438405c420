"""Crisis language in two tiers, in the many ways people write it.

`crisis`: clear intent, a plan, means (a drug and a number, a place, a rope), a farewell, a third
person in immediate danger. `possible_crisis`: hopelessness, passive ideation ("can't see a
reason to wake up tomorrow"), ambiguous self-harm talk. A false alarm costs a moderator a glance
and the author a kind message; a miss costs far more, so the rules lean to finding.

How: the text is normalised into stemmed tokens (crisis_text: case, punctuation, contractions,
misspellings, slang such as "kms" or "unalive", emoji), the rules (crisis_rules) match word
sequences with small gaps and co-occurrences in either order, and guards here cancel a match
for a negation just before it ("I'd never hurt myself"), a past that is over ("years ago I felt
suicidal; therapy helped"), a topic rather than oneself ("the film about suicide", a
questionnaire), a hypothetical about someone else, an accident, a joke (a laugh in the sentence or
a neighbour, or a sentence figurative by its form: "if one more person tells me..."), the fear of
dying in a physical emergency ("I thought I was dying", a hypo beside it) or a casual goodbye.
A possible-crisis finding together with a plan, means or a time ("tonight") becomes a crisis.

A small trained model (crisis_model, weights shipped in the package) may then raise the tier:
none -> possible, none or possible -> crisis, only above its thresholds. A clear crisis of the
rules it only lowers to possible (never to none), when no window of the text scores over its floor
(round 11). It never scores a sentence where a rule matched but a guard cancelled it
(the guards know negation, past and topic better than a bag of word pairs). Without
its weights file, or with `use_model(False)` (config `CRISIS_MODEL = False`), the rules work alone."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from . import crisis_model
from .pace import give_way, start as start_pace
from .crisis_rules import BENIGN_RX, BENIGN_STEMS, COMPILED, REACH, compile_pattern
from .crisis_deny import denied
from .crisis_text import CLAUSE, SENT, Doc, prepare, stem
from .findings import Finding

MESSAGE = ("It sounds like you might be going through something really painful. You don't have to "
           "face it alone: help is available right now.")
POSSIBLE_MESSAGE = ("It sounds like things are really hard right now. If you'd like to talk to someone, "
                    "the people below are there for you, day or night.")

CRISIS, POSSIBLE = "crisis", "possible_crisis"


def _stems(words: str) -> frozenset[str]:
    return frozenset(stem(w) for w in words.split())


_NEG = _stems("not never no without nor nobody")
_NEG_EXEMPT = _stems("sure even only just surprise stop answer reply respond pick")   # "not sure how much longer I can..."
_PAST = compile_pattern("year|years|yr|yrs|month|months|mth|mths|decade|decades|long_time|while|age ago")
_PAST_WHEN = compile_pattern("used_to|back_when|back_then|in_my_teens|in_my_twenties|as_a_teen|as_a_teenager|as_a_kid|"
                             "in_the_past|#year|at_##|last_year|last_yr|for_a_decade|as_kid|as_kids|as_a_child|as_children|"
                             "a_year_since|year_since|years_since|months_since|anniversary_of|when_i_first|when_i_be_first|when_i_be_diagnose|"
                             "when_i_get_diagnose|when_i_be_first_diagnose|after_my_diagnosis|in_#year|nearly_kill_me|almost_kill_me|"
                             "during_my_worst|at_my_worst|at_my_lowest|during_my_lowest|at_the_worst_point|i_remember_sit|i_remember_think|i_remember_feel|i_remember_lie|i_remember_want|i_remember_wish|year_back|month_back|decade_back|year_old_me|younger_me|my_younger_self|teenage_me|teen_me|past_me|era_me|remember_when_i_said|remember_when_i_say")
_PAST_AGE = compile_pattern("when_i_be ~1 ##|#|young|younger|teen|teenager|first|at|a_kid|a_student|in|thirteen|fourteen|fifteen|"
                            "sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty")
_ANNIV = compile_pattern("year_ago_tonight|year_ago_today|years_ago_tonight|years_ago_today|ago_tonight|ago_today")
_NOW = compile_pattern("alive_at|tonight|tomorrow|again|right_now|this_weekend|at_the_moment|these_days|lately|now_i_want|now_i_feel|while_now|ages_now|hours_now")
# ...and a present that a recovery word elsewhere does not put in the past ("so strong today. 6 months clean")
_NOW_RECOVERY = compile_pattern("so_strong|so_bad|really_strong|really_bad|strong_today|bad_today|right_this_minute")
_RECOVERY = compile_pattern("therapy_help|it_help|that_help|help_me|support_help|meds_help|good_place|do_well|doing_well|grateful|better_now|turn_it_around|turned_it_around|save_me|"
                            "life_be_good|glad|still_here|have_go_now|be_go_now|recover|recovery|clean|free_of|survive|survivor|it_pass|it_passed|feeling_pass|"
                            "thought_pass|urge_pass|urge_passed|that_passed|get_through|got_through|now_i|i_be_ok_now|i_be_okay_now")
_TOPIC_MEDIA = _stems("""documentary film movie novel book character podcast song series show netflix episode prevention awareness
    charity research study studies course talk workshop volunteer volunteering samaritans statistics rate rates
    article lecture campaign fundraiser fundraising play hamlet poem lyric lyrics newspaper headline story radio module
    stat stats statistic naloxone county exam exams revising revision nomogram assembly tv television
    media training theatre sermon minecraft fortnite roblox""")
# how a reader says a story got to them ("it wrecked me", "I had to turn it off"): the "I" is the audience's
_MEDIA_REACT = compile_pattern("wreck_me|destroy_me|ruin_me|make_me_cry|made_me_cry|not_prepar|turn_it_off|put_it_down|"
                               "trigger_warning|hit_a_nerve|move_me|find_it_moving|find_it_so_moving|find_it_powerful|make_me_think|made_me_think|so_well_written|such_good|weirdly_funny|love_it|handle_really_well|handle_well|handle_so_well")
_TOPIC_FORM = _stems("questionnaire form phq phq9 gad assessment screening screen routine tick ticked "
                     "survey checklist")
_TOPIC_FORM_RX = compile_pattern("question_#|question_nine|item_#|item_nine|the_question_about|that_question_about|"
                                 "ask_me_the_question|saw_on_the_news|on_the_news_a|on_the_news_they|on_the_news_today|news_report|news_article|news_story|rate_my|rate_them|on_a_scale|out_of_ten|discharge_summary|my_notes_say|in_my_notes")
_HYPOTHETICAL = compile_pattern("if|when someone|somebody|anyone|a_friend|your_friend|a_person|a_patient|people|a_child")
# (each alternative on its own: "ask ~3 if" was once the head of the whole list, so the others needed an "ask" first)
_HYPO2 = compile_pattern("ask|ask_me ~3 if|whether")
_HYPO4 = compile_pattern("warn_me_if_i|warn_me_that_if|ask_if|ask_me_if|ask_whether|ask_me_whether|said_i_would|say_i_would|said_i_will|people_think|people_assume|what_should_i_do_if|what_to_do_if|how_to_help|how_do_i_help|sign_of|signs_of|what_happen_if|how_to_talk_to|it_be_about_a|the_story_of|ask_about|ask_me_about|question_be_whether|question_be_if|question_be_about|"
                         "not_for_me_<c>|not_for_me_<s>|what_if_it")
_HYPO5 = compile_pattern("what_be|what_do|what_doe ~4 mean|stand_for <s>")   # "whats ctb mean?": a question about a word
_HYPO6 = compile_pattern("why_do_people_say|use_the_right_word|the_right_word")   # ...or about the words to use
# a message to someone else who posted, or advice about someone else's words
_HYPO3 = compile_pattern("to_whoever|whoever_post|to_the_person_who|to_anyone_who|if_your|when_your|if_a_loved_one|the_post_from|"
                         "saw_the_post|read_the_post|read_your_post|your_post")
_ACCIDENT = _stems("accidentally accident accidental mistake twice double doubled shaving cooking gardening lifting fell fall "
                   "trip tripped slipped lancet needle trampoline bike kitchen chopping paper prescribed breakfast usual morning "
                   "oven hob stove iron kettle")
_DELIBERATE = compile_pattern("on_purpose|deliberately|intentionally|to_feel|to_cope|to_punish|urge|urges|i_deserve|deserve_it|because_i_deserve")
_JOKE = _stems("lol")
# a sentence that is not literal by its form: "if one more person tells me...", "I'd die of embarrassment",
# "hoping I don't wake up at 3am with the pain"
_HYPERBOLE = compile_pattern("<c>_joke_<c>|just_joke|only_joke|up_the_wall|drive_me_mad|driving_me_mad|drive_me_crazy|if_one_more|if_i_hear|if_i_have_to_hear|if_they_cancel|if_i_have_to_do_one_more|if_i_have_to_sit_through|"
                             "if_i_have_to_listen|not_literally|disappear_under|disappear_into_a_book|disappear_into_my_book|disappear_into_a_film|disappear_for_the_weekend|disappear_for_the_day|disappear_off_to|die_of_boredom|die_of_embarrassment|die_of_shame|disappear_into_the_floor|"
                             "disappear_into_the_ground|floor_to_swallow_me|ground_to_swallow_me|not_wake_up_at|not_wake_up_with|"
                             "not_wake_up_before|not_wake_up_in_pain|not_wake_up_till|not_wake_up_until|me_every_time|my_exact_word")
# "kms i just sent my GP a meme": the shorthand as a cry of embarrassment, or at the weather
_KMS_CRY = compile_pattern("kill_myself ~2 i|i_have ~1 realise|sent|send|sign|put|wore|wear|trip|spill|forgot|forget|notice")
_KMS_AT = compile_pattern("kill_myself this|these|the ~1 heat|heatwave|weather|traffic|essay|exam|exams|app|queue|printer|wifi|form|bus|"
                          "email|homework|meeting|lecture|shift")
# the fear of dying in a physical emergency, with the emergency beside it: "I genuinely thought I was dying" (a hypo)
_SCARE = compile_pattern("think_i_be_dying|think_i_be_go_to_die|this_be_how_i_die|think_this_be_it|thinking_this_be_it|"
                         "feel_like_i_be_dying|felt_like_i_be_dying")
_MEDICAL = _stems("hypo hypos paramedic paramedics ambulance troponin ecg allergic reaction anaphylaxis anaphylactic swelling svt "
                  "libre inhaler puffer asthma attack pericarditis sats sugar sugars glucose seizure fit a&e cardiac heart")
_SERIOUS = compile_pattern("so_serious|be_serious|dead_serious|not_joke|not_joking|not_a_joke|i_mean_it|for_once|not_kid|not_kidding")
_NOT_DARK = compile_pattern("not_in_a_dark_way|not_in_a_bad_way|not_in_a_suicidal_way|not_in_a_morbid_way|not_morbid|"
                            "sound_ominous|sound_morbid|sound_dark|just_practical|just_be_practical|she_be_fine_<s>|he_be_fine_<s>|"
                            "not_in_any_rush|not_in_a_rush|peace_of_mind|feel_good_to_have_it|tears_of_laughter|"
                            "roll_her_eyes|roll_his_eyes|talk_like_that_about|i_be_not_<c>_i_be|not_sad_about_it|when_god_want|"
                            "when_god_decide|when_god_call|she_mean_her|he_mean_his|not_in_a_sad_way")
# an unwanted, intrusive thought (OCD) said to be unwanted: not an intent
_INTRUSIVE = compile_pattern("intrusive|ocd|erp|harm_ocd")
_UNWANTED = compile_pattern("do_not_want_to|i_would_never|i_would_not|horrif|terrif|scared_of_the_thought|unwanted|by_accident|"
                            "by_mistake|least_likely|not_of_do_it|not_dangerous")
_CASUAL = compile_pattern("for_now|for_tonight|for_a_while|for_a_bit|holiday|sign_off|signing_off|see_you|night_all|"
                          "off_to_bed|bed_x|discharged|discharge|ward|talk_soon|back_soon|back_next|speak_soon|for_the_night|for_the_day|break_from")
_SELF = _stems("i me my myself")
# a goodbye from a job, a ward, a hotel, a group, a thread: leaving that, not life
_EVERYDAY = _stems("job work shift team company office colleague colleagues retire retiring retirement hotel holiday trip "
                   "consultant palliative hospice oncologist "
                   "flight airport kennel kennels cattery notice remission moderating moderator leader handing handover "
                   "client clients customer customers moving thread diet ward surgery rota contract placement course uni university school term meeting downsize "
                   "downsizing declutter decluttering bungalow")
_EVERYDAY_RX = compile_pattern("while_we_be_away|while_i_be_away|until_we_be|until_i_be_back|we_be_home|i_be_home|new_job|"
                               "we_check_out|we_be_check_out|check_out_of|last_day|about_the|on_this_thread|on_the_thread|next_month|next_week|for_a_while")
_ACHIEVE = _stems("managed walked walk proud milestone achievement finally yay woohoo passed graduated 5k marathon")
_ACHIEVE_RX = compile_pattern("but_i_do_it|but_i_have_do_it|but_i_do|heavy_heart_but|everyone_clap")
_UPGRADE = {"weak"}
_UPGRADE_WORDS = _stems("plan planned method ready decided picked")
_UPGRADE_TIMES = _stems("tonight tomorrow weekend")   # ...unless it is the morning one wakes up to
_WAKE = _stems("wake up get")


def _is_neg(doc: Doc, k: int) -> bool:
    return doc.stems[k] in _NEG and not (k + 1 < len(doc.stems) and doc.stems[k + 1] in _NEG_EXEMPT)


def _negated(doc: Doc, i: int, j: int | None = None) -> bool:
    """A negation in the 4 tokens before token i (same clause), or in the first 4 of i..j."""
    k = i - 1
    while k >= 0 and k >= i - 4 and doc.stems[k] not in (SENT, CLAUSE, "but"):
        if _is_neg(doc, k):
            return True
        k -= 1
    if j is not None:
        for k in range(i, min(j, i + 4)):
            if doc.stems[k] == SENT:
                break
            if _is_neg(doc, k):
                return True
    return False


def _span_text(doc: Doc, s: int, e: int) -> str:
    return doc.joined[doc.offsets[s] - 1: doc.offsets[e] + len(doc.stems[e]) + 1] if e < len(doc.stems) else doc.joined


def _sent(whole: dict, i: int, j: int) -> tuple[int, int]:
    """The first token of token i's sentence and the sentence break after token j (bounds computed
    once per text by analyse())."""
    return whole["starts"][i], whole["ends"][j]


def _in(whole: dict, rx, s: int, e: int, text: str) -> bool:
    """rx.search(text) for sentence s..e, remembered: many matches share a sentence."""
    key = (id(rx), s, e)
    memo = whole["memo"]
    got = memo.get(key)
    if got is None:
        got = memo[key] = rx.search(text) is not None
    return got


def _around(whole: dict, s: int, e: int, ahead: int = 2) -> tuple[int, int]:
    """Sentence s..e (e is its break) with the sentence before and the one after; `ahead=2` also
    steps over an empty sentence after it."""
    return _sent(whole, max(0, s - 2), min(len(whole["ends"]) - 1, e + ahead))


def _bounds(doc: Doc) -> tuple[list[int], list[int]]:
    """For each token, the first token of its sentence and the sentence break that ends it."""
    n, starts, ends, cur = len(doc.stems), [], [0] * len(doc.stems), 0
    for k, st in enumerate(doc.stems):
        starts.append(cur)
        if st == SENT:
            cur = k + 1
    cur = n - 1
    for k in range(n - 1, -1, -1):
        if doc.stems[k] == SENT:
            cur = k
        ends[k] = cur
    return starts, ends


def _guarded(doc: Doc, guards: frozenset[str], i: int, j: int, whole: dict) -> bool:
    """True when a guard cancels the match of tokens i..j."""
    if "neg" in guards and any(a <= j and i <= b for a, b in whole["denied"]):
        return True   # inside a denied act: "not going to take all my pills tonight"
    s, e = _sent(whole, i, j)
    sentence = doc.stems[s:e + 1]
    sent_text = _span_text(doc, s, e)
    if "neg" in guards and _negated(doc, i, j if "negin" in guards else None):
        return True
    if "accident" in guards and _ACCIDENT.intersection(sentence) and not _in(whole, _DELIBERATE, s, e, sent_text):
        return True
    if "benign" in guards and (BENIGN_STEMS.intersection(sentence) or _in(whole, BENIGN_RX, s, e, sent_text)):
        return True
    if "joke" in guards and whole["joke"]:   # a laugh in this sentence or a neighbour, not three sentences away
        s2, e2 = _around(whole, s, e)
        if _JOKE.intersection(doc.stems[s2:e2 + 1]):
            return True
    if "joke" in guards and (_in(whole, _HYPERBOLE, s, e, sent_text) or _in(whole, _KMS_CRY, s, e, sent_text) or _in(whole, _KMS_AT, s, e, sent_text)):
        return True
    if "medical" in guards and _in(whole, _SCARE, s, e, sent_text):
        s2, e2 = _around(whole, s, e)
        if _MEDICAL.intersection(doc.stems[s2:e2 + 1]):
            return True
    if ("joke" in guards or "topic" in guards or "notdark" in guards) and whole["notdark"]:   # "not in a dark way", "sounds ominous but"
        return True
    if "casual" in guards and whole["casual"]:
        return True
    if "everyday" in guards:
        s2, e2 = _around(whole, s, e, ahead=1)   # this sentence and its neighbours
        if _EVERYDAY.intersection(doc.stems[s2:e2 + 1]) or _EVERYDAY_RX.search(_span_text(doc, s2, e2)):
            return True
    if "achieve" in guards:   # "I've done it! Walked to the end of the road"
        s2, e2 = _around(whole, s, e)
        if _ACHIEVE.intersection(doc.stems[s2:e2 + 1]) or _in(whole, _ACHIEVE_RX, s, e, sent_text):
            return True
    if "nowonly" in guards and (doc.is_past(i) or doc.written[i].endswith("ing")):   # "looked / been looking after my dad"
        return True
    if "pastend" in guards and any(doc.is_past(k) for k in range(max(i, j - 3), j + 1)):   # "...I went with her"
        return True
    if "pastfirst" in guards and doc.is_past(i):   # "a singer who took his own life": news or grief, not a danger now
        return True
    if "pastonly" in guards and not any(doc.is_past(k) for k in range(i, j + 1)):
        return True
    if "past" in guards and _in(whole, _ANNIV, s, e, sent_text):   # "a year ago tonight I was standing at..."
        return True
    if "past" in guards and not _in(whole, _NOW, s, e, sent_text):
        if _in(whole, _PAST, s, e, sent_text) or _in(whole, _PAST_WHEN, s, e, sent_text) or _in(whole, _PAST_AGE, s, e, sent_text):
            return True
        if whole["recovery"] and not _in(whole, _NOW_RECOVERY, s, e, sent_text) and any(
                doc.is_past(k) for k in range(max(s, i - 3), min(e, j + 3) + 1)):
            return True
    if "topic" in guards:
        if _TOPIC_FORM.intersection(sentence) or _in(whole, _TOPIC_FORM_RX, s, e, sent_text):
            return True
        outside = doc.stems[s:i] + doc.stems[j + 1:e + 1]
        if _TOPIC_MEDIA.intersection(sentence) and (not _SELF.intersection(outside) or _in(whole, _MEDIA_REACT, s, e, sent_text)):
            return True
        if (_in(whole, _HYPOTHETICAL, s, e, sent_text) or _in(whole, _HYPO2, s, e, sent_text) or _in(whole, _HYPO3, s, e, sent_text)
                or _in(whole, _HYPO4, s, e, sent_text) or _in(whole, _HYPO5, s, e, sent_text) or _in(whole, _HYPO6, s, e, sent_text)):
            return True
    return False


def analyse(text: str, guarded: list[tuple[str, int, int]] | None = None) -> tuple[Doc, list[tuple[str, str, int, int]]]:
    """Every rule that matched and survived its guards: (tier, rule, first token, last token).
    Matches a guard cancelled are appended to `guarded` as (rule, first token, last token)."""
    doc = prepare(text)
    give_way()
    whole = {"joke": bool(_JOKE.intersection(doc.stemset)) and not _SERIOUS.search(doc.joined),
             "notdark": bool(_NOT_DARK.search(doc.joined) or (_INTRUSIVE.search(doc.joined) and _UNWANTED.search(doc.joined)))
             and not _SERIOUS.search(doc.joined), "casual": bool(_CASUAL.search(doc.joined)),
             "recovery": bool(_RECOVERY.search(doc.joined)), "denied": denied(doc), "memo": {}}
    whole["starts"], whole["ends"] = _bounds(doc)
    give_way()
    if guarded is not None:   # the model never scores a denied act either
        guarded.extend(("deny", a, b) for a, b in whole["denied"])
    hits: list[tuple[str, str, int, int]] = []
    index: dict[str, list[int]] = {}
    for k, st in enumerate(doc.stems):
        index.setdefault(st, []).append(k)
    # Matches start on an anchor word: try each rule there only, not all along the text.
    active = {r for st in index if st in _BY_KEY for r in _BY_KEY[st]}
    joined, offsets = doc.joined, doc.offsets
    nears: dict[frozenset[str], list[int]] = {}
    for r in sorted(active):
        give_way()   # a long text does not hold a gevent worker's other requests (pace.py)
        name, tier, rx, guards, anchors, keys = _RULES[r]
        starts = [k for a in anchors if a in index for k in index[a]]
        starts.sort()
        if REACH[name] and len(starts) > 4:   # only starts with a key word close enough after them
            near = nears.get(keys)
            if near is None:
                near = nears[keys] = sorted(k for a in keys if a in index for k in index[a])
            reach, lo, chosen = REACH[name], 0, []
            for p in near:
                a = bisect_left(starts, p - reach, lo)
                lo = bisect_right(starts, p, a)
                chosen.extend(starts[a:lo])
            starts = chosen
        done = -1   # a start inside this rule's last kept match adds nothing (spans merge)
        for k in starts:
            if k <= done:
                continue
            m = rx.match(joined, offsets[k])
            if m is None:
                continue
            j = doc.token_at(m.end() - 2)
            if guards and _guarded(doc, guards, k, j, whole):
                if guarded is not None:
                    guarded.append((name, k, j))
                continue
            hits.append((tier, name, k, j))
            done = j
    return doc, _tiers(doc, hits, whole["denied"])


def _tiers(doc: Doc, hits: list[tuple[str, str, int, int]],
           denials: list[tuple[int, int]] = ()) -> list[tuple[str, str, int, int]]:
    crisis = [h for h in hits if h[0] == "crisis"]
    possible = [h for h in hits if h[0] == "possible"]
    weak = [h for h in hits if h[0] in _UPGRADE]
    if possible and not crisis:
        inside = {k for _, _, i, j in possible for k in range(i, j + 1)}
        inside.update(k for a, b in denials for k in range(a, b + 1))
        timed = any((st in _UPGRADE_WORDS or (st in _UPGRADE_TIMES and _WAKE.isdisjoint(doc.stems[max(0, k - 2):k])))
                    and k not in inside and not _negated(doc, k) for k, st in enumerate(doc.stems))
        if weak or timed:
            crisis = [("crisis", h[1] + "+plan", h[2], h[3]) for h in possible]
            possible = []
    return crisis + possible


_USE_MODEL = True


def use_model(on: bool) -> None:
    """Whether find_crisis asks the trained model too by default (the app sets it from
    `CRISIS_MODEL`)."""
    global _USE_MODEL
    _USE_MODEL = bool(on)


def model_enabled() -> bool:
    """The model is on and its weights file loaded."""
    return _USE_MODEL and crisis_model.load() is not None


def _with_model(doc: Doc, hits: list[tuple[str, str, int, int]], guarded: list[tuple[str, int, int]]) -> None:
    """The model raises the rules' tier; a clear crisis of the rules that it scores below its floor
    (no window reads as one) it lowers to possible: the help box and a queue item, no alert."""
    model = crisis_model.load()
    if model is None:
        return
    if any(h[0] == "crisis" for h in hits):
        if model.lowers(doc):
            hits[:] = [("possible", *h[1:]) for h in hits]
        return
    found, (i, j) = model.tier(doc, guarded)
    if found == "crisis" or (found == "possible" and not hits):
        hits.append((found, "model", i, j))


def find_crisis(text: str, *, model: bool | None = None) -> list[Finding]:
    """Crisis findings (code "crisis" or "possible_crisis"; `detail` names the rule, or "model"),
    spans in `text`. When anything is a clear crisis, every finding is reported as a crisis.
    `model`: ask the trained model too (None: as `use_model` set, on by default)."""
    if not text:
        return []
    guarded: list[tuple[str, int, int]] = []
    start_pace()
    doc, hits = analyse(text, guarded)
    if _USE_MODEL if model is None else model:
        _with_model(doc, hits, guarded)
    if not hits:
        return []
    top = CRISIS if any(h[0] == "crisis" for h in hits) else POSSIBLE
    message = MESSAGE if top == CRISIS else POSSIBLE_MESSAGE
    spans = sorted((doc.spans[i][0], doc.spans[j][1], name) for _, name, i, j in hits)
    out: list[Finding] = []
    for start, end, name in spans:
        if out and start < out[-1].end:
            if end > out[-1].end:
                out[-1] = Finding(top, out[-1].start, end, message, detail=out[-1].detail)
            continue
        out.append(Finding(top, start, end, message, detail=name))
    return out


def tier(text: str, *, model: bool | None = None) -> str | None:
    """"crisis", "possible_crisis" or None."""
    found = find_crisis(text, model=model)
    return found[0].code if found else None


_RULES = COMPILED
_BY_KEY: dict[str, list[int]] = {}
for _r, _rule in enumerate(_RULES):
    for _a in _rule[5]:
        _BY_KEY.setdefault(_a, []).append(_r)
