"""More crisis rules, in the pattern language of crisis_rules: concept word lists and
co-occurrences that do not depend on one writer's phrasing. A means (a drug, pills, insulin, a
rope or belt, a blade, a gun, a hose, a high place or water) near a commitment (a time, "going
to", "ready", "counted out", "the lot", a farewell) in either order within a sentence or two; an
overdose already taken; self-harm happening now; a farewell or affairs put in order; a third
person with a farewell or a means who no longer answers; stopping a treatment in order to die;
and the quieter words of passive ideation (possible crisis).

Pure data: crisis_rules merges EXTRA_CONCEPTS into its concepts and appends EXTRA_RULES (with
crisis_rules_more's, the kinds later writers showed missing)."""
from __future__ import annotations

from .crisis_rules_late import LATE_BENIGN, LATE_CONCEPTS
from .crisis_rules_more import MORE_CONCEPTS, MORE_RULES

# "end it with my boyfriend / my GP practice": ending a relationship or a registration, not a life
NOT_A_BREAKUP = ("!" + "".join([
    "with_my_boyfriend|with_my_girlfriend|with_my_partner|with_my_husband|with_my_wife|",
    "with_my_fiance|with_my_ex|with_my_bf|with_my_gf|with_him|with_my_gp|with_my_doctor|",
    "with_my_practice|with_my_surgery|with_my_dentist|with_my_consultant|with_my_therapist|",
    "with_my_counsellor|with_my_job|with_the_clinic|with_this_clinic|with_the_gp|",
    "with_the_practice|with_the_surgery",
]))

EXTRA_CONCEPTS: dict[str, str] = {
    **MORE_CONCEPTS, **LATE_CONCEPTS,
    # more medicines people name, and other poisons
    "DRUG2": """lamotrigine adderall laxative lantus novorapid humalog levemir tresiba furosemide bisoprolol oxy
        lorazepam clonazepam promethazine nytol sleeping_pill sleeping_tablet sleeper bleach antifreeze painkiller
        apixaban ramipril amlodipine co_codamol naproxen mogadon diazepam morphine_patch fentanyl_patch weedkiller
        paraquat roundup pesticide poison cyanide bait pentobarbital charcoal petrol fentanyl_lollipop
        lyrica neurontin zoloft lexapro celexa effexor wellbutrin ambien klonopin ativan percocet vicodin norco dilaudid
        oramorph zapain solpadeine nurofen panadol hydromorphone oxynorm zomorph buprenorphine butrans tapentadol trazodone
        duloxetine cymbalta hydroxyzine phenobarbital carbamazepine valproate depakote topiramate""",
    # a means in hand: a drug, a ligature, a blade, a gun, a hose
    "MEANSX": """pill tablet capsule medication insulin pen emojipill blister_pack rope noose belt ligature knot cord
        blade razor knife gun shotgun pistol rifle firearm hose exhaust emojiknife emojigun emojirope cartridge cartridges
        ammo bullet bullets shotgun weedkiller paraquat poison charcoal petrol the_stuff helium carbon_monoxide""",
    # words of commitment: a time, a decision, things made ready, "all of them"
    "COMMIT": """tonight tonight_be_the_night tn midnight tomorrow_night by_morning when_it_get_dark after_dark
        go_to_do_it be_do_it will_do_it do_it_tonight do_it_properly this_time do_all_of_it use_all use_them_all
        use_it_on_myself go_to_take_them go_to_take_it go_to_swallow swallow_it take_them_on take_them_when
        take_them_after take_every i_be_take_every i_be_take_all i_be_take_the_whole everything_i_own
        plan_it it_plan way_sort save_it been_save to_make_sure i_have_plan tomorrow_morning be_when_<s>
        i_be_jump i_will_jump and_jump not_get_on nobody_will_find no_one_will_find how_high high_enough how_deep
        not_be_drive_home not_drive_home not_be_come_home not_be_come_back not_be_go_home
        want_someone_to_know wanted_someone_to_know so_someone_know someone_to_know everything_i_need
        that_be_everything_do all_sort everything_sort go_tonight
        not_think_i_be_go_home not_think_i_will_go_home not_think_i_will_come_home got_what_i_need
        have_get_what_i_need
        take_them_all take_it_all take_everything take_all take_the_lot take_the_whole take_everything_in
        drink_it swallow_them inject_the_whole inject_all all_of_them all_of_it the_lot the_whole_lot
        i_have_decide i_decide have_decide this_be_it it_be_time_<s> it_be_time_<c> that_be_it_then
        line_up lined_up count_out counted_out count_my put_aside put_by kept_back kept_aside hid hidden hide
        test_it tie tied it_be_load be_load load_it load_the brave_enough enough_to
        not_come_back not_come_home not_go_home not_come_down not_wake_up
        do_not_call do_not_try_to_stop do_not_try_and_stop do_not_try_and_talk do_not_want_an_ambulance
        do_not_want_to_be_save not_go_to_hospital please_do_not_call my_own_term
        goodbye sorry_mum sorry_everyone love_you_all tell_my tonight_the_night be_the_day be_the_night some_of_them
        count_my i_be_ready it_all_ready everything_ready all_ready have_what_i_need i_have_what_i_need
        start_swallow already_swallow already_start_swallow the_last_bit_i_need last_bits_i_need after_i_post_this so_someone_know
        just_so_someone_know write_down_somewhere""",
    # saying goodbye for the last time, affairs settled
    "FAREWELL": """this_be_my_last_post this_be_my_last_message this_be_my_last_msg be_my_last_post_<s> my_last_post_<s>
        last_post_<s> last_message_<s> last_msg_<s> will_be_my_last my_last_ever the_last_time_you my_last_words
        final_message final_post
        will_not_hear_from_me will_not_be_post never_hear_from_me not_be_post_again not_see_him_again
        not_see_her_again not_see_them_again not_see_you_again make_my_peace made_my_peace at_peace_now
        my_affair_in_order my_affair_be_settle my_affair_be_in_order my_affair_sort put_my_affair
        see_you_on_the_other_side see_u_on_the_other_side sorry_for_everything do_not_think_badly_of_me
        thank_you_for_try thanks_for_try ty_for_try thank_you_for_everything_you look_after_each_other
        take_care_of_thing be_a_good_run the_end_for_me final_goodbye
        take_care_of_each_other not_log_on_again not_be_log_on_again not_be_on_here_again
        do_not_come_look do_not_come_looking do_not_look_for_me do_not_try_to_find_me see_my_name_in_the_news
        see_ya_on_the_other_side if_you_find_this will_not_be_check_out not_be_check_out
        will_not_see_tomorrow not_see_tomorrow_morning will_not_see_the_morning not_make_it_to_morning
        will_not_be_come_home will_not_be_come_back""",
    # being at a high place, rail or water
    "ATPLACE": """be_on be_at be_up stand_on stood_on sit_on sat_on stand_at sit_at walk_to go_up_to writing_this_from write_this_from
        post_this_from posting_from typing_this_from walk_off go_for_a_walk_off drive_off
        drive_to on_the_edge_of up_on at_the_top_of go_off sit_near sat_near stand_near sit_by sat_by stand_by""",
    "PLACE2": """roof rooftop carpark bridge cliff cliff_path ledge pier quarry reservoir tracks railway_line canal weir dam
        jetty wharf dock railing
        edge parking_garage top_floor floor_window the_water river sea lake viaduct overpass
        motorway_bridge multistorey carpark tower railway track railway_track cliffs beachy_head forest quarry train_line level_crossing the_crossing platform woods top_field balcony""",
    # an overdose or poison already in: words of taking, then effects
    "TOOK": "take swallow inject shot_up drink eat down od overdose",
    "EFFECT": """kick_in feel_floaty floaty fuzzy feel_strange feel_really_strange heart_go_funny feel_sleepy it_be_start_<s>
        be_work_already work_already start_to_work
        minute_ago min_ago mins_ago hour_ago an_hour_ago hours_ago can_not_keep_my_eye bg_drop sugar_drop not_feel_anything_yet""",
    "BLEED": """bleed blood deeper deep can_not_stop more_than_a_scratch further dizzy tonight right_now""",
    # a third person no longer reachable
    "GONE3": """not_answer not_pick_up will_not_answer will_not_pick_up be_not_answer go_offline went_offline
        will_not_open not_open_the_door be_miss missing can_not_reach can_not_get_her can_not_get_him
        can_not_get_hold location police phone_be_off phone_off phone_be_switch_off not_in_her_room not_in_his_room
        call_999 calling_999 call_911 calling_911 call_an_ambulance""",
    # giving a treatment up in order to die
    "TREAT2": """insulin dialysis oxygen pump seizure_medication chemo treatment transplant medication tablet pill bolus bolusing basal
        heart_medication nebuliser inhaler feeding_tube tube peg heart_tablet""",
    "DELIB2": """go_quietly let_it_happen let_it_take_me letting_it_take_me let_it_end letting_it_end ready_to_go give_out just_give_out be_my_way_out my_way_out
        i_be_not_stop_<s> not_go_to_stop_<s> see_ya_<s>
        want_this_to_end want_this_to_be_over to_end_with_me be_plenty let_the_dka let_whatever_happen how_it_end this_be_how until_i_die till_i_die
        to_die so_i_can_go so_i_die want_it_over want_this_over the_quickest_way let_nature drift_off slip_away
        happen_naturally so_it_happen i_want_to_go""",
    # passive ideation and hopelessness, as people say them
    "PASSIVE": """not_exist stop_exist sleep_forever stay_asleep fall_asleep_and_not go_to_sleep_and_not rest_forever rest_for_ever
        fall_asleep_and_never go_to_sleep_and_never
        not_come_round not_wake_up never_wake_up did_not_wake_up take_me_in_my_sleep drop_in_my_sleep
        disappear disappeared not_be_around not_around not_here not_be_here not_in_it""",
    "STOPT": """stop quit not_take not_go_on not_come_in done_with unplug turn_off not_go come_off skip refuse no_more
        not_do bin throw_away flush chuck""",
    # following someone who died or is dying
    "JOIN": """go_with_her go_with_him follow_him follow_her follow_them join_him join_her join_my_husband join_my_wife
        join_my_son join_my_daughter join_my_mum join_my_dad join_my_partner be_with_him_again
        be_with_her_again be_with_my_husband be_with_my_wife go_too be_go_too""",
    # an act, said after a condition ("if ... I'm taking everything")
    "ACT": """take_everything take_the_lot take_all take_every i_be_jump i_be_overdos overdos kill_myself
        not_go_to_be_alive not_be_alive not_go_to_wake_up be_out_of_here i_go_too end_it i_be_do_it
        what_i_need everything_i_need put_aside kill_us_both""",
    "DENY": """not_go_to_do_anything not_do_anything will_not_do_anything no_plan_to_do_anything not_plan_to_do_anything
        not_go_to_act not_go_to_act_on_it""",
    # a denied act (crisis_deny cancels the crisis rules on it): with low mood, a possible crisis
    "DENYACT": """not_go_to_take will_not_take will_not_be_take not_plan_to_take not_plan_on_take never_go_to_take
        not_go_to_swallow will_not_swallow not_go_to_jump will_not_jump not_plan_to_jump not_plan_on_jump
        not_go_to_overdose will_not_overdose not_go_to_do_it will_not_do_it not_go_to_use will_not_use
        not_go_to_hurt_myself will_not_hurt_myself not_go_to_do_that will_not_do_that not_plan_to_do
        not_go_to_do_anything not_do_anything will_not_do_anything not_plan_to_do_anything""",
    "DENYLOW": """low flat empty numb hopeless exhausted so_tired soul_be_tired sad pointless no_point the_point alone
        can_not_cope can_not_go_on can_not_take_it can_not_do_this burden disappear not_want_to_wake tired_of
        keep_think the_thought what_it_be_for why_i_bother worthless give_up""",
    # a farewell said without a means: thanks, love, people and pets handed on...
    "FAREWELL2": """thanks_for_everything thank_you_for_everything thank_you_all thank_u_all thanks_all thank_everyone
        thank_you_to_everyone love_you_all look_after take_care_of sorry_for_everything be_so_good_to_me
        the_last_you_will_hear make_sure_someone my_password password_be be_a_good_run it_be_a_good_run
        the_only_one_who_listen do_not_blame_yourself do_not_blame_yourselves make_my_peace made_my_peace
        by_the_time_anyone_read before_i_go tell_my_daughter tell_my_son tell_my_kid tell_my_mum tell_my_dad
        thanks_for_put_up_with_me thank_you_for_put_up_with_me thanks_for_be_kind thank_you_for_be_kind
        thanks_for_be_so_kind i_be_sorry_for_everything goodbye this_be_goodbye ta_for_everything cheers_for_everything
        cheers_for_the_laugh thanks_for_the_laugh it_be_real do_not_be_sad ily love_you""",
    # ...and leaving, said as for good
    "LEAVE3": """check_out_at_# check_out_at_## check_out_tonight check_out_for_good check_out_at_midnight check_out_now
        tap_out_for_good bow_out_tonight bow_out_for_good leave_for_good be_leave_for_good this_be_it_for_me
        be_it_for_me i_will_be_gone will_be_gone_by i_be_go_for_good tonight_the_night tonight_be_the_night
        the_last_you_will_hear not_log_on_again not_be_log_on_again at_peace_now say_my_goodbye my_time_be_up
        not_be_here_to not_be_around_to will_not_be_around_after will_not_be_here_after my_last_message
        my_last_post last_message_here last_post_here this_be_my_last i_be_do_here make_sure_of_it
        i_have_make_sure_of_it there_will_not_be_a_next""",
    "POISON": """bleach weedkiller paraquat roundup pesticide poison cyanide bait antifreeze petrol rat_poison slug_pellet""",
    "LOW": """low flat empty numb hopeless exhausted keep_think the_thought not_feel_it what_it_be_for why_i_bother
        so_tired soul_be_tired sad""",
    "QUANT2": """all whole every ## way_more too_many too_much everything the_lot a_bunch enough some_of_them box bottle
        pack packet month the_rest half double""",
    "DESPAIR": """pain tired done can_not_do can_not_go_on can_not_take can_not_cope hurt hopeless alone scared numb
        not_go_home not_go_back no_point give_up can_not_face""",
    "BURDEN2": "burden dead_weight no_use_to_anyone no_good_to_anyone a_cost_<s> drain waste_of_oxygen waste_of_space waste_of_air waste_of_money",
}
_TIMES = set("tonight tn midnight tomorrow_night by_morning tomorrow_morning when_it_get_dark after_dark".split())
EXTRA_CONCEPTS["COMMITP"] = " ".join(w for w in EXTRA_CONCEPTS["COMMIT"].split() if w not in _TIMES)   # without times

# (name, tier, pattern, guards)
EXTRA_RULES: list[tuple[str, str, str, str]] = [
    # --- a means near a commitment, in either order ------------------------------------------
    ("means_commit", "crisis", "@MEANSX|@DRUG|@DRUG2 ~~14 @COMMIT|@FAREWELL", "neg past topic benign outneg medical"),
    ("commit_means", "crisis", "@COMMIT|@FAREWELL ~~12 @MEANSX|@DRUG|@DRUG2", "neg past topic benign outneg medical"),
    ("join_means", "crisis", "@JOIN ~~12 @MEANSX|@DRUG|@DRUG2|@COMMIT|plan|@READY", "neg past topic outneg"),
    ("means_join", "crisis", "@MEANSX|@DRUG|@DRUG2|@COMMIT|plan ~~12 @JOIN", "neg past topic outneg"),
    ("cond_join", "crisis", "when|once|the_minute|the_day|after|as_soon_as ~8 go_i|go_<c>|go_<s>|die|pass|pass_away|funeral|be_go ~6 @JOIN|i_be_follow|i_will_follow", "neg past topic pastend"),
    ("cond_act", "crisis", "@COND ~14 @ACT", "neg past topic joke outneg"),
    ("third_save", "crisis", "@THIRD ~8 save|hoard|stockpile|hide|hid|stash ~4 @THPOSS|up ~2 @MEANSX|@DRUG|@DRUG2", "neg past topic benign"),
    ("how_many", "crisis", "how_many|how_much ~4 @DRUG|@DRUG2|@MEANSX ~8 stop|heart|breathe|breathing|kill|die|lethal|fatal|not_wake|for_good|end_it", "topic benign"),
    ("prep_means", "crisis", "letter|letters|note|notes|the_will|my_will|funeral|password|affair ~~14 @MEANSX|@DRUG|@DRUG2", "neg past topic casual benign"),
    ("means_prep", "crisis", "@MEANSX|@DRUG|@DRUG2 ~~14 letter|letters|the_will|my_will|funeral|password|affair", "neg past topic casual benign"),
    ("with_me_inside", "crisis", "burn|set_fire_to|set_light_to ~4 with_me_inside|with_me_in_it|with_me_in", "neg past topic joke"),
    ("harm_other2", "crisis", "go_to|will|might|scared_i|afraid_i ~2 stab|shake|hurt|strangle|smother|burn|suffocate ~2 her|him|them|the|my|someone|the_baby|the_house", "neg past topic joke"),
    ("fly_place", "crisis", "can_fly|i_can_fly|fly ~~10 @PLACE|@PLACE2", "neg past topic joke"),
    ("front_of", "crisis", "step|jump|walk|lie|throw_myself ~2 in_front_of ~3 the? #|##|train|bus|lorry|a_train|the_next|next_one", "neg past topic joke"),
    ("tube_out", "crisis", "pull|rip|take ~4 feeding_tube|tube|line|cannula|drain ~2 out ~~8 @TIME|@DESPAIR|done|@DELIB2", "neg past topic"),
    ("obj_ready", "crisis", "@OBJ|@POISON|hose|tape ~~10 out_of_the|loaded|load|out_of_the_safe|out_of_the_cupboard|in_my_lap|in_my_hand|on_the_table|"
     "the_spot|loft|hatch|beam|test_it|tie|in_the_boot|not_for|ready", "neg past topic benign"),
    ("buy_obj", "crisis", "buy|got|have|bought|get ~3 a|the|my|some? length_of? rope|noose|hose|ligature|gun|shotgun|pistol ~~8 today|tonight|"
     "ready|loft|beam|garage|spot|not_for|safe|loaded|affair|sorry|goodbye|@FAREWELL", "neg past topic"),
    ("prep_commit", "crisis", "letter|letters|the_will|my_will|funeral|password|envelope|paperwork|affair ~~14 @COMMIT", "neg past topic casual"),
    ("give_final", "crisis", "give|gave|rehome|sold|sell ~8 @PET|@THINGS|journal|medication|laptop|hoodie ~~14 it_be_time|peaceful|at_peace|forever|"
     "want_someone_to_know|one_person_to_know|delete|none_of_it_matter|not_need|not_move_away|@COMMIT|@FAREWELL", "neg past topic"),
    ("after_noone", "crisis", "after|before|by ~1 @TIME ~~6 no_one_to|nobody_to|none_of_it_matter|not_matter|not_need|there_be_no_one", "neg past topic"),
    ("number_means", "crisis", "## ~2 of? my? @MEANSX|@DRUG|@DRUG2 ~~10 @COMMIT|enough|@FAREWELL|sorry", "neg past topic benign"),
    ("means_number", "weak", "@DRUG|@DRUG2 ~3 ## <s>|<c>|@MEANSX", "neg benign"),
    ("have_means", "weak", "have|get|buy|bought|keep|sit_with ~4 @MEANSX|@DRUG|@DRUG2", "neg benign"),
    ("take_lot_time", "crisis", "take|swallow the_lot|them_all|all_of_them|the_whole_lot|the_whole_bottle|the_whole_pack|the_whole_box|"
     "the_whole_packet|every_last_one|all_## ~3 tonight|tn|tomorrow_night|midnight|this_weekend|when_everyone|once_everyone|"
     "when_they|when_mum|when_he|when_she", "neg past topic benign accident joke"),
    # --- already taken ------------------------------------------------------------------------
    ("took_means", "crisis", "i|i_have|already|and|then|i_have_already|i_already take|swallow|inject|shot_up|drink|od|overdose "
     "~~6 @QUANT2 ~4 @MEANSX|@DRUG|@DRUG2|them|it|drawer|cupboard|cabinet|bag|box", "neg past topic benign accident"),
    ("took_some", "crisis", "i_have_already|already|i_have take|swallow ~2 some_of_them|most_of_them|half_of_them|half|the_rest|##", "neg past topic benign accident"),
    ("on_myself", "crisis", "use|try ~2 it|them|that ~1 on_myself", "neg past topic"),
    ("took_poison", "crisis", "take|swallow|drink|put|eat ~4 the? bottle_of? @POISON ~~6 in_my|tea|drink|bottle|the_bottle|anything_yet|<s>", "neg past topic benign accident"),
    ("took_means3", "crisis", "swallow|inject|shoot_up|drink ~3 @QUANT2 ~5 @MEANSX|@DRUG|@DRUG2", "neg topic benign accident pastonly"),
    ("took_means2", "crisis", "swallow|inject|shoot_up|drink ~4 @POISON|bleach|way_more|too_many|all_my|a_bunch|##", "neg topic benign accident pastonly"),
    ("took_effect", "crisis", "@TOOK|@MEANSX|@DRUG|@DRUG2 ~~10 @EFFECT", "neg past topic benign accident"),
    ("effect_took", "crisis", "@EFFECT ~~8 take|swallow|inject|@MEANSX|@DRUG|@DRUG2", "neg past topic benign accident"),
    ("done_it", "crisis", "i_have_do_it|i_do_it <s>|<c>", "neg past topic joke achieve"),
    # --- self-harm now ------------------------------------------------------------------------
    ("cut_now", "crisis", "cut|blade|razor|selfharm ~~8 @BLEED", "neg past topic benign"),
    ("bleed_cut", "crisis", "bleed|blood ~~8 cut|blade|razor|selfharm", "neg past topic benign"),
    ("bath_blade", "crisis", "in_the_bath|in_the_bathroom|door_lock ~~6 blade|razor|knife", "neg past topic"),
    ("blade_hand", "crisis", "blade|razor|knife ~3 in_my_hand|in_hand|out_on|in_the_bath|in_my_lap|in_the_bathroom", "neg past topic"),
    ("sh_urge", "possible", "urge|urges ~3 selfharm|cut|to_hurt_myself", "neg past"),
    ("sh_urge2", "possible", "selfharm ~2 urge|urges", "neg past"),
    ("scratch_bleed", "possible", "scratch|pick|pull ~~6 bleed", "past accident"),
    # --- farewell -----------------------------------------------------------------------------
    # "look after my kids for me" is a farewell; "the hospice that looked after my dad" is not
    ("look_after_farewell", "crisis", "look_after|take_care_of|please_look_after the_dog|my|each_other|the_kid|the_cat|mum|dad", "neg casual topic everyday nowonly"),
    ("farewell", "crisis", "@FAREWELL !before|in_case|for_the|for_my_op|to|with|of|after|for|until|till|tonight|today|from", "neg casual topic everyday benign"),
    ("tell_love", "crisis", "tell ~2 my? @KIN|him|her|them ~2 i ~1 loved|be_sorry", "neg casual topic"),
    ("no_hear", "crisis", "will_not|never ~2 hear|see|post|log|be_on|come_on|write ~4 again|from_me", "neg casual"),
    ("last_time", "crisis", "last|final ~1 time ~3 hear_from_me|post|you_see|you_will", "casual"),
    # --- high places, rail and water -------------------------------------------------------------
    ("at_place", "crisis", "@ATPLACE ~3 the? @PLACE2 ~~12 @COMMIT|@PLACEEND|@FAREWELL|this_be_it|pain_to_stop|not_go_home|"
     "not_go_back|quiet|legs_out|want_someone|i_want|wanted_to_say|the_wind|cold|@DESPAIR", "neg past topic benign outneg"),
    ("place_commit2", "crisis", "@PLACE2 ~~20 @COMMITP", "neg past topic joke benign outneg"),
    ("at_place_now", "weak", "i_be|i_have_be|i|just ~1 on|at|stand_on|sit_on|stand_at|sit_at|up_on|walk_to|on_the_edge_of ~2 the? "
     "roof|rooftop|bridge|cliff|cliff_path|ledge|edge|top_floor|parking_garage|pier|tracks", "neg past topic"),
    ("place_commit", "crisis", "@COMMIT|@FAREWELL|sorry|letter|i_be_go_to|i_will ~~8 @ATPLACE ~3 the? @PLACE2", "neg past topic joke benign outneg"),
    ("go_place", "crisis", "i_be_go_to|i_will_go_to|i_be_head_to|i_be_go_up|head_to|i_go_to|i_be_go_back_to ~3 the? @PLACE2 ~~14 @COMMIT|@FAREWELL|sorry|letter|@DESPAIR|quiet|not_need", "neg past topic joke benign outneg"),
    ("walk_water", "crisis", "walk|swim ~4 into|out_into|out ~2 the_water|the_sea|the_river|the_lake|the_waves", "neg past topic joke"),
    ("swim_alone", "crisis", "swim|swimming ~2 alone ~~10 @TIME|@COMMIT", "neg past topic"),
    ("crash", "crisis", "@INTENT|tonight ~3 crash|aim_for|drive_into|plough_into|wrap ~3 car|wall|tree|lorry|highway|motorway|it", "neg past topic joke"),
    ("crash2", "crisis", "crash|aim_for|drive_into|plough_into ~3 my? car|wall|tree|lorry|highway|motorway ~~8 @COMMIT|on_purpose|insurance|look_like_an_accident", "neg past topic joke"),
    ("car_running", "crisis", "car|engine ~3 run ~~8 garage|door|hose|tape|shut", "neg past topic"),
    ("garage_running", "crisis", "garage ~~8 engine|car ~3 run", "neg past topic"),
    # --- a third person: farewell or means, then unreachable ---------------------------------------
    ("third_gone", "crisis", "@THIRD ~~14 goodbye|@FAREWELL|sorry|@MEANSX|@DRUG|@DRUG2|bridge|pier|@PLACE2 ~~14 @GONE3", "past"),
    ("third_gone2", "crisis", "@GONE3 ~~14 @THIRD ~~14 goodbye|@FAREWELL|@MEANSX|@DRUG|@DRUG2", "past"),
    ("third_means", "crisis", "@THIRD ~6 take|got|have|pic_of|photo_of|picture_of ~4 @MEANSX|@DRUG|@DRUG2|enough_to_not|to_not_wake", "neg past topic benign accident pastonly"),
    ("third_has_obj", "crisis", "he|she|they ~1 have|have_got|got ~1 a|the|his|her|their @OBJ !cabinet|licence|license|safe|club|range|lesson", "neg past topic benign joke"),
    ("third_done", "crisis", "@THIRD ~6 say|said|tell|told|text ~4 goodbye|@FAREWELL|be_done|be_go_to_do|not_be_a_burden|go_quietly|let_it_happen !to", "neg past topic joke benign casual"),
    ("harm_other", "crisis", "afraid|scared|frightened ~3 i ~2 will|might|could ~2 hurt|kill|harm ~1 her|him|them|someone|the_baby", "neg past topic"),
    # --- stopping a treatment in order to die -------------------------------------------------------
    ("stop_treat_die", "crisis", "stop|quit|not_take|not_go_on|not_come_in|done_with|unplug|turn_off|not_go|come_off ~4 @TREAT2|@TREAT ~~14 @DELIB2|@DELIB", "past topic"),
    ("treat_stop_die", "crisis", "@TREAT2|@TREAT ~~24 @STOPT ~~14 @DELIB2|@DELIB", "past topic"),
    ("us_both", "crisis", "take_us_both|take_both_of_us|end_us_both ~~12 @MEANSX|@DRUG|@DRUG2|@COMMIT", "neg past topic joke"),
    ("plan_stop", "crisis", "plan|planning|go_to|decide|decided ~2 to? stop|quit|come_off ~3 my? insulin|dialysis|oxygen|feeding_tube|antirejection ~3 for_good|forever|completely|from_tomorrow|for_ever", "neg past topic benign"),
    ("third_stop", "crisis", "@THIRD ~6 go_to|will|about_to|plan_to|want_to ~2 stop|turn_off|unplug|pull|take_off ~3 @THPOSS|the ~1 @TREAT2 "
     "~~14 @DELIB2|@DELIB|@GONE3|tonight|love|goodbye|last", "neg past topic"),
    ("die_stop_treat", "crisis", "@DELIB2 ~~12 stop|quit|not_take|not_go|unplug|turn_off ~4 @TREAT2|@TREAT", "past topic"),
    ("stop_all", "crisis", "stop|quit ~1 eat|eating ~3 and ~1 drink|drinking ~~6 die|until|till|completely|for_good", "neg past topic"),
    ("think_stop_treat", "possible", "think|thought|wonder|fantasis ~8 stop|not_take|not_go_to|skip ~3 @TREAT2|@TREAT", "past topic"),
    # --- doing it at a time, or on a condition -------------------------------------------------------
    ("doing_it_when", "crisis", "i_be_do_it|i_will_do_it|i_be_go_to_do_it|i_be_go_to_do|i_be_go_tonight ~2 @TIME|tonight|tn|when|if|after|at|on|while|<s>", "neg past topic joke"),
    ("when_doing_it", "crisis", "when|if|that_be_when|then|@TIME ~10 i_be_do_it|i_will_do_it|i_be_go_to_do_it", "neg past topic joke benign"),
    ("not_saved", "crisis", "not ~1 want ~1 to ~1 be ~1 save|stop|find", "past topic joke"),
    # --- possible crisis: passive ideation, burden, hopelessness ---------------------------------------
    ("passive", "possible", "wish|hope|pray|rather|want|would_not_mind|easier|nice|if|part_of_me|keep_think|think ~8 @PASSIVE", "past topic joke"),
    ("passive2", "possible", "i|just|would|could ~3 not ~1 wake|come_round|come_back|exist !up_till|up_until|till|until|up_for|up_at|at|up_on_time|on_time|up_in_time|in_time|up_to_my|to_my|up_when|when", "past topic"),
    ("better_without", "possible", "better|happier|relieved|easier|free|better_life|lighter|lighter_life|save_them|more_money|less_stress|less_worry ~8 without_me|if_i_be_not|if_i_was_not|"
     "if_i_be_go|if_i_be_not_around|if_i_disappear|not_be_around|by_not_be|if_i_be_dead|with_me_go|if_i_go", "past topic"),
    ("burden_i", "possible", "feel_like|i_be|i_feel|such|just ~3 a? @BURDEN2", "neg past topic joke"),
    ("no_future2", "possible", "can_not_see_myself|do_not_see_myself ~3 make_it|be_here|be_alive|live|at|get_to|reach|do_another|last_another|survive_another|go_another", "neg past topic"),
    ("nothing_matters", "possible", "nothing_matter !more|than|as|to|like", "neg past topic"),
    ("no_future3", "possible", "no_future|life_be_over|not_really_live|just_exist|barely_hold_on|break_point|breaking_point|"
     "give_up_inside|go_through_the_motion|run_out_of_reason|what_there_be_to_live_for|not_scared_of_die|not_afraid_of_die", "neg past topic"),
    ("car_wish", "possible", "wish|hope|pray ~4 car|bus|lorry|train|truck ~3 hit|run_over|kill ~1 me", "past topic"),
    ("if_die_relief", "possible", "if ~3 i ~2 die|be_dead|be_hit|get_hit|not_wake ~~8 reliev|relief|not_mind|okay_with|be_glad|be_happy", "past topic"),
    ("rather_dead", "possible", "rather ~1 be ~1 dead|die", "neg past topic joke"),
    ("nothing_live", "possible", "nothing ~2 left ~2 to_live_for|to_live|for_me", "neg past topic"),
    ("around_long", "possible", "not_think_i_will|not_think_i_be_go_to|not_know_if_i_will ~1 be ~1 around|about|here|alive ~2 much_longer|for_long|long|tomorrow", "past topic"),
    ("stay_safe", "possible", "not_know_if_i_can|not_sure_i_can|not_sure_if_i_can|not_know_how_to ~1 keep ~1 myself ~1 safe", "past topic"),
    ("give_up3", "possible", "feel_like|want_to|i ~1 give_up ~1 completely|on_everything|on_life|for_good|<s>|<c>", "neg past topic benign"),
    ("deny_plan", "possible", "@DENY ~1 daft|stupid|silly|drastic|<s>|<c> ~~10 @LOW", "past topic"),
    ("low_deny", "possible", "@LOW ~~10 @DENY", "past topic"),
    ("deny_act_low", "possible", "@DENYACT ~~14 @DENYLOW", "past topic"),
    ("low_deny_act", "possible", "@DENYLOW ~~14 @DENYACT", "past topic"),
    # --- a farewell without a means: thanks or people handed on, with leaving for good ---------------
    ("farewell_leave", "crisis", "@FAREWELL2 ~~16 @LEAVE3", "neg past topic casual everyday joke"),
    ("leave_farewell", "crisis", "@LEAVE3 ~~16 @FAREWELL2", "neg past topic casual everyday joke"),
    # --- quiet despair ------------------------------------------------------------------------------
    ("soul_tired", "possible", "my soul|spirit ~3 tired|weary|exhausted|empty|broken|dead|gone|crush|crushed|shatter|"
     "shattered|worn_out|worn_down|give_up|ready_to_go", "neg past topic joke"),
    ("tired_carry", "possible", "tired|weary|exhausted|sick ~1 of carry|hold|fight|pretend|battle|struggle|keep_go|hold_on "
     "this|it|it_all|all_of_this|everything|myself|on|i_be_okay|i_be_ok|i_be_fine|to_be_ok|to_be_okay|to_be_fine|to_be_strong|"
     "it_together|it_all_together|everything_together <s>|<c>|anymore|any_longer|alone|on_my_own|by_myself|inside|every_day|"
     "all_the_time|every_single_day|and_i|when|i", "neg past topic joke"),
    ("tired_being", "possible", "tired|weary ~1 of be <s>|<c>", "neg past topic joke"),
    ("no_fight_left", "possible", "nothing_left_to_give|nothing_left_in_me|no_fight_left|run_out_of_fight|nothing_left_inside|"
     "out_of_fight|not_carry_this|not_carry_it !this|for|to|at|in|on|today|tonight|the|my|your|our|much|many|bag|box|shopping|"
     "weight|stuff|load|up|down|round|around", "neg past topic joke"),
    # --- from the misses of crisis_train_w4 (a writer blind to the rules), as generalisations ----------
    ("wont_after", "possible", "will_not ~1 be ~1 around|here ~2 after_that|after_this|after_then|by_then|in_# month|in_## month|"
     "in_# week|in_## week|in_# year|for_that|much_longer", "neg past topic joke"),
    ("rehome_gone", "crisis", "rehome|new_home|find_a_home|find_her_a_home|find_him_a_home|room_for ~~20 @GONE|will_not_be_around|"
     "will_not_be_here", "neg past topic"),
    ("plea_now", "possible", "please_someone_talk_to_me|someone_please_talk_to_me|someone_talk_to_me|talk_me_down|"
     "someone_please_help|please_someone_help", "neg past joke"),
    ("plan_date", "crisis", "a_plan_and_a_date|the_plan_and_the_date|a_date_and_a_plan|pick_the_date|pick_a_date|pick_the_day|"
     "set_the_date|set_a_date ~~16 told_nobody|not_tell|will_not_be_here|will_not_be_around|decide|nobody_know|no_one_know|"
     "not_say_it|<s>", "neg past topic joke everyday"),
    ("stop_how_long", "crisis", "stop|quit|not_take ~3 @TREAT|@TREAT2 ~~10 how_long|how_many_day|how_many_week|how_many_hour "
     "~6 until|till|before|to ~3 die|dka|finish|kill|gone|end", "neg past topic"),
    ("not_brake", "crisis", "not_brake|not_stop_the_car|floor_it|take_my_hands_off_the_wheel|swerve_into|not_turn_the_wheel "
     "~~12 @TIME|sorry|tonight|goodbye|@FAREWELL2", "neg past topic joke"),
    ("order_to_end", "crisis", "order|buy|bought|get|got ~4 to ~1 end_it|end_my_life|kill_myself|die_with|end_thing|end_everything",
     "neg past topic joke"),
    ("go_deeper", "crisis", "go|cut ~1 deeper ~3 on_purpose|tonight|this_time", "neg past topic"),
    ("tonight_deeper", "crisis", "@TIME ~4 go|cut ~1 deeper", "neg past topic"),
    ("by_then_done", "crisis", "schedule|set|timed ~4 email|message|letter|post|text ~~16 by_then|by_that_time|it_will_be_done|"
     "i_will_be_gone|it_will_be_over", "neg past topic"),
    ("by_time_gone", "crisis", "by_then|by_that_time|by_the_time_you_read_this|by_the_time_anyone_read_this ~2 i_will_be_gone|"
     "it_will_be_over|i_will_be_dead|it_will_be_do", "neg past topic joke"),
    ("place_farewell", "crisis", "roof|rooftop|bridge|cliff|ledge|tracks|railway|overpass|viaduct|top_floor|roof_access "
     "~~24 @FAREWELL2", "neg past topic joke benign casual"),
    ("third_note", "crisis", "@THIRD ~4 leave|write|send ~3 a|the ~1 note|letter|message ~~16 @PLACE|@PLACE2|better_off_without|"
     "goodbye|@MEANSX|@DRUG|@DRUG2", "neg past topic"),
    ("last_day_decided", "crisis", "my_last_day|be_my_last_day ~~10 i_have_decide_<s>|i_decide_<s>|have_decide_<s>|nobody_know|"
     "no_one_know|not_know_<s>", "neg past topic joke"),
    ("know_where_gun", "crisis", "know_where|know_how_to_get ~6 gun|shotgun|rifle|pistol|firearm|ammo|gun_cabinet|gun_key",
     "neg past topic"),
    ("hope_hit", "possible", "hope|wish|pray ~3 i ~1 get|be ~1 hit_by|run_over", "past topic"),
    ("maybe_for_good", "possible", "maybe|possibly|perhaps|might_be ~1 for_good|forever|for_ever", "neg past topic joke"),
    ("stare_means", "possible", "stare|look ~2 at ~2 the|my ~1 box|pill|tablet|bottle|@MEANSX|@DRUG|@DRUG2 ~~10 think_about_it|for_a_while|for_ages|for_hour|for_an_hour|all_night|all_evening|it_be_there|"
     "think_about_do_it|want_to", "neg past topic"),
    ("stop_not_care", "possible", "stop|quit|not_take ~4 @TREAT|@TREAT2|antidepressant ~~10 not_care_what_happen|not_care_anymore|"
     "not_care_if|let_it_happen|not_bother", "past topic"),
    ("anyone_notice", "possible", "would|will ~1 anyone|anybody ~1 even? notice|care|miss_me ~3 if|<s>", "past topic joke"),
    ("notice_if_gone", "possible", "if ~3 i ~3 stop|disappear|go|vanish ~~8 would|will anyone|anybody even? notice|care", "past topic joke"),
    ("still_here_why", "possible", "still_here|still_alive ~~4 not_know_why|not_sure_why|no_idea_why|for_some_reason", "topic joke"),
    ("just_waiting", "possible", "i_be_wait_at_this_point|wait_to_die|wait_for_the_end|wait_for_it_to_end|wait_for_death|"
     "wait_to_go !for|to|on", "neg past topic joke"),
    ("cant_picture", "possible", "can_not_picture|can_not_imagine|can_not_see ~2 be ~1 #|##|alive|here|old|older|make_it !and|with|in|at",
     "past topic joke"),
    ("want_nothing", "possible", "not_want_anything_anymore|not_need_anything_anymore|not_want_anything_any_more|"
     "not_care_about_anything_anymore", "past topic joke"),
    ("relapse_deep", "possible", "relapse ~~12 deep|cut|blade|selfharm|scar", "topic"),
    ("if_win", "possible", "if ~4 tumour|cancer|it|disease ~1 win ~~6 not_be_upset|not_be_that_upset|not_mind|not_care|relief|okay_with|"
     "let_it", "past topic"),
    ("no_problem_long", "possible", "will_not_be_a_problem|will_not_be_a_burden|not_be_a_problem|not_be_a_burden ~4 much_longer|"
     "for_long|soon|for_much", "past topic joke"),
    ("hate_hurt", "possible", "hate_myself ~~8 punch|hurt|hit|break|cut|burn|bleed", "past topic joke"),
    ("form_endorsed", "possible", "tick|answer|say|put|circle ~3 several_day|more_than_half|nearly_every_day|most_day|yes "
     "~~10 better_off_dead|hurt_yourself|hurt_myself|be_dead|suicide", "past"),
    ("scared_self", "possible", "scared_of_myself|afraid_of_myself|frightened_of_myself|not_trust_myself", "neg past topic joke"),
    ("sleep_long", "possible", "want|wish ~2 sleep ~1 for ~2 month|year|ever|forever|a_really_long_time|maybe_longer", "neg past topic joke"),
    ("numb_all", "possible", "not ~1 feel ~1 anything ~1 at_all|anymore|any_more ~~6 worse|sad|numb|empty|<s>", "past topic accident benign"),
    ("hinglish", "possible", "sab_khatam|khatam_ho_jaye|mar_jaun|mar_jaana|marna_chahta|marna_chahti|jeene_ka_mann_nahi", "past topic joke"),
    ("how_much_enough", "crisis", "how_much|how_many ~6 @DRUG|@DRUG2|@PILLS ~8 would_be_enough|be_enough|would_do_it|would_do_the_job "
     "<s>|<c>", "topic benign"),
    ("might_as_well", "possible", "might_as_well ~3 stop|die|end|not_bother|give_up|not_be_here", "neg past topic"),
    ("still_around", "possible", "not_know_if|would_not|would_never|would_not_be ~3 still ~1 be ~1 here|around|alive", "past topic"),
    ("why_wake", "possible", "why ~3 i ~1 keep ~1 wake|wake_up|bother|go_on|try", "past topic"),
    ("why_bother", "possible", "not ~2 see ~1 why ~1 i? ~1 bother", "past topic"),
    ("why_bother_treat", "possible", "why ~2 i ~1 even? bother ~2 take|taking|with ~2 my? @TREAT|@TREAT2|medication", "past topic joke"),
    ("more_use_gone", "possible", "i|i_would|i_be ~2 more_use|better|better_off ~1 gone|dead|not_here", "neg past topic"),
    ("future_nothing", "possible", "future ~5 see ~1 nothing|black|no_way|no_point", "past topic"),
    ("think_place", "possible", "think|thought ~1 about ~2 the? bridge|cliff|tracks|edge|roof|viaduct|jump|going_off|drive_into|crash|swerve|swerving|"
     "step_forward|stepping_forward|step_out_in_front|in_front_of_the_train", "neg past topic"),
    ("scratch_arm", "possible", "scratch|scratched ~4 arm|arms|skin|wrist|wrists ~~8 bleed|deep|more|again|tonight", "past accident"),
    ("not_worth_it", "possible", "think|thinking|feel|know ~2 it_be_not_worth_it_<s>|it_be_not_worth_it_anymore|life_be_not_worth|not_worth_live", "past topic"),
    ("not_continue", "possible", "not ~1 want ~1 to ~1 continue|go_on_like_this|keep_go|keep_live|carry_on !with|at|in|to|work|the|my|this_job", "past topic"),
    ("how_much_more", "possible", "how_much_more|how_much_longer ~4 i ~1 have_in_me|can_take|can_do_this|can_go_on", "past topic"),
    ("done_all", "possible", "done_with_life|done_fight|done_with_all_of_it_<s>|done_with_everything_<s>", "neg past topic"),
    ("ready_farewell", "crisis", "@FAREWELL|thank_for_everything|thanks_for_everything ~~20 everything_i_need|got_what_i_need", "neg past topic casual"),
    ("sleep_forever", "possible", "sleep_forever|stay_asleep|not_exist|stop_exist|not_to_exist", "past topic joke"),
    ("thoughts_of", "possible", "suicide|suicidal|kill|selfharm|unalive ~1 thought|thoughts|urge|urges|idea", "neg past topic"),
    ("easier_if", "possible", "easier|better|relief ~4 if ~3 it|everything|it_all|i ~3 stop|end|over|die|go|not_here|gone", "neg past topic"),
    ("not_here_time", "crisis", "not_go_to|will_not ~1 be ~1 here|around|alive ~2 tomorrow|by_morning|tonight|after_tonight|by_the_morning", "neg past topic joke"),
    ("so_done", "possible", "be|i_be so ~1 done <s>|<c>", "neg past topic joke"),
    ("ideation", "possible", "think|thought|thoughts|thinking|fantasis|google|googling|look_up ~6 kill|suicide|die|way|ways|harm_myself|"
     "hurt_myself|end_it|end_thing|how_easy|a_car_hit|hit_me|swerve|swerving " + NOT_A_BREAKUP, "neg past topic joke medical"),
    ("car_hit", "possible", "car|bus|lorry|train|truck ~3 hit|hitting|run_over ~2 me ~~8 not_mind|not_be_sad|not_be_mad|not_care|relief|hope|wish", "past topic"),
    ("not_care_die", "possible", "not_care|do_not_care|would_not_care|do_not_mind|not_mind|stop_caring|stopped_caring ~6 if ~3 die|kill|dead|wake|hit|happen_to_me|gone|it_came|it_come|death_come|death_came", "past topic"),
    ("let_it", "possible", "part_of_me ~6 want|wish|hope", "past topic"),
    ("hope_end", "possible", "hope|hoped|wish ~6 die|dead|come_back|number_be_smaller|in_my_sleep|not_wake", "neg past topic"),
    *MORE_RULES,
]

# Words that make a means sentence everyday: a trip, a hypo kit, a repeat prescription, a pharmacy.
BENIGN = """firework fireworks sunset dosette story radio holiday holidays spain trip travel travelling abroad flight prescription script repeat pharmacist refill glucose
    recipe vet garden gardening diy camping fishing climbing hike hiking recycle recycling dentist
    expired expiry dispose disposal organiser organizer dosette decorate decorating paint range target hunting
    punchbag hammock joist clothesline tarp clay chop chopping onion onions finger shave shaving breakfast bbq barbecue club safety advice retirement party wedding bread blunt cook cooking dinner collection chef carve roast turkey chicken steak pharmacy review
    cruise customs gestational
    harness abseil deer fetch pool cannonball trampoline therapeutic glucagon solicitor chocolate snack
    shortage screenshot fly flying airport luggage taper tapering""".split()
# ...and the same in a few words ("is it safe to", "side effects"; since round 9 also a goodbye to a habit,
# giving up a food, a routine dose, a question for a professional, a disposal)
BENIGN_PHRASES = """is_it_safe space_them_out first_dose new_medication side_effect on_holiday with_breakfast in_the_morning
    start_take how_many_can_i how_much_can_i last_day can_you_take can_i_take memory_box this_morning every_morning as_usual with_food how_to_use show_me said_i_can can_stop_insulin great_news goodbye_goodbye good_riddance with_me_to my_usual usual_dose punch_bag washing_line pain_clinic opioid_contract each_visit hospital_said doctor_said nurse_said gp_said before_the_mri before_the_scan before_my_scan before_the_op before_my_op get_rid_of at_night_for every_night each_night twice_a_day once_a_day for_the_week complaint_letter letter_of_complaint a_complaint to_open_on open_on_their on_birthdays on_their_birthday hospice_suggest hospice_suggested legacy_letter safely_dispose maximum_dose max_dose safe_dose recommended_dose per_day overdoing_it boss_fight respawn
    before_the_baby salt_tab bake_off tree_work for_a_swim a_stick diving_board drop_box
    pharmacist_warn return_it to_return dispose_of will_writing for_wills home_visit at_risk_of risk_of
    on_a_ventilator a_ventilator life_support advance_decision make_me_sleepy make_me_drowsy for_the_gp
    for_my_gp for_the_doctor for_the_consultant for_the_pharmacist goodbye_to_smoke
    goodbye_to_cigarette goodbye_to_alcohol goodbye_to_sugar goodbye_to_gluten bye_to_smoke
    give_up_gluten give_up_dairy give_up_sugar give_up_meat give_up_alcohol give_up_smoke
    give_up_caffeine give_up_chocolate supply_problem supply_issue locked_dispenser pill_dispenser
    game_changer note_on_my_phone lock_screen knife_skill skills_class for_today pills_for_today
    the_morning_ones morning_ones the_evening_ones night_ones overdose_on_chocolate overdose_on_cake
    overdose_on_sugar overdose_on_caffeine overdose_on_coffee overdose_on_carb overdose_on_pizza
    overdose_on_netflix overdose_on_cheese overdose_on_sweet letter_from_my letter_from_the letter_from_your
    letter_from_a need_a_letter
    tree_surgeon go_up_from going_up_from up_from_## safe_maximum doubling_up double_up test_strip""".split() + LATE_BENIGN
