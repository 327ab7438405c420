"""Crisis rules of round 12 (from crisis_train_w57 ... w60: chronic-illness forums, phone chat with third
persons in danger, quiet despair with its crisis and everyday twins, older and second-language writers), and the
benign phrases of that round. Pure data in crisis_rules' pattern language; crisis_rules_more places LATE_RULES
where the round's rules were written (before the other-language rules), crisis_rules_means merges LATE_CONCEPTS
into its concepts and adds LATE_BENIGN to its benign phrases."""
from __future__ import annotations

LATE_CONCEPTS: dict[str, str] = {
    # a treatment stopped or skipped, and the words that leave the outcome to the illness
    "TREATX": "insulin inhaler chemo chemotherapy treatment dialysis medication tablet pill injection transplant",
    "LETHAPPEN": """whatever_happen_happen if_it_get_me_it_get_me let_natur_take_itscourse let_whatever_happen""",
    # hurting oneself, and where
    "HARMACT": "burn burnt cut stab stabbed bang banging hit punch",
    "MYBODY": """myself my_arm my_arms my_leg my_legs my_head my_finger my_fingers my_wrist my_skin my_thigh""",
}

LATE_RULES: list[tuple[str, str, str, str]] = [
    ("let_it_happen_treat", "possible", "@TREATX|antirejection|jab ~~12 @LETHAPPEN|let_it_take_itscourse|let_it_run_itscourse|"
     "do_not_care_what_happen|not_care_what_happen_to_me|let_thing_happen", "past joke"),
    ("happen_then_treat", "possible", "@LETHAPPEN ~~12 @TREATX", "past joke"),
    ("hope_op_wrong", "possible", "hope|hoping|wish|pray|praying ~3 the|my? ~1 surgery|operation|op|anaesthetic|procedure|transplant "
     "go_wrong|goes_wrong|fail|kill_me|be_the_end_of_me|finish_me", "neg past topic joke"),
    ("bed_hoping_end", "possible", "go_to_bed|go_to_sleep|fall_asleep|lie_down ~4 hope|hoping|pray|praying|wish ~2 that_be_it <s>|<c>|"
     "this_be_it|it_be_over|i_do_not_wake|not_to_wake|it_be_the_last|it_be_my_last", "neg past topic joke"),
    ("illness_finish_me", "possible", "hope|hoping|wish|pray|praying ~6 finish_me|finish_me_off|take_me_quick|take_me_soon|take_me_sooner|"
     "hurry_up_and_take_me|hurry_up_and_kill_me|kill_me_off|get_it_over_with <s>|<c>|and|so", "neg past topic joke"),
    ("indifferent_wake", "possible", "indifferent|not_bother|not_bothered|not_fuss|not_fussed ~2 about|whether|if ~1 i? ~1 wake_up|wake|live|die|"
     "make_it|see_tomorrow|be_here", "past topic joke"),
    ("train_not_on", "crisis", "wait|waiting ~2 for ~1 the? ~1 train|bus|lorry|tram ~~6 not_get_on_it|not_be_get_on_it|not_go_to_get_on|"
     "not_get_on_this_one|i_be_not_get_on", "neg past topic joke"),
    ("whole_script", "crisis", "take|swallow|down|neck|drink ~2 whole|entire|all_my|all_of_my ~1 script|prescription|supply|month_supply|"
     "week_supply", "neg topic accident past"),
    ("took_the_box", "crisis", "take|swallow|drink ~6 @PILLS|@DRUG|@DRUG2|@MEANSX ~~6 all_the_box|all_the_bottle|all_the_packet|"
     "the_whole_box|the_whole_bottle|the_whole_packet|whole_box|whole_bottle|all_of_it|every_one_of_them", "neg topic accident"),
    ("drank_whole_bottle", "crisis", "drink|drunk|drank ~2 whole|entire ~1 bottle|box|packet|pack|strip ~2 of ~3 @MEANSX|@DRUG|@DRUG2|"
     "med|meds|medication|pill|tablet", "neg topic accident past benign"),
    ("note_do_not_look", "crisis", "note|letter|message|text ~4 do_not_look_for_me|do_not_try_to_find_me|not_to_look_for_me|do_not_come_look|"
     "do_not_come_after_me|do_not_search", "past topic joke"),
    ("third_keeps_saying", "possible", "@THIRD ~7 keep|always|keeps|kept ~1 say|tell ~4 will_not_be_a_burden|not_be_a_burden|"
     "will_not_be_around|not_be_around_long|not_go_to_be_around|not_matter_soon|will_not_matter_soon|not_be_here_much|"
     "not_be_here_long|better_off_without|not_hang_around", "neg past joke"),
    ("switzerland", "possible", "why|understand|consider|considering|look_into|looking_into|think_about|thinking_about ~6 go|going|went|trip ~1 to "
     "switzerland|dignitas !for|to_see|on|next|this|in|with|ski|skiing|to_ski|holiday|to_visit|to_work", "past topic joke"),
    ("god_forgot_me", "possible", "god|the_lord|jesus ~2 have? ~1 forget|forgot|forgotten ~1 to? ~1 call|take|collect|come_for me", "neg past topic"),
    ("ask_dead_take_me", "possible", "ask|asking|beg|begging|pray|praying|tell ~2 him|her|them|god|the_lord ~1 to ~1 come_back_and_take_me|"
     "come_and_take_me|take_me_with|take_me_now|take_me_home|take_me_too|come_for_me|call_me_home", "neg past topic joke"),
    ("lie_with_dead", "possible", "lie|lay|lying ~4 next_to|beside|with|by her|him|them ~4 cemetery|grave|churchyard|ground ~6 stay_ther|and_stay|"
     "never_get_up|not_get_up|forever|for_good", "neg past topic joke"),
    ("obituary_jealous", "possible", "obituary|obituaries|death_notice|death_notices|funeral_notice ~~8 jealous|envious|envy", "neg past topic"),
    ("pointless_me_too", "possible", "pointless|no_point|worthless|useless|meaningless ~~6 me_include|including_me|myself_include|me_too <s>|<c>",
     "neg past topic joke"),
    ("cant_picture_future", "possible", "can_not|do_not|can_never ~1 picture|see|imagine myself ~1 in|at|by ~1 #|##|a|the|next ~2 year|years|month|months|"
     "future|christmas|birthday|summer <s>|<c>|time|from_now|tbh", "neg past topic joke everyday"),
    ("free_of_me", "possible", "be|finally|will_be free|rid of me <s>|<c>|at_last|soon|now|and|forever", "neg past topic joke"),
    ("urge_hurt_body", "possible", "want|wanted|urge|need ~1 to ~1 bang|hit|punch|cut|burn|scratch|hurt my head|arm|arms|leg|legs|wrist|wrists|"
     "skin|thigh|thighs|face !against_a_wall|against_the_wall|against_a_brick_wall|on_the_desk|on_my_desk|on_a_wall|off_a_wall|off_the_wall|"
     "on_the_wall|against_my_desk|on_the_table|with_a_pillow", "neg past topic joke"),
    ("not_bothered_living", "possible", "can_not|could_not|not ~1 be_bother|be_bothered|bother ~1 live|be_alive|exist|with_life|with_live", "past topic joke"),
    ("weary_of_living", "possible", "weary|tired|sick|exhausted ~~8 of carry_on|go_on|live|be_alive|exist|wake_up|keep_go !with|at|like|the|this|my|out|off|through",
     "neg past topic joke everyday"),
    ("never_be_found", "possible", "walk_away|walk_off|disappear|vanish|run_away|go_somewhere ~~8 never_be_find|not_be_find|nobody_would_find|"
     "nobody_find_me|nobody_will_find_me|no_one_would_find_me", "neg past topic joke"),
    ("by_a_thread", "possible", "i_be|i|i_have_be|i_be_only|i_be_just hold|holding|hang|hanging on by a ~1 thread !of|with|here|<s>_of|<c>_of", "neg past topic joke casual"),
    ("read_this_gone", "crisis", "by_the_time|when|once ~2 you|anyone|someone|they|somebody ~1 read|see|find this|it ~~6 i_will_have|i_will_be|"
     "i_would_have|i_be ~2 gone_to_join|join|be_with_my_late|dead|not_be_here|not_be_alive|not_be_around|at_peace|gone_for_good|no_longer_here",
     "neg past topic joke"),
    ("join_late", "possible", "go|going|gone|ready|want|time|soon|tonight|to ~2 join|be_with my ~1 late|dead|departed wife|husband|partner|son|"
     "daughter|mum|dad|boy|girl|love", "neg past topic joke"),
    ("enough_tablets_final", "crisis", "have|have_get|get|got|keep ~1 enough ~4 @PILLS|@DRUG|@DRUG2 ~~25 will_not_see|not_see_another|"
     "not_be_here|my_arrangement|make_my_arrangement|all_arrange|goodbye", "neg past topic joke benign"),
    ("arranged_enough_tablets", "crisis", "my_arrangement|make_my_arrangement|all_arrange|my_affair_in_order|conclude_my_affair ~~25 "
     "enough ~4 @PILLS|@DRUG|@DRUG2", "neg past topic joke"),
    ("drive_into_tree", "crisis", "@INTENT|will|say_he_will|say_she_will|go_to ~4 drive|crash|steer ~3 into|off ~3 a|the ~1 tree|wall|bridge|"
     "river|lorry|cliff|sea|quarry", "neg past topic joke"),
    ("third_throw", "crisis", "throw|jump|hurl herself|himself|themselves|themself ~3 off|from|in_front_of|into|out_of ~3 the|a|her|his|their? ~1 "
     "@PLACE|floor|flat", "neg past topic joke"),
    ("third_on_ledge", "crisis", "@THIRD ~6 stand|sit|climb|climbing|stood|sat ~2 on|at|over ~2 the? ~1 window_sill|windowsill|ledge|balcony|"
     "railing|railings|roof|parapet|bridge ~~10 floor|storey|jump|threaten|say_she_will|say_he_will|ambulance|police|999|911|let_go",
     "neg past topic joke"),
    ("harm_deserved", "crisis", "@HARMACT ~3 @MYBODY ~~8 i_deserve|deserve_it|because_i_deserve|to_punish_myself|want_to_do_worse",
     "neg past topic accident"),
    # ...and "over and over" alone (a head banged on a low beam over and over is clumsiness): possible
    ("harm_over_and_over", "possible", "@HARMACT ~3 @MYBODY ~~8 over_and_over", "neg past topic accident joke"),
]

# a lethal dose asked for an animal, a charity sale, waking late: not a crisis in that sentence
LATE_BENIGN = """for_a_dog for_a_cat for_a_pet for_a_puppy for_a_kitten jumble_sale charity_shop wake_up_till wake_up_until
    wake_up_til wake_up_in_time wake_up_for_my wake_up_on_time""".split()
