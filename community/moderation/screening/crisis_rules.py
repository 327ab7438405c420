"""The crisis rules, written in a small pattern language over stemmed tokens (crisis_text):

    word        that word (stemmed the same way as the text)
    a|b_c       one of: "a" or the words "b c"
    @NAME       one of the words of concept NAME
    ~N          up to N other tokens (never across a sentence break)
    ~~N         up to N other tokens, also across sentence breaks (a post's whole story)
    x?          optional item

Each rule: (name, tier, pattern, guards). Tiers: "crisis" (clear intent, plan, means, farewell,
a third person in immediate danger) and "possible" (hopelessness, passive ideation,
ambiguous). Guards, applied by crisis.py: "neg" (a negation just before it cancels it:
"I'd never hurt myself"), "past" (a past that is over: "years ago I...", "therapy helped"),
"topic" (a film, a course, a questionnaire), "joke" ("lol" in the sentence or a neighbour, or a
figurative form: "if one more person..."); also "benign" (an everyday word or phrase in the sentence,
BENIGN / BENIGN_PHRASES), "casual" and "everyday" (a goodbye to a job, a ward, a thread), "accident",
"achieve", "medical" (the fear of dying in a physical emergency), "notdark" ("not in a dark way"),
"negin", "nowonly", "pastfirst", "pastonly", "pastend"; crisis._guarded is the one place they are
applied."""
from __future__ import annotations

import re

from .crisis_rules_means import BENIGN, BENIGN_PHRASES, EXTRA_CONCEPTS, EXTRA_RULES, NOT_A_BREAKUP
from .crisis_text import stem

CONCEPTS: dict[str, str] = {
    "SELF": "i me my myself",
    "THIRD": """he she they brother sister mum dad son daughter friend partner husband wife boyfriend girlfriend
        flatmate roommate housemate grandad nan uncle aunt cousin niece nephew child kid someone somebody
        colleague neighbour mate bestie teenager fiance""",
    "THREFL": "himself herself themselves themself",
    "THPOSS": "his her their",
    "INTENT": """go_to will want_to plan_to plan_on decide_to ready_to about_to intend_to try_to mean_to
        get_ready_to be_do would_like_to am_to be_go_to set_on""",
    "TIME": """tonight today tomorrow now right_now this_weekend this_week weekend monday tuesday wednesday
        thursday friday saturday sunday soon later the_morning next_week christmas birthday""",
    "DRUG": """paracetamol acetaminophen tylenol ibuprofen aspirin codeine codamol cocodamol tramadol morphine
        oxycodone oxycontin fentanyl methadone heroin diazepam valium lorazepam zopiclone zolpidem temazepam
        amitriptyline nortriptyline sertraline citalopram escitalopram fluoxetine prozac venlafaxine mirtazapine
        quetiapine seroquel olanzapine lithium propranolol metformin insulin warfarin digoxin gabapentin
        pregabalin antidepressant painkiller opioid opiate benzo xanax sleeping_pill sleeping_tablet pain_killer""",
    "PILLS": "pill tablet medication capsule emojipill dose unit",
    "QUANT": "all whole every ## box bottle pack packet lot stash month_supply everything",
    "PLACE": """bridge roof rooftop carpark cliff cliffs edge train railway track tracks river sea lake balcony
        window building motorway tower station ledge platform quarry multistorey viaduct overpass dam
        footbridge crossing level_crossing reservoir woods forest beachy_head cliff_path pier weir canal loch creek""",
    # a condition or a coming event ("if the scan is bad", "once mum passes", "soon as the kids...")
    "COND": "if when once unless soon_as as_soon_as the_day the_minute after",
    # leaving or ending, as people say it without the word suicide
    "LEAVE": """not_stick_around not_be_stick_around not_be_stay not_be_here not_be_around be_gone be_go_too
        check_out end_it end_thing end_everything end_my_life finish_it finish_it_myself take_the_lot
        not_come_home not_coming_home not_come_back not_coming_back not_go_through_it that_be_it_for_me be_it_for_me
        that_be_me_done be_me_done kill_myself not_be_alive not_stick_about not_hang_about not_hang_around not_stay_alive
        not_stay_around not_go_to_be_around not_go_to_be_here not_go_to_be_alive go_on_my_own_term call_it_a_day
        not_turn_back moving_out_of_life move_out_of_life leave_this_life leave_this_world check_out_of_life""",
    # the same said vaguely ("I'm out", "I'm done", "I'll do it"): needs a means or a plan named
    "LEAVE2": "do_it be_out be_done be_go",
    # a way ready: a plan, a means, a hiding place
    "READY": """way_out a_way the_means plan sort know_how know_exactly_how think_it_through put_by hid hidden
        ready drawer enough pill tablet rope noose the_stuff pick_the_day stash save_up work_out_how put_aside""",
    "MEANS": """way_out a_way_sort the_means know_how know_exactly_how put_by hid hidden drawer pill tablet rope
        noose the_stuff pick_the_day stash save_up it_all_plan it_plan plan_be_ready the_plan work_out_how
        put_aside""",
    # ending words near a place of height, rail or water
    "PLACEEND": """not_come_down not_coming_down not_come_back not_coming_back not_come_home not_coming_home
        not_stop not_stopping do_it end_it end_thing it_be_over be_over walk_onto_it walk_onto_them walk_in_with
        walk_into_it step_out
        not_turn_back work_up_to_it build_up_to_it the_courage the_nerve step_onto lie_down climb_over let_go_<c> let_go_<s> good_tree pocket_full which_level finish_it""",
    "OBJ": "rope noose gun shotgun rifle knife blade razor hose belt ligature cord emojiknife emojigun emojirope",
    "EMOJI": "emojipill emojiknife emojiblood emojigrave emojigun emojirope",
    "NEG": "not never no without nor nobody",
    "LETHAL": "lethal fatal kill die deadly",
    "TREAT": """insulin medication tablet pill dialysis chemo chemotherapy food eat eating water drink treatment
        meds heart kidney transplant antirejection inhaler injection""",
    "DELIB": """on_purpose deliberately intentionally purposely so_i_can_die so_i_die want_it_over
        want_it_to_end want_it_to_stop that_be_the_point give_up waste_away fade_out fade_away easier_for_everyone
        slip_into coma be_over end_it end_thing to_die so_it_stop so_that_i_die let_it_happen""",
    "PET": """dog dogs cat cats kitten puppy rabbit bunny parrot bird hamster guinea_pig pet pets horse fish""",
    "THINGS": """thing things stuff belongings possessions record records bike guitar book books clothes jewellery
        ring watch car laptop game games collection plant plants""",
    "GONE": """will_not_need will_not_be_need will_not_be_around will_not_be_here no_longer_need where_i_be_go
        after_i_be_gone when_i_be_gone after_i_gone once_i_be_gone at_peace_with everything_be_in_order
        everything_be_sort in_order_now""",
    "KIN": """kid kids child children son daughter family husband wife partner everyone everybody mum dad
        parent parents sister brother boyfriend girlfriend love loved""",
}
CONCEPTS.update(EXTRA_CONCEPTS)
BENIGN_STEMS = frozenset(stem(w) for w in BENIGN)


def _alt(words: list[str]) -> str:
    """One regex for any of the (multi-word) alternatives, as a trie of words: far faster than a
    flat alternation of hundreds of phrases, and it still prefers the longest."""
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for w in (stem(x) for x in word.split("_")):
            node = node.setdefault(w, {})
        node[""] = {}
    return _trie(trie)


def _trie(node: dict[str, dict]) -> str:
    parts = []
    for w in sorted((w for w in node if w), key=len, reverse=True):
        child = node[w]
        rest = _trie({k: v for k, v in child.items() if k})
        if not rest:
            parts.append(re.escape(w))
        else:
            parts.append(re.escape(w) + (f"(?: (?:{rest}))?" if "" in child else f" (?:{rest})"))
    return "|".join(parts)


_CONCEPT_RX = {name: _alt(words.split()) for name, words in CONCEPTS.items()}
CONCEPT_STEMS = {name: frozenset(" ".join(stem(w) for w in word.split("_")) for word in words.split())
                 for name, words in CONCEPTS.items()}


def compile_pattern(src: str) -> re.Pattern[str]:
    parts: list[str] = []
    for item in src.split():
        if item.startswith("~~"):
            parts.append(rf"(?:\S+ ){{0,{int(item[2:])}}}")
            continue
        if item.startswith("~"):
            parts.append(rf"(?:(?!<s> )\S+ ){{0,{int(item[1:])}}}")
            continue
        if item.startswith("!"):
            parts.append("(?!(?:" + _alt(item[1:].split("|")) + ") )")
            continue
        optional = item.endswith("?") and len(item) > 1
        item = item.rstrip("?") if optional else item
        alts = [a for a in item.split("|")]
        rx = "|".join(_CONCEPT_RX[a[1:]] if a.startswith("@") else _alt([a]) for a in alts)
        parts.append(f"(?:(?:{rx}) )" + ("?" if optional else ""))
    return re.compile("(?<= )" + "".join(parts))


# (name, tier, pattern, guards)
RULES: list[tuple[str, str, str, str]] = [
    # --- clear intent ------------------------------------------------------------------
    ("kill_self", "crisis", "kill myself !laugh|laughing|in_this_level|on_this_level|in_this_game|slowly", "neg past topic joke"),
    ("end_life", "crisis", "end|take|finish ~1 my own? life !story|insurance|book|saving|savings|work|admin|paper|papers|plan", "neg past topic"),
    ("suicide_act", "crisis", "commit|attempt suicide", "neg past topic"),
    ("suicide_intent", "crisis", "@INTENT ~2 suicide", "neg past topic"),
    ("plan_suicide", "crisis", "plan|planned ~2 suicide|death|overdose|exit|my_end", "neg past topic"),
    ("jump_now", "crisis", "@INTENT ~1 jump <s>|<c>|tonight|today|tomorrow", "neg past topic joke"),
    ("suicidal_now", "crisis", "actively|very|extremely suicidal|suicidal ~3 right_now|tonight|and_scared|with_a_plan", "neg past topic"),
    ("suicide_note", "crisis", "suicide note|letter|plan|method", "neg past topic"),
    ("want_die", "crisis", "want|wish|ready|plan|would_rather|decide|try ~1 to die !of|laugh|for|from|young|my_hair|your_hair|her_hair|at_home|in_hospital|in_the_hospice|in_a_hospice|peacefully|with_dignity|in_his|in_her", "neg past topic joke"),
    ("deserve_die", "possible", "i|i_be|i_feel_like_i ~2 deserve to die", "neg past topic joke"),
    ("end_it", "crisis", "@INTENT|be|finally ~3 end it|it_all|everything|thing|my_life " + NOT_A_BREAKUP, "neg past topic joke"),
    ("finish_it", "crisis", "finish|end it ~3 this_time|no_more|for_good|failed_attempt|once_and_for_all", "neg past topic"),
    ("end_it_now", "crisis", "end|finish ~1 it|it_all|everything|thing @TIME|for_good|once_and_for_all|tonight", "neg past"),
    ("do_it_time", "weak", "@INTENT|finally ~2 do it ~2 @TIME|this_time", "neg"),
    ("method_self", "crisis", "hang|drown|shoot|poison|gas|electrocute|strangle|suffocate myself !in_the_foot", "neg past accident notdark"),
    ("starve_self", "possible", "starve myself|starving_myself", "neg past"),
    ("slit", "crisis", "slit|cut ~1 my wrist|wrists|throat", "neg past"),
    ("unalive", "crisis", "@INTENT ~1 kill @TIME|<s>", "neg"),
    ("no_safe", "crisis", "can_not|do_not_think_i_can ~1 keep myself safe", ""),
    ("overdose_intent", "crisis", "@INTENT ~3 overdose", "neg past topic benign"),
    ("overdose_now", "crisis", "overdose on_purpose|deliberately|tonight|intentionally|again", "neg past"),
    ("took_overdose", "crisis", "have|be ~1 take|swallow an|a overdose", "neg past topic accident"),
    # --- means and plans -------------------------------------------------------------------
    ("hoard", "crisis", "stockpile|hoard|stash|stockpiling ~6 @PILLS|@DRUG", "neg past benign"),
    ("hoard2", "crisis", "@PILLS|@DRUG ~4 stockpile|hoard|stash|save_up|saved_up", "neg past benign"),
    ("saved_pills", "crisis", "save|have|keep|get ~2 up? ~1 @QUANT|enough ~3 @PILLS|@DRUG ~4 save|up|ready|hidden|tonight|for", "neg past benign"),
    ("save_up", "crisis", "save|saving|hoard ~1 up ~2 my? @PILLS|@DRUG", "neg past benign"),
    ("take_them_all", "crisis", "take|swallow them|it|those all ~3 at_once|tonight|together|and_it_would_be_over|and_be_done|and_it_be_over|and_die", "neg past accident"),
    ("own_hand", "crisis", "by my own hand|at_my_own_hand", "neg past topic"),
    ("give_away_all", "crisis", "give ~1 away ~2 all|most|every ~1 my thing|stuff|belonging|possession", "neg past"),
    ("saved_pills2", "crisis", "save|saved_up|hoard ~3 enough|@QUANT ~2 @PILLS|@DRUG", "neg past benign"),
    ("take_all", "crisis", "@INTENT|tonight ~4 take|swallow|down ~3 @QUANT ~4 @PILLS|@DRUG|them|it", "neg past accident benign"),
    ("took_all", "crisis", "take|swallow ~3 @QUANT ~4 @PILLS|@DRUG", "neg past topic accident pastonly benign"),
    ("counted_out", "crisis", "@PILLS|@DRUG ~3 count|line|lined ~3 out|up", "neg past benign"),
    ("lethal_q", "crisis", "how_many|how_much|what_amount|what_dose|what_be_the_lethal|what_be_a_lethal|would ~6 "
     "@PILLS|@DRUG|## ~8 lethal|fatal|kill|die|enough_to|do_it|not_wake_up|never_wake_up|stop_my_heart|end_it", "neg topic"),
    ("lethal_q2", "crisis", "lethal|fatal ~2 dose|amount|number|quantity ~4 @PILLS|@DRUG|for_me|my|for_someone", "topic benign"),
    ("enough_to_die", "crisis", "enough|##|@QUANT ~4 @PILLS|@DRUG|@DRUG2 ~6 to|would|will ~2 die|kill|do_it|end_it|not_wake", "neg topic"),
    ("place_jump", "crisis", "jump|leap|throw_myself ~3 off|from|in_front_of|into|out_of ~3 @PLACE", "neg past topic joke"),
    ("place_drive", "crisis", "drive ~2 off|into ~3 @PLACE|road|cliff|wall|lorry", "neg past topic joke"),
    ("place_step", "crisis", "step|walk|throw_myself|lie ~2 in_front_of|into|onto ~3 train|bus|lorry|traffic|sea|river|lake|track|line", "neg past topic joke"),
    ("place_jump2", "crisis", "@PLACE ~~8 jump|leap|let_go_<c>|let_go_<s>|let_go_now|the_nerve|high_enough|deep_enough|finish_it|end_it|the_edge|last_train", "neg past topic joke"),
    ("means_obj", "crisis", "@OBJ ~10 die|kill|suicide|hang|beam|loft|noose|deep|bleed|ready|hidden|exhaust|garage|sort", "neg past topic benign"),
    ("means_obj2", "crisis", "hang|beam|loft|exhaust ~8 @OBJ", "neg past topic"),
    ("emoji_means", "crisis", "@EMOJI ~~6 goodbye|done|end|sorry|ready|kill|die", "joke"),
    ("emoji_means2", "crisis", "goodbye|done|end|tonight|sorry|ready|kill|die ~~6 @EMOJI", "joke"),
    ("plan_ready", "crisis", "have|get|know|make ~3 a_way_out|the_means|a_plan|it_planned|everything_i_need|how_<s>|exactly_how|the_spot|which_bridge "
     "~~12 end|die|kill|jump|be_done|me_done|not_stick_around|follow|suicide|overdose|do_it", "neg past"),
    ("plan_ready2", "crisis", "end|die|kill|jump|be_done_<c>|be_done_<s>|me_done|not_stick_around|follow|suicide|overdose ~~12 have|get|know ~3 "
     "a_way_out|the_means|a_plan|it_planned|everything_i_need|how_<s>|exactly_how|pill_ready|enough_pill", "neg past"),
    ("dose_do_it", "crisis", "##|@QUANT ~3 @PILLS|@DRUG ~~10 should_do_it|will_do_it|would_do_it|do_the_job|that_do_it", "neg past"),
    ("will_it_kill", "crisis", "@QUANT ~4 @PILLS|@DRUG ~6 will|would|could|do|be ~2 stop_my_heart|kill_me|be_fatal|be_lethal|be_enough", "neg topic"),
    ("no_barrier", "crisis", "which|what|a|the ~1 @PLACE ~4 no_barrier|no_fence|high_enough|tall_enough|no_railing", ""),
    ("pet_gone", "crisis", "@PET|@THINGS ~~25 @GONE", "neg"),
    ("gone_pet", "crisis", "@GONE ~~25 @PET|@THINGS", "neg benign"),
    ("wont_alive", "crisis", "will_not ~1 be ~1 alive ~3 @TIME|by", "neg"),
    ("wont_here", "crisis", "will_not ~1 be ~1 around|here !much|on|at|for|in|until|during|while|this|to ~1 @TIME|by|to_see", "neg benign casual everyday"),
    # a condition then leaving or ending, with a way ready or said twice, in any order
    ("cond_plan", "crisis", "@COND ~10 i|that ~3 @LEAVE !for_a|until|till|at|in|on|while|with ~~14 @READY|@LEAVE", "neg past outneg joke"),
    ("cond_plan2", "crisis", "@READY ~~14 @COND ~10 i|that ~3 @LEAVE !for_a|until|till|at|in|on|while|with", "neg past outneg joke"),
    ("cond_plan3", "crisis", "@COND ~10 i ~3 @LEAVE2 !with|of|for|until|at|in|on|the|to|back|home|out|through|over|up|down ~~14 @MEANS", "neg past outneg joke"),
    ("cond_plan4", "crisis", "@MEANS ~~14 @COND ~10 i ~3 @LEAVE2 !with|of|for|until|at|in|on|the|to|back|home|out|through|over|up|down", "neg past outneg joke"),
    # a place of height, rail or water with an ending, a means or a plan, in either order
    ("place_end", "crisis", "@PLACE ~~10 @PLACEEND", "neg past topic joke outneg"),
    ("place_end2", "crisis", "@PLACEEND ~~10 @PLACE", "neg past topic joke outneg"),
    ("place_obj", "crisis", "@OBJ !toy|swing|ladder|burn|skip ~~10 @PLACE|tree", "neg past topic joke benign"),
    ("place_obj2", "crisis", "@PLACE|tree ~~10 @OBJ !toy|swing|ladder|burn|skip", "neg past topic joke benign"),
    # being at such a place now makes a possible crisis ("can't do this anymore") a crisis
    ("place_here", "weak", "be_on|stand_on|stood_on|sit_on|sat_on|be_up|be_at|stand_by|sit_by|sat_by|stand_at ~4 "
     "roof|rooftop|carpark|cliff|edge|bridge|footbridge|ledge|balcony|viaduct|tower|railway|track|platform|crossing", "neg past topic joke"),
    ("pills_ready", "weak", "@PILLS|@DRUG ~2 ready|set_out|lined_up|waiting", "neg past"),
    ("stop_treat", "crisis", "stop|quit|not_take|skip|refuse|not_do|not_eat|not_have|not_had ~4 @TREAT ~~14 @DELIB", "past"),
    ("stop_treat2", "crisis", "@DELIB ~~10 stop|quit|not_take|skip|refuse|not_eat ~4 @TREAT", "past"),
    ("stop_treat3", "crisis", "stop|quit|not_take|skip ~4 @TREAT ~4 so|on_purpose|deliberately !good|much|happy|glad|well|great|relieved|excited", "past"),
    ("not_eat", "crisis", "not ~3 eat|food ~~10 not_go_to_start|give_up|on_purpose|die|end", "past"),
    # --- farewell ------------------------------------------------------------------------
    ("goodbye", "crisis", "goodbye ~2 everyone|everybody|all|forever|for_good|world|you_all|to_you_all|before_i_go", "neg casual benign everyday"),
    ("goodbye_is", "crisis", "this_be|say_my|my ~1 goodbye|goodbyes !to_my|to_him|to_her|to_them|to_the|to_our", "neg casual everyday benign"),
    ("last_post", "crisis", "last|final ~1 post|message|words !sound|sounded|seem|seemed|be|come_across|came_across ~~8 goodbye|thank|sorry|love", "neg casual everyday"),
    ("letters", "crisis", "write|leave ~4 letter|note ~~12 sorry|love|goodbye|find|drawer|kitchen_table|miss|forgive|after_i|under_his_door|under_her_door|drove_off|drive_off|person_to_know|i_do_try", "neg past topic casual benign"),
    ("letters2", "crisis", "goodbye|suicide|farewell ~1 letter|note|message !to_my_job|to_work|to_the_job|to_my_colleague|to_my_old|to_the_old|to_the_version", "neg past topic everyday"),
    ("write_loved", "crisis", "write|written ~1 to everyone ~2 love", "neg"),
    ("give_away", "crisis", "give|rehome|new_home|find_a_home|arrange|go_to ~6 @PET|@THINGS|everything ~~20 @GONE", "neg"),
    ("give_away2", "crisis", "@GONE ~~20 give|rehome|new_home|find_a_home|arrange ~6 @PET|@THINGS", "neg"),
    ("will_order", "crisis", "will|affair|everything ~4 in_order|sort ~~12 peace|time|what_come_next|goodbye|love", "neg"),
    ("wont_need", "weak", "will_not ~1 be need|need ~3 @PET|@THINGS|it|them|to|anymore|where", "neg"),
    # --- a third person in danger -------------------------------------------------------
    ("third_kill", "crisis", "kill|hang|shoot|drown|poison|gas|unalive|starve @THREFL", "neg past topic"),
    ("third_life", "crisis", "end|take @THPOSS own? life", "neg past topic pastfirst"),
    ("third_die", "crisis", "@THIRD ~3 want|plan|ready|threaten|try ~1 to ~1 die|overdose|end_it|end_thing|suicide|end_his|end_her "
     "!at_home|in_hospital|in_a_hospice|in_the_hospice|peacefully|with_dignity|in_his|in_her|in_their", "neg past topic"),
    ("third_go", "crisis", "@THIRD ~3 go_to|will|about_to ~1 overdose|end_it|end_thing|end_everything|suicide|kill_himself|kill_herself", "neg past topic"),
    ("third_jump", "crisis", "@THIRD ~4 jump|leap ~3 off|from|in_front_of ~3 @PLACE", "neg past topic joke"),
    ("third_pills", "crisis", "take|swallow ~1 all|every ~1 @THPOSS ~1 @PILLS|@DRUG", "neg past benign"),
    ("third_goodbye", "crisis", "@THIRD ~2 say ~1 goodbye ~~12 @PILLS|@DRUG|@OBJ|not_answer|gone", "neg"),
    ("third_self", "possible", "cut|harm|hurt|burn @THREFL", "neg past topic accident"),
    ("third_cut_bad", "crisis", "cut|harm @THREFL ~3 badly|deep|bleed|blood", "neg past accident"),
    ("third_locked", "crisis", "lock @THREFL ~~14 @PILLS|@DRUG|@OBJ|die|cut|blood|bleed|blade|not_answer|not_come_in", "neg"),
    # --- possible crisis: hopelessness, passive ideation, ambiguous ----------------------
    ("suicidal", "possible", "suicidal", "neg past topic"),
    ("think_death", "possible", "think|thought|thoughts ~1 about|of ~1 die|suicide|end_it|end_my_life|not_be_here|kill_myself", "neg past topic"),
    ("dark_thoughts", "possible", "dark|intrusive|suicidal ~1 thought", "neg past topic"),
    ("better_off", "possible", "better_off|happier|easier ~1 without me !nag|nagging|bother|fuss|moan|ask|get|interfere|complain|around|there|in", "neg past topic"),
    ("better_dead", "possible", "@SELF ~4 better_off dead|die", "neg past topic"),
    ("burden", "possible", "i|me ~4 burden ~2 to|on|for ~1 everyone|everybody|my|them|you_all|all|people", "neg past"),
    ("burden2", "possible", "i ~3 burden <s>|<c>", "neg past"),
    ("no_point", "possible", "no|what_be_the|see_the|lose|what_be ~3 point ~3 live|life|go_on|carry_on|anymore|any_of_it|anything|"
     "keep_go|keep_try|try|be_alive|be_here|wake_up|exist|fight|<s>", "past topic"),
    ("hopeless", "possible", "hopeless|hopelessness|lose_all_hope|no_hope|given_up_hope !at|with|case|of_recovery|of_a_cure|of_getting_a", "neg past topic"),
    ("give_up", "possible", "give up ~1 on ~1 everything|life|myself|live", "neg past"),
    ("give_up2", "possible", "feel_like|want_to|be_ready_to|have|go_to ~1 give up <s>|<c>|on !this_computer|the_computer|this_phone|the_diet|my_diet|sugar|facebook|this_app|the_app|the_garden|knitting", "neg past"),
    ("no_future", "possible", "not|no ~1 see ~1 a|any ~1 future|way_forward|way_out|light|end_to_this", "past"),
    ("nothing_left", "possible", "nothing ~1 left ~1 for me|nothing_to_live_for|nothing_to_look_forward_to", "neg past"),
    ("worthless", "possible", "i ~3 worthless|useless_to_everyone", "neg past"),
    ("tired_alive", "possible", "tired|sick|weary ~1 of ~1 be_alive|live|exist|life|everything|be_here !out|off|with|through", "neg past"),
    ("tired_fight", "possible", "tired|sick ~1 of ~1 fight !the|with|for|about|over|to|a|an|my_corner|council|insurance", "neg past"),
    ("not_worth", "possible", "not ~1 worth ~1 live|it_anymore|go_on|the_fight|fight_for", "neg past"),
    ("no_reason", "possible", "no|not|can_not_find|can_not_see|do_not_have|not_a_single|without ~4 reason ~2 to ~2 "
     "wake|live|go|get|keep|carry|stay|be_here|be_alive|bother|exist|continue|try", "past"),
    ("dont_want_live", "possible", "not ~1 want ~1 to ~1 be_here|be_alive|live|exist|wake|go_on|be_around|carry_on|be_on_this", "past topic"),
    ("wish_dead", "possible", "wish|hope ~2 i ~2 be|could|would ~2 dead|die|disappear|not_exist|not_be_here|not_wake|never_wake", "neg past"),
    ("never_born", "possible", "wish ~2 never ~1 be_born|exist|born|wake_up", "past"),
    ("nobody_miss", "possible", "nobody|no_one ~2 would ~3 notice|care|miss_me|miss ~4 if|when ~1 i|me", "past topic"),
    ("nobody_miss2", "possible", "nobody ~2 would ~1 miss me", "past"),
    ("not_wake", "possible", "hope|wish|want|not_mind|not_care|pray ~5 not|never ~1 wake", "neg past"),
    ("sleep_never", "possible", "sleep ~3 and ~1 never|not ~1 wake", "past"),
    ("wouldnt_mind", "possible", "would_not|do_not|will_not|would ~1 mind|care ~3 if ~1 i ~2 die|do_not_wake|be_go|be_hit|get_hit|be_dead", "past"),
    ("hit_by", "possible", "hit_by_a_bus|hit_by_a_car|run_over ~~8 not_mind|would_not_mind|would_not_care|hope|wish|relief", "past"),
    ("cant_go_on", "possible", "can_not|not_able_to ~1 go_on|keep_go|carry_on|do_this|take_this|take_it|cope|hold_on|keep_do_this|"
     "carry_this|carry_it|bear_it|bear_this|face_another_day "
     "like_this|anymore|much_longer|any_longer|<s>", "neg past joke"),
    ("cant_cope", "possible", "can_not ~1 cope|go_on|carry_on ~3 anymore|any_longer|much_longer", "neg past"),
    ("if_gone", "possible", "if|when i be|were gone|dead|not_here|no_longer_here !all_day|for|on|to|at|in|most|all", "neg past topic"),
    ("rather_die", "possible", "would|i rather die|rather_be_dead !than", "neg past topic joke"),
    ("relapse", "possible", "relapse ~3 selfharm|cut|cutting|self_harm", "neg"),
    ("how_long", "possible", "how much longer ~2 can|could ~2 hold_on|go_on|keep|take|cope|last|do_this", "past"),
    ("want_stop", "possible", "want|need ~1 it|everything|it_all|this|life|the_world ~1 to ~1 stop|end|be_over", "neg past"),
    ("end_rope", "possible", "end_of_my_rope|end_of_the_road_for_me !with|about", "neg"),
    ("disappear", "possible", "disappear ~2 for_good|forever|and_never_come_back|for_ever", "neg past"),
    ("wont_be_around", "possible", "will_not|not_go_to ~1 be ~1 around|here|alive ~2 much_longer|for_long|tomorrow|next|by|anymore|long", "neg joke benign casual everyday"),
    ("stick_around", "possible", "not ~1 stick around|be_stick_around !the|for|to|at|in|with|until|after|while|long", "neg"),
    ("take_me", "possible", "hope|wish|want|pray ~4 take_me|let_me_die|let_me_go", "neg past topic"),
    ("kill_you", "possible", "kill yourself", "neg topic"),
    ("self_harm", "possible", "cut|hurt|harm|burn|scratch|punish|bite|hit myself", "neg past topic accident"),
    ("self_harm2", "possible", "selfharm|cut ~1 again|myself", "neg past topic accident"),
    ("self_harm_i", "possible", "i|been|start|keep|urge|urges|want ~3 selfharm|to_cut", "neg past topic"),
    ("cut_deep", "crisis", "cut|selfharm ~6 deep|deeper|bleed_out|to_die|it_end|end_it", "neg past"),
    ("want_give_up", "possible", "want ~1 to ~1 give_up|stop_fight|not_be_here", "neg past"),
    ("done_life", "possible", "done ~1 with ~1 life|live|everything|it_all|be_alive|this_world", "neg past"),
    ("follow_them", "possible", "i ~2 will|go_to ~1 follow him|her|them", "neg past"),
    *EXTRA_RULES,
]



def anchors(src: str) -> frozenset[str]:
    """The stems a match of the rule can start on (its first item's first words)."""
    first = src.split()[0]
    assert not first.endswith("?") and not first.startswith(("~", "!")), src
    out: set[str] = set()
    for alt in first.split("|"):
        if alt.startswith("@"):
            out.update(s.split(" ")[0] for s in CONCEPT_STEMS[alt[1:]])
        else:
            out.add(stem(alt.split("_")[0]))
    return frozenset(out)


_COMMON = frozenset(stem(w) for w in """i me my be go will have not no a the to do it what which all how want so and if when
    this that can would get know make on of for in with up take say feel think you he she they there here now""".split())


def _width(item: str) -> int:
    """The most tokens an item or gap can cover."""
    if item.startswith("~"):
        return int(item.lstrip("~"))
    if item.startswith("!"):
        return 0
    alts = item.rstrip("?").split("|")
    return max(max(len(w.split(" ")) for w in CONCEPT_STEMS[a[1:]]) if a.startswith("@") else len(a.split("_"))
               for a in alts)


def keys(src: str) -> frozenset[str]:
    return _key(src)[0]


def reach(src: str) -> int:
    """How many tokens after a match's start its key item can begin (0: the key item is the first),
    so a rule is tried only at starts with a key word close enough after them."""
    return _key(src)[1]


def _key(src: str) -> tuple[frozenset[str], int]:
    """Stems one of which a text must hold for the rule to match at all: the first words of its
    least common required item (a cheap test before any matching), and that item's reach."""
    best: tuple[int, int] | None = None
    chosen: set[str] = set()
    offset = at = 0
    for item in src.split():
        width = _width(item)
        offset += width
        if item.startswith(("~", "!")) or item.endswith("?"):
            continue
        words: set[str] = set()
        for alt in item.split("|"):   # of each alternative its first uncommon word
            for x in (CONCEPT_STEMS[alt[1:]] if alt.startswith("@") else [" ".join(stem(w) for w in alt.split("_"))]):
                ws = x.split(" ")
                words.add(next((w for w in ws if w not in _COMMON), ws[0]))
        score = (len(words & _COMMON), len(words))
        if best is None or score < best:
            best, chosen, at = score, words, offset - 1
    return frozenset(chosen), at


def _guards(src: str, guards: str) -> frozenset[str]:
    """A rule with no negation word of its own is also cancelled by one inside its match
    ("I'm not going to end it"): guard "negin"."""
    out = set(guards.split())
    words = set(re.split(r"[ |_?]", src))
    if "neg" in out and "outneg" not in out and not words & {"not", "no", "never", "nobody", "without", "can_not", "will_not"}:
        out.add("negin")
    return frozenset(out)


BENIGN_RX = compile_pattern("|".join(BENIGN_PHRASES))

COMPILED: list[tuple[str, str, re.Pattern[str], frozenset[str], frozenset[str], frozenset[str]]] = [
    (name, tier, compile_pattern(src), _guards(src, guards), anchors(src), keys(src)) for name, tier, src, guards in RULES
]
REACH: dict[str, int] = {name: reach(src) for name, _, src, _ in RULES}
