"""Crisis rules for the kinds that later writers blind to the rules showed missing
(crisis_train_w5 ... w14): each a kind of text, not one sentence. Same pattern language and
guards as crisis_rules; crisis_rules_means merges these into its concepts and rules.

Practical arrangements (a pet rehomed, passwords left, insurance sorted, appointments cancelled)
count only two or three together, or two with a final word ("after Friday", "that's everything
done"); a carer's report of a plan or a hidden means is a crisis; what a third person keeps
saying ("we'd be better off without him") is a possible crisis."""
from __future__ import annotations

from .crisis_rules_late import LATE_RULES

MORE_CONCEPTS: dict[str, str] = {
    # practical arrangements people make before a death, and the words that make them final
    "ARRANGE": """rehome rehomed rehoming find_a_home find_a_lovely_home found_a_home found_a_lovely_home new_home_for
        gave_my_dog gave_my_cat give_my_dog give_my_cat give_away gave_away giving_away password passwords
        life_insurance insurance_paperwork beneficiary beneficiaries wrote_the_note wrote_the_notes write_the_note
        left_a_letter left_letter letter_for_the_coroner coroner delete_my_account close_my_account my_will
        the_milk_to_stop paid_the_gas paid_the_rent envelope instructions_for left_instructions everything_arrange
        everything_be_arrange all_arrange all_sort everything_sort sort_everything cancel_all_my cancelled_all_my
        cancel_my_appointment cancelled_my_appointment deceased sell_my sold_my give_the_dog gave_the_dog
        cancel_my_phone cancelled_my_phone cancel_my_contract cancelled_my_contract bought_the_stuff got_the_stuff
        delete_my_photo deleted_my_photos paid_off_my_debt paid_off_my_debts cancel_my_med cancelled_my_meds
        tie_thing_up tie_up_loose_end sort_the_dog sorted_the_dog fed_the_horse funeral_plan give_the_cat gave_the_cat""",
    "FINAL": """after_friday after_saturday after_sunday after_the_weekend after_this_week by_monday by_the_weekend
        tomorrow_then tonight_then last_night_in last_night_here before_i_go i_will_be_go will_be_gone
        not_much_else_to_do nothing_else_to_do that_be_everything_do that_be_everything everything_do
        want_it_tidy tidy_for_her tidy_for_him will_not_need will_not_be_around will_not_be_here
        after_i_be_gone when_i_be_gone not_be_around_to not_be_here_to it_be_not_a_holiday that_be_all_<s>
        after_i_post_this once_i_post_this all_that_be_left_be_me i_be_go_<s> ready_<s> i_be_ready_<s> then_i_be_free""",
    # asking what would kill, and saying it is for oneself
    "LETHALQ": """how_long_do_it_take_to_die how_long_to_die how_long_would_it_take_to_die can_a_person_survive
        could_a_person_survive can_someone_survive would_it_kill that_kill_a_person kill_a_person the_dose_that_kill
        lethal_dose fatal_dose how_much_would_kill how_many_would_kill how_much_would_it_take how_many_would_it_take""",
    "FORME": """it_be_me it_be_for_me i_be_ask_for_me ask_for_me ask_for_myself for_myself hope_the_answer_be_no
        my_weight i_want_to_be_sure want_to_be_sure_it_work so_nobody_find_me nobody_find_me i_have_already_stop
        i_be_ask_because i_have_two i_have_# i_have_##""",
}

MORE_RULES: list[tuple[str, str, str, str]] = [
    # round 6, from a writer's misses (crisis_train_w5), each a kind rather than a sentence
    ("off_better", "possible", "they|they'd|theyd|@KIN ~4 better_off <s>|<c>|without_me|if_i_be_go|if_i_be_not", "neg past topic"),
    ("why_here", "possible", "why ~1 be i ~2 still here|alive|around !at|in|wait|waiting|after|on|for|with", "neg past topic joke"),
    ("wake_sorry", "possible", "wake ~2 disappoint|gutted|sad|angry ~3 that_i_do|i_do|still_here|still_alive|i_be_alive|to_be_alive", "neg past topic joke"),
    ("own_funeral", "possible", "my_own_funeral ~~8 relief|relieve|peace|peaceful|calm|happy", "neg past topic"),
    ("sign_off_good", "possible", "sign_off|signing_off|log_off|logging_off ~2 for_good|forever|permanently|for_the_last_time !from|on|off|facebook|twitter|social", "neg past topic everyday"),
    ("found_me", "crisis", "when|before|after|by_the_time ~2 they|someone|somebody|people|he|she ~1 find me <s>|<c>", "neg past topic joke"),
    ("not_here_because", "possible", "because|as|since|cos|coz i ~1 will_not|will_no_longer be ~1 here|around <s>|<c>", "neg past topic joke"),
    # round 6b, from crisis_train_w5's remaining misses: kinds, not sentences
    ("where_ends", "possible", "this_be_where|here_be_where|this_be_how it|i|my_life|everything|it_all end|stop|finish "
     "!up|for_the|for_him|for_her|for_them|with|in|on", "neg past topic joke"),
    ("place_ends", "crisis", "@PLACE|@PLACE2 ~~24 this_be_where|here_be_where it|i|my_life|everything|it_all end|stop|finish "
     "!up|for_the|with|in|on", "neg past topic joke benign casual"),
    ("wink_euphemism", "crisis", "suicide|kill_myself ~~10 if_you_know_what_i_mean|iykwim|if_u_know_what_i_mean|one_way_ticket|"
     "for_good|not_come_back", "neg past topic"),
    ("affairs_gone", "crisis", "sort|sorted|put|get|got ~2 my? affair|affairs ~~16 be_about|be_around|be_here ~1 much_longer|"
     "for_much_longer|for_long|@LEAVE|@LEAVE3|goodbye", "past topic joke"),
    ("gone_affairs", "crisis", "be_about|be_around|be_here ~1 much_longer|for_much_longer|for_long ~~16 sort|sorted|put|get|got ~2 "
     "my? affair|affairs", "past topic joke"),
    ("here_because_thanks", "crisis", "because|as|since|cos|coz i ~1 will_not|will_no_longer be ~1 here|around ~~16 @FAREWELL2",
     "neg past topic joke everyday casual"),
    ("means_tell_love", "crisis", "@MEANSX|@DRUG|@DRUG2 ~~16 tell ~6 love|loved|loves <s>|<c>", "neg past topic joke benign"),
    ("method_for_me", "crisis", "painless|least_painful|quickest|easiest|surest|fastest ~1 way ~~12 not_ask_for_anyone_else|"
     "ask_for_myself|ask_for_me|not_for_a_friend|not_for_someone_else|it_be_for_me|for_me_<s>", "past topic joke"),
    # from crisis_train_w6 and w7 (two more writers blind to the rules), as kinds
    ("arrange_final", "crisis", "@ARRANGE ~~30 @ARRANGE ~~30 @FINAL", "neg past topic joke"),
    ("final_arrange", "crisis", "@FINAL ~~30 @ARRANGE ~~30 @ARRANGE", "neg past topic joke"),
    ("arrange_final_mid", "crisis", "@ARRANGE ~~30 @FINAL ~~30 @ARRANGE", "neg past topic joke"),
    ("arrange3", "possible", "@ARRANGE ~~30 @ARRANGE ~~30 @ARRANGE", "neg past topic joke"),
    ("third_plan", "crisis", "@THIRD ~6 plan|plans|plan_to|plan_on|go_to|say_he_will|say_she_will|want_to|threaten ~3 to? take_them_all|"
     "take_it_all|take_all|take_the_lot|kill_himself|kill_herself|end_it|end_his_life|end_her_life|jump_off|jump_from|jump_in_front|hang_himself|hang_herself",
     "neg past topic joke"),
    ("third_hid", "crisis", "@THIRD ~3 hide|hid|hidden|stockpile|save_up|saving_up|hoard ~2 his|her|their ~1 @MEANSX|@DRUG|@DRUG2|medication",
     "neg past topic joke"),
    ("third_said", "possible", "@THIRD ~4 say|said|says|keep_say|keep_saying|told_me|tell_me ~~8 better_off_without_her|better_off_without_him|"
     "better_off_without_them|be_a_burden|feel_like_a_burden|ready_to_be_done|ready_to_go|long_now|want_to_die|what_do_it_matter|"
     "his_time_be_up|her_time_be_up|tired_of_live|no_point_in_live", "neg past topic joke everyday"),
    ("third_give_away", "possible", "@THIRD ~4 give_away|giving_away|gave_away ~3 his|her|their ~4 @THINGS|tools|@PET", "neg past topic joke"),
    ("dose_for_me", "crisis", "how_much|how_many|the_most|what_be_the_most|the_number ~6 @DRUG|@DRUG2|@PILLS ~~10 so_it_work|"
     "so_it_actually_work|someone_my_weight|my_weight|for_me_<s>|to_not_wake|the_number_for_me|not_tell_me_to_call", "past topic benign"),
    ("number_for_me", "crisis", "the_number_for_me|need_to_know_the_number|the_amount_for_me ~~12 @DRUG|@DRUG2|@PILLS|left|#|##", "past topic benign"),
    ("plan_means", "crisis", "got_a_plan|have_a_plan|i_have_a_plan|made_a_plan ~~10 the_means|@MEANSX|@DRUG|@DRUG2", "neg past topic joke benign"),
    ("date_picked", "crisis", "date_picked|got_a_date|a_date_picked|picked_a_date|the_date_be_set|set_a_date ~~20 write|wrote|written ~3 card|letter|note|"
     "will_not_be|not_be_here|@FAREWELL2", "neg past topic joke everyday"),
    ("profile_deceased", "crisis", "mark|update|change|put|set ~3 my ~1 profile|account ~4 deceased|dead|rip|in_memory|memorial",
     "neg past topic joke"),
    ("time_what_need", "crisis", "@TIME ~~10 have_what_i_need|got_what_i_need|i_have_what_i_need|have_everything_i_need", "neg past topic joke"),
    ("this_tie", "crisis", "this_be_it ~~6 tie|tying|tied ~2 it|the_knot|the_rope ~1 now|tonight", "neg past topic joke"),
    ("god_take_me", "possible", "ask|asking|pray|praying|beg|begging|please ~2 god|the_lord|jesus|him|lord ~2 to? take_me|call_me_home|"
     "let_me_go|let_me_die|let_this_be_over|let_it_be_over|take_me_home", "neg past topic joke"),
    ("deny_stupid", "possible", "i ~2 not_go_to_do_anything|will_not_do_anything|not_do_anything ~1 stupid|daft|silly|drastic ~~6 but ~3 get_why|understand_why|see_why|get_it|understand_it", "past topic joke"),
    ("voices_die", "possible", "voice|voices ~4 tell|telling|told|say|saying|said ~3 i|me ~2 should|to|must ~1 die|kill|hurt|end_it",
     "past topic joke"),
    ("urge_back", "possible", "urge|urges|itch|craving|cravings ~3 be_back|come_back|back|again|return ~~14 selfharm|cut|clean|blade",
     "topic joke"),
    ("tired_all", "possible", "tired_of_it_all|sick_of_it_all|over_it_all|had_enough_of_everything|had_enough_of_it_all|had_enough_of_life|over_all_of_it|done_with_it_all|tired_of_all_of_it|sick_of_all_of_it|done_with_all_of_it <s>", "neg past topic joke"),
    ("want_out", "possible", "i ~2 want_out|want_to_get_out <s>|<c>", "neg past topic joke everyday"),
    # from crisis_train_w8, w9 and w10 (three more writers blind to the rules)
    ("lethal_for_me", "crisis", "@LETHALQ ~~14 @FORME", "past topic benign"),
    ("for_me_lethal", "crisis", "@FORME ~~10 @LETHALQ", "past topic benign"),
    ("third_took", "crisis", "@THIRD ~8 take|swallow ~3 all|the_lot|whole|everything|an_overdose|overdose|handful ~3 "
     "@DRUG|@DRUG2|@PILLS|box|bottle|pack|<s>|<c> ~~10 slur|slurring|@GONE3|@EFFECT|ambulance|999|911|000|111|goodbye|help",
     "neg past topic joke benign"),
    ("third_bye_pills", "crisis", "@THIRD ~8 goodbye|see_you_on_the_other_side|see_ya_on_the_other_side ~~12 @PILLS|@DRUG|@DRUG2|"
     "rope|slur|slurring", "neg past topic joke"),
    ("overdose_today", "crisis", "take|took ~1 an_overdose|overdose ~4 this_morning|this_afternoon|this_arvo|this_evening|tonight|"
     "today|an_hour_ago|hour_ago|earlier|just_now", "neg past topic"),
    ("bath_run_blade", "crisis", "run_a_bath|run_the_bath|ran_the_bath|in_the_bath|bath_run ~~10 blade|razor|knife|@DRUG|@PILLS", "neg past topic accident"),
    ("charcoal_car", "crisis", "charcoal ~~10 tape|duct_tape|seal|the_car|in_the_car|tent|garage", "neg past topic"),
    ("petrol_self", "crisis", "go|going|walk ~6 with ~1 petrol|a_can_of_petrol|gasoline|lighter_fluid", "neg past topic joke"),
    ("despair_place", "crisis", "can_not_anymore|can_not_do_this|can_not_go_on|can_not_take_it|sorry|goodbye|it_be_time|no_point|"
     "had_enough ~~10 @ATPLACE ~3 the? @PLACE2", "neg past topic joke benign"),
    ("plan_in_place", "possible", "plan_be_in_place|plan_be_set|plan_be_ready|everything_be_in_place ~~6 @TIME", "neg past topic joke everyday"),
    ("not_to_travel", "crisis", "train|bridge|river|sea|@PLACE|@PLACE2 ~~6 not_to_travel|not_for_travel|not_to_go_anywhere|you_understand_<s>",
     "neg past topic joke"),
    ("cant_anymore", "possible", "can_not_anymore <s>|<c>", "neg past topic joke"),
    ("if_takes", "possible", "if ~4 take_me|get_me|kill_me|win ~~8 not_fight|will_not_fight|let_it|not_mind|relief", "past topic"),
    ("hope_over", "possible", "hope|wish|pray ~~10 so_it_be_over|so_it_would_be_over|so_it_can_all_end|so_it_end|so_it_all_end", "neg past topic joke"),
    ("if_die_sad", "possible", "if ~2 i ~1 die|be_gone|go ~~10 would|will ~1 anyone|anybody|people ~4 be_sad|care|notice|miss_me|cry",
     "past topic joke"),
    ("without_me_better", "possible", "without_me ~~4 better|nicer|happier|easier|keep_spin", "neg past topic joke everyday casual"),
    ("not_sure_want_live", "possible", "not_sure_i_want_to|not_know_if_i_want_to|not_sure_if_i_want_to ~1 make_it|be_here|live|go_on|"
     "keep_go|be_alive", "past topic joke"),
    ("why_people_do", "possible", "understand|get|see ~1 why ~1 people|someone|anyone ~2 do_it|do|would|end_it|kill <s>|<c>",
     "past topic joke"),
    ("means_doing_it", "crisis", "@MEANSX|@DRUG|@DRUG2 ~~20 i_be_do_it|i_will_do_it|i_be_go_to_do_it", "neg past topic joke"),
    ("doing_it_means", "crisis", "i_be_do_it|i_will_do_it|i_be_go_to_do_it ~~20 @MEANSX|@DRUG|@DRUG2", "neg past topic joke"),
    ("letters_kin_gone", "crisis", "write|writing|wrote ~2 letter|letters|note|notes|card ~2 to|for ~1 my ~1 @KIN|kid|kids|children|boy|girl "
     "~~16 will_not_be_here|not_be_here|not_be_around|@FINAL", "neg past topic joke benign"),
    ("make_accident", "crisis", "make|made ~2 it look like an_accident", "neg past topic joke"),
    ("if_find_this", "crisis", "if_you_find_this|when_you_find_this|whoever_find_this|to_whoever_find_this", "neg topic joke"),
    # from crisis_train_w11..w14 (four more writers blind to the rules)
    ("took_lot", "crisis", "swallow|down|take ~2 the_lot|everything|them_all|all_of_them|the_rest|the_whole_lot <s>|<c>|with|and",
     "neg past topic accident benign"),
    ("noose_up", "crisis", "noose|rope ~2 be_up|be_ready|be_tie|be_hang", "neg past topic joke benign"),
    ("means_in_hand", "possible", "@MEANSX|@DRUG|@DRUG2 ~3 in_my_hand|in_my_hands|next_to_me|in_front_of_me|beside_me|right_here", "neg past topic joke benign accident"),
    ("take_all_when", "crisis", "go_to_take_them_all|go_to_take_the_lot|will_take_them_all|go_to_take_all_of_them ~~6 as_soon_as|when|"
     "after|once|tonight|@TIME", "neg past topic joke"),
    ("height_certain", "crisis", "how_high|what_height|how_far ~~12 certain|definitely_work|for_it_to_work|to_be_sure|for_sure", "past topic"),
    ("how_long_means", "crisis", "how_long ~4 take ~2 with ~2 carbon_monoxide|helium|exhaust|charcoal|@DRUG|@DRUG2", "past topic"),
    ("wont_need_after", "crisis", "will_not_need|will_not_be_need|not_go_to_need ~3 after_tonight|after_this_week|after ~1 @TIME",
     "neg past topic joke everyday casual benign"),
    ("on_place_now", "crisis", "i_be_on|i_be_at|i_be_sit_on|i_be_stand_on|sat_in_the_car_at|sit_in_the_car_at ~3 the? @PLACE2 "
     "~~16 not_ask_for_help|want_to_talk_to_someone|so_someone_know|write_down|so_it_be_write|#_am|right_now|in_the_dark",
     "neg past joke benign"),
    ("not_fight_if", "possible", "would_not|not ~1 fight|struggle|resist ~3 hard? ~1 if|it_if ~3 something|anything|it ~1 happen|happened|come",
     "past topic joke"),
    # round 9 (2026-12-04), from the very short chat lines of crisis_train_w25 (terse farewells, means at hand,
    # stopping treatment in a few words), as kinds
    ("bye_forever", "crisis", "goodnight|goodbye|bye|night ~1 forever|for_ever|for_good !to|from|facebook|twitter|social", "neg past topic joke everyday casual"),
    ("other_side", "crisis", "see_you|see_ya|see_u|meet_you ~2 on_the_other_side <s>|<c>|x|xx|love", "neg past topic joke"),
    ("last_night_mine", "crisis", "this_be_my_last_night|tonight_be_my_last_night <s>|<c>|on_earth|alive|here_<s>|do_not", "neg past topic joke"),
    ("no_tomorrows", "crisis", "no_more_tomorrows|no_tomorrow_for_me|no_more_tomorrow|there_will_be_no_tomorrow", "neg past topic joke"),
    ("over_by", "possible", "it_will_be_over|it_will_all_be_over|it_all_be_over|all_be_over ~2 by_morning|by_tomorrow|tonight|soon <s>|<c>",
     "neg past topic joke everyday"),
    ("gone_after_time", "crisis", "@LEAVE ~2 after|past|by ~1 @TIME|this_week|the_weekend", "neg past topic joke everyday casual benign"),
    ("counted_enough", "crisis", "count|counted ~4 them|pill|tablet|@PILLS|@DRUG|@DRUG2|out ~~8 should_be_plenty|should_be_enough|be_plenty|"
     "more_than_enough|that_be_enough|plenty <s>|<c>|now", "neg past topic joke benign"),
    ("gas_sealed", "crisis", "gas_be_on|gas_on|turn_the_gas_on|turn_on_the_gas ~~6 window|windows|door|doors ~2 shut|close|seal|tape|taped", "neg past topic accident"),
    ("exit_bag", "crisis", "the_bag|a_bag|exit_bag|hood|tube ~~8 helium|nitrogen", "neg past topic joke benign"),
    ("helium_bag", "crisis", "helium|nitrogen ~~8 the_bag|a_bag|exit_bag|hood|tubing !balloon|balloons", "neg past topic joke benign"),
    ("finished_pills", "crisis", "finish|finished|down|necked ~2 the? whole|the_lot|all ~2 box|pack|packet|blister|@PILLS|@DRUG|@DRUG2 "
     "~~8 just_now|no_regret|no_regrets|sorry|goodbye|bye|love_you|tell", "neg past topic joke benign"),
    ("took_all_left", "crisis", "take|took|swallow ~2 everything|all|every_one|every_pill ~1 i_have|i_had|that_be|that_i_have|i_have_get ~1 left",
     "neg past topic joke benign"),
    ("deeper_meant", "crisis", "deeper_than_i_mean|deeper_than_i_meant|deeper_than_intend|deeper_than_usual|deeper_than_before|too_deep "
     "~~8 bleed|blood|cut|stitch|stop|towel", "neg past topic accident"),
    ("bleed_deeper", "crisis", "bleed|blood|cut ~~8 deeper_than_i_mean|deeper_than_i_meant|deeper_than_intend|deeper_than_usual|too_deep|"
     "will_not_stop|can_not_stop_it", "neg past topic accident benign"),
    ("favour_going", "possible", "do|doing|did ~3 a_favour|a_favor|a_kindness ~4 go|going|gone|leave|leaving|disappear|by_go|if_i_go|if_i_be_gone",
     "neg past topic joke everyday"),
    ("weight_neck", "possible", "weight|millstone|albatross ~3 round|around ~3 neck|necks", "neg past topic joke"),
    ("cope_without", "possible", "they|they'd|theyd|@KIN|everyone|everybody ~4 cope|manage|do|be ~1 better|fine|happier|easier ~2 without_me|w_o_me",
     "neg past topic joke everyday casual"),
    ("life_not_worth", "possible", "life ~3 not_worth_this|not_worth_it|not_worth_live|not_worth_the_effort|not_worth_the_pain|not_worth_anything", "neg past topic joke"),
    ("all_pointless", "possible", "everything|life|it_all|all_of_it|my_life ~3 feel|feels|be|seem|seems ~2 pointless|meaningless|so_pointless",
     "neg past topic joke"),
    ("sick_waking", "possible", "sick_of|tired_of|hate|dread ~1 wake|waking|wake_up|waking_up <s>|<c>|every|again|each", "neg past topic joke"),
    ("hit_self", "possible", "hit|hitting|punch|punching|bang|banging|slap ~2 myself|my_leg|my_legs|my_arm|my_arms|my_head|my_thigh|wall|walls "
     "~~6 again|til|till|until|bruise|bruised|bruises|bleed|on_purpose", "neg topic joke accident"),
    ("write_to_find", "crisis", "write|writing|wrote|note|letter|this ~6 for ~1 my? ~1 @KIN|kid|kids|boy|girl|him|her|them ~1 to_find|to_read_when|to_read_after",
     "neg past topic joke"),
    ("going_thanks", "crisis", "i_be_go|i_be_off|i_be_leave|time_to_go|time_for_me_to_go <s>|<c>|now ~~6 @FAREWELL2", "neg past topic joke everyday casual"),
    # round 9, from crisis_train_w27 (more one-line chat): a place, a means, a time or an act in a few words
    ("place_terse", "possible", "@ATPLACE|drive_to|drove_to|park_at|park_up_at|park_by|sit_by|stand_by ~1 the? @PLACE2 <s>",
     "neg past topic joke benign casual everyday"),
    ("place_then_despair", "crisis", "@ATPLACE|drive_to|drove_to|park_at|park_up_at|park_by|sit_by|stand_by ~3 the? @PLACE2 ~~10 can_not_anymore|"
     "can_not_do_this|can_not_go_on|can_not_take_it|it_be_time|goodbye|no_point|had_enough", "neg past topic joke benign"),
    ("place_dot_time", "crisis", "@PLACE2 <s> midnight|tonight|@COMMIT <s>", "neg past topic joke"),
    ("tied_to", "crisis", "tie|tied ~2 it|the_rope|the_belt|the_cord|the_scarf|the_noose ~2 to|round|around ~2 the|my ~1 banister|bannister|beam|"
     "loft_hatch|door_handle|hook|rafter|rail|railing|tree", "neg past topic joke"),
    ("means_wait_alone", "crisis", "@OBJ|@MEANSX|@DRUG|@DRUG2|charcoal ~~10 wait_for_everyone|everyone_to_sleep|everyone_be_asleep|everyone_to_go|"
     "they_leave|they_go_out|be_alone|house_be_empty|until_they_go", "neg past topic joke benign"),
    ("do_it_when_leave", "crisis", "do_it|go_to_do_it ~3 when|once|after|as_soon_as|the_minute ~2 they|everyone|he|she|@KIN ~1 leave|go_out|"
     "be_asleep|fall_asleep|go_to_sleep|go_to_bed|go_to_work", "neg past topic joke"),
    ("how_long_method", "crisis", "how_long|how_quick|how_fast ~4 hang|hanging|drown|drowning|bleed_out|suffocate ~~8 tonight|for_tonight|@TIME|"
     "for_me|ask_for", "past topic benign"),
    ("done_took", "crisis", "it_be_done|it_be_do|do <s>|<c> ~~4 i ~1 take ~1 them|it|the_lot|all_of_them|everything <s>|<c>", "neg past topic joke benign"),
    ("took_cabinet", "crisis", "take|swallow ~1 everything|all|the_lot ~2 in_the|from_the|in_my ~1 cabinet|cupboard|medicine_cabinet|drawer|tin "
     "<s>|<c>|emojiupsidedown|now", "neg past topic joke benign"),
    ("treat_off", "crisis", "take|pull|rip ~2 my? ~1 @TREAT2|o2|mask|cannula|line ~1 off|out ~~10 @DELIB2|@DELIB|want_it_over", "neg past topic"),
    ("it_tonight_decided", "crisis", "it_be_tonight|it_be_tomorrow|tonight_be_the_night <s>|<c> ~~4 decide|decided|made_up_my_mind|sure",
     "neg past topic joke"),
    ("planned_after", "possible", "plan|planned ~1 it ~2 for ~2 after? ~1 my? ~1 @TIME|bday|birthday <s>|<c>", "neg past topic joke everyday"),
    ("pills_ready_bother", "crisis", "@PILLS|@DRUG|@DRUG2|@OBJ ~2 ready|be_ready|lined_up|counted_out|sorted ~~6 do_not_bother|do_not_try|"
     "do_not_stop_me|goodbye|sorry|it_be_time", "neg past topic joke benign"),
    ("holding_means", "possible", "hold|holding|staring_at|stare_at ~2 the|my|these|them ~1 @PILLS|@MEANSX|@OBJ|@DRUG|@DRUG2 ~2 rn|right_now|now|again",
     "neg past topic joke benign"),
    ("means_for_later", "possible", "@OBJ|blade|razor|@PILLS ~~6 for_later|just_in_case|in_case_<s>|ready_for_tonight|for_when", "neg past topic joke benign"),
    ("quant_start_now", "crisis", "@QUANT|#|## ~3 @DRUG|@DRUG2|@PILLS ~~8 start_now|starting_now|here_i_go|here_go|go_now", "neg past topic joke benign"),
    ("cut_not_stopping", "crisis", "cut|cutting|slit ~~6 not_stop|it_be_not_stop|will_not_stop|can_not_stop", "neg past topic accident benign"),
    ("wont_fail", "crisis", "this_time ~3 will_not_fail|not_go_to_fail|get_it_right|not_mess_it_up <s>|<c>", "neg past topic joke everyday"),
    ("not_wake_sure", "crisis", "not_go_to_wake_up|will_not_wake_up|not_wake_up ~~4 this_time|make_sure|made_sure", "neg past topic joke"),
    ("done_means_hand", "crisis", "i_be_do|i_be_done|@DESPAIR ~~6 @PILLS|@DRUG|@DRUG2|@OBJ ~3 in_my_hand|in_my_hands|in_front_of_me", "neg past topic joke benign"),
    ("stare_at_means", "possible", "keep|kept ~1 stare|staring|look|looking ~2 at ~1 my|the ~1 @PILLS|@MEANSX|@OBJ|@PLACE2", "neg past topic joke benign"),
    ("stop_treat_what_if", "possible", "what_if|what_happen_if ~2 i ~1 stop|stopped|quit ~2 @TREAT2|@TREAT", "neg past topic"),
    ("why_bother_meds", "possible", "why_bother|why_even_bother|what_be_the_point|no_point ~4 @PILLS|@TREAT2|@TREAT|meds|dialysis|treatment", "neg past topic joke"),
    ("a_burden_to", "possible", "a_burden|just_a_burden|such_a_burden|nothing_but_a_burden ~1 to|on|for ~2 my|everyone|everybody|@KIN <s>|<c>|now|these",
     "neg past topic joke"),
    ("waste_of_chair", "possible", "waste_of ~2 a? ~1 chair|bed|space|oxygen|air|life|a_bed ~2 me|i_be|<s>", "neg past topic joke"),
    ("world_without_me", "possible", "world|the_world|everything|life ~4 fine|better|spin|go_on|carry_on ~2 without_me|w_o_me", "neg past topic joke"),
    ("if_die_who_care", "possible", "if ~2 i ~1 die|be_gone|disappear|went ~~8 who|would_anyone|would_anybody ~3 care|notice|miss", "past topic joke"),
    ("hope_illness_wins", "possible", "hope|hoping|pray|praying ~3 the? ~1 cancer|it|disease|covid|illness|tumour|heart ~1 win|wins|get_me|take_me|finish_me|hurry",
     "neg past topic joke"),
    ("urges_bad", "possible", "urge|urges ~3 bad|strong|loud|really_bad|so_bad ~~4 tonight|today|right_now|again|<s>", "topic joke"),
    ("scared_thoughts", "possible", "scared_of|afraid_of|frightened_of|terrified_of ~1 my_own? ~1 thought|mind|myself|what_i_might_do|what_i_will_do",
     "neg past topic joke"),
    ("third_talk_end", "possible", "@THIRD ~4 talk_about|talking_about|mention|mentioned|joke_about|joking_about ~2 end_it|ending_it|kill_himself|kill_herself|"
     "suicide|not_be_here|dying|not_want_to_be_here", "neg past topic"),
    ("third_stuff_away", "possible", "@THIRD ~4 give|giving|gave ~2 his|her|their ~1 @THINGS|stuff|tools ~1 away", "neg past topic joke everyday"),
    # round 9, from crisis_train_w29 and w31 (end of life; carers writing about someone else), as kinds
    ("so_someone_knows", "crisis", "so_someone_know|so_somebody_know|need_someone_to_know|want_someone_to_know|so_at_least_someone_know|"
     "so_at_least_somebody_know|so_someone_will_know ~~14 tonight|do_it|dose|@DRUG|@DRUG2|@MEANSX|find_me|not_an_accident|why", "neg past topic joke achieve"),
    ("not_accident_find", "crisis", "it_be_not_an_accident|be_not_an_accident|not_an_accident ~~8 find|found|when_they|when_someone", "neg past topic"),
    ("own_way_time", "crisis", "do_it_my_own_way|my_own_way|do_it_myself ~~10 @TIME|this_weekend|tonight", "neg past topic joke everyday"),
    ("help_die_time", "crisis", "help ~1 him|her|me ~1 to? ~1 die|end_it|end_her_life|end_his_life|end_my_life ~~10 tonight|@TIME|@DRUG|@DRUG2|drugs",
     "neg past topic"),
    ("finish_it_self", "crisis", "finish_it|finishing_it|end_it ~1 herself|himself|myself|themselves", "neg past topic joke"),
    ("speed_up", "possible", "want|wants|wanted|like ~2 to ~1 speed_thing_up|speed_it_up|hurry_it_along|hurry_thing_along|get_it_over_with",
     "neg past topic joke everyday"),
    ("not_to_the_end", "possible", "not_let_it_get_to_the_end|not_go_to_let_it_get_that_far|not_let_it_get_that_far|not_wait_for_the_end",
     "past topic joke"),
    ("pray_take_third", "possible", "pray|prays|praying|ask|asks ~3 god|the_lord|jesus ~2 to? ~1 take|takes ~1 her|him ~~4 sleep|soon|home|now",
     "neg past topic joke"),
    ("slip_away", "possible", "want|wants|wish|wishes ~2 to? ~1 just? ~1 slip_away|fade_away|drift_away|go_quietly", "neg past topic joke"),
    ("wake_not_want", "possible", "wake_up|waking_up|wake ~4 not_want_to|and_not_want_to <s>|<c>", "past topic joke"),
    ("mercy_if_took", "possible", "be_a_mercy|be_a_blessing|be_a_relief|a_mercy|a_blessing ~~6 if ~6 take_me|took_me|get_me|finish_me", "neg past topic joke"),
    ("hate_alive", "possible", "hate_be_alive|hate_being_alive|hate_live|hate_be_here", "neg past topic joke"),
    ("exist_not_live", "possible", "exist_not_live|just_exist_not_live|exist_<c>_not_live|existing_not_living|exist_rather_than_live", "neg past topic joke"),
    # round 9, from crisis_train_w39 (one-line chat again): an act now, a place now, a time chosen
    ("jump_time", "crisis", "jump|jumping|leap ~2 tonight|@COMMIT|right_now|now ~~4 nobody_stop_me|do_not_stop_me|do_not_try|goodbye|sorry|<s>",
     "neg past topic joke benign casual everyday"),
    ("at_place_now2", "crisis", "@ATPLACE|sat_on|sit_on ~1 the? @PLACE2 ~3 now|right_now|rn <s>|<c>", "neg past topic joke benign casual everyday"),
    ("took_them_wait", "crisis", "already_take_them|take_them_already|take_them_all_already|already_take_the_lot ~~4 wait|waiting|now|sorry",
     "neg past topic joke benign"),
    ("drink_with_all", "crisis", "drink|drank|chug|neck|down ~4 with|and ~2 all|the_whole|whole ~2 my? ~1 @DRUG|@DRUG2|@PILLS", "neg past topic joke benign"),
    ("patches_all", "crisis", "stick|stuck|put|apply|applied ~2 all|the_whole|every|the_lot ~3 fentanyl_patch|morphine_patch|butrans|"
     "buprenorphine_patch|opioid_patch ~2 on|at_once|together|at_the_same_time", "neg past topic benign"),
    ("gone_down_sorry", "crisis", "@QUANT|the_lot|the_whole ~4 @DRUG|@DRUG2|@PILLS ~3 gone|go_down|down ~~4 sorry|goodbye|bye|love", "neg past topic joke benign"),
    ("open_wrists", "crisis", "open|opened|slit|slash|slice ~1 my ~1 wrist|wrists|arm|arms|vein|veins", "neg past topic accident"),
    ("obj_out_doing", "crisis", "@OBJ|blade|razor ~2 out|ready|set_out ~~4 do_it|doing_it|now|tonight|goodbye", "neg past topic joke benign"),
    ("take_whole_now", "crisis", "take|taking|swallow ~2 the_whole|whole|the_entire|every ~1 tray|box|pack|packet|bottle|strip|blister ~2 now|tonight|rn",
     "neg past topic joke benign"),
    ("dose_drink_now", "crisis", "lethal_dose|the_dose|enough_to_kill ~~6 drink|drinking|take|taking|swallow ~2 it|them ~1 now|tonight|rn",
     "neg past topic joke"),
    ("picked_spot", "crisis", "pick|picked|chose|choose|found ~2 my|the|a ~1 spot|place|bridge|date|day ~2 to ~1 jump|do_it|go|end_it", "neg past topic joke everyday"),
    ("plan_is_time", "crisis", "plan_be|the_plan_be ~2 #_am|##_am|tonight|@COMMIT|when_everyone|when_everyone_be_asleep", "neg past topic joke everyday"),
    ("date_today", "crisis", "pick|picked|chose|set ~2 the|a ~1 date|day ~~6 it_be_today|today_be_the_day|it_be_tonight", "neg past topic joke everyday"),
    ("how_and_when", "crisis", "know_how_and_when|know_when_and_how|know_how_i_will_do_it|know_how_i_be_go_to_do_it", "neg past topic joke"),
    ("not_on_ever", "crisis", "will_not_be|not_be|not_go_to_be ~3 on|here|around|online ~2 tomorrow|again ~~3 or_ever|ever_again|or_any_day", "neg past topic joke"),
    ("last_on_earth", "crisis", "last_night_on_earth|last_day_on_earth|my_last_day_alive|my_last_night_alive|last_night_alive|last_day_alive",
     "neg past topic joke"),
    ("love_all_goodbye", "crisis", "love_you_all|love_u_all|love_you_guys|love_ya_all ~~3 goodbye <s>|<c>|emojiheart|x", "neg past topic joke casual everyday"),
    ("writing_note_now", "crisis", "write_my_note|writing_my_note|my_suicide_note|my_last_note|my_goodbye_note|my_goodbye_letter <s>|<c>|now|tonight",
     "neg past topic joke everyday"),
    ("gave_away_ready", "crisis", "give_away|gave_away|giving_away ~6 @PET|@THINGS|guitar ~~8 ready_<s>|i_be_ready|it_be_time|that_be_everything",
     "neg past topic joke everyday"),
    ("hurt_self_now", "crisis", "burn|burning|cut|cutting|hurt|hurting ~1 myself ~~4 rn|right_now|now_<s>|now_<c>", "neg past topic accident"),
    ("night_not_anymore", "crisis", "tonight_be_the_night|today_be_the_day ~~6 not_do_this_anymore|can_not_do_this|can_not_anymore|done|goodbye|sorry",
     "neg past topic joke everyday"),
    ("deserve_better", "possible", "@KIN|they|he|she ~2 deserve_better_than ~2 me|a_sick|a_useless|someone_like_me|this", "neg past topic joke"),
    ("no_fight_left2", "possible", "no_fight_leave|no_fight_left|nothing_left_to_fight|no_more_fight_in_me|fight_have_go", "neg past topic joke"),
    ("if_takes_me_fine", "possible", "if ~4 take_me|get_me|kill_me ~~3 fine|so_be_it|good|let_it|whatever", "past topic joke"),
    ("jealous_dead", "possible", "jealous|envy|envious ~5 die|dead|pass|get_to_die|who_die|be_go", "neg past topic joke"),
    ("wish_body_stop", "possible", "wish|want|pray ~3 my_heart|my_body|my_lung|my_lungs|everything ~3 would? ~1 just? ~1 stop|give_up|give_out|pack_in",
     "neg past topic joke"),
    ("crave_blade", "possible", "crave|craving|miss|missing ~2 the? ~1 blade|cutting|razor|burning|the_pain_of_cutting", "neg topic joke"),
    # round 9, from crisis_train_w36 and w37 (older people; a crisis shown by arrangements)
    ("one_who_finds_me", "crisis", "the_one_who_find_me|the_one_to_find_me|be_the_one_who_find_me|the_one_that_find_me|who_find_me <s>|<c>|so|and",
     "neg past topic joke"),
    ("done_by_then", "crisis", "i_will_have_do_it|will_have_do_it_by|i_will_be_go_by|i_will_be_gone_by ~2 then|the_time|@TIME|<s>", "neg past topic joke everyday"),
    ("holds_weight", "crisis", "beam|rope|loft|hook|banister|bannister|branch|rail ~~8 hold_my_weight|take_my_weight|hold_me|will_hold|take_the_weight",
     "neg past topic joke benign"),
    ("means_then_take_when", "crisis", "@DRUG|@DRUG2|@PILLS ~~16 go_to_take_them|be_go_to_take_them|will_take_them|go_to_swallow_them ~3 when|tonight|"
     "tomorrow|@TIME|on_the|after", "neg past topic joke benign"),
    ("whole_will_work", "crisis", "the_whole_packet|the_whole_box|the_whole_bottle|the_lot|all_of_them|them_all ~2 will_work|would_work|should_work|"
     "be_enough|should_do_it|will_do_it|do_the_job", "neg past topic joke benign"),
    # round 10, from crisis_train_w47 and w48 (one-line chat, short private messages)
    ("whole_supply", "crisis", "eat|swallow|take|down|neck ~2 whole|entire ~1 bottle|box|packet|pack|strip|tub|blister|blister_pack|lot ~2 of ~2 "
     "@MEANSX|@DRUG|@DRUG2|med|meds|medication", "neg topic accident past benign"),
    ("whole_dosette", "crisis", "eat|swallow|take|down ~3 whole|entire|all_my|all_of_my ~1 dosette", "neg topic accident past"),
    ("means_my_exit", "crisis", "@MEANSX|@DRUG|@DRUG2|@PILLS ~~8 my_exit|my_way_out|my_exit_plan|my_ticket_out|my_escape !of|from", "neg past topic joke"),
    ("exit_means", "crisis", "my_exit|my_way_out|my_exit_plan|my_ticket_out|my_escape !of|from ~~8 @MEANSX|@DRUG|@DRUG2|@PILLS", "neg past topic joke"),
    ("need_where_going", "crisis", "will_not|wont|do_not|not_go_to ~1 need ~4 where_i_be_go|where_i_go <s>|<c>|now|so", "neg topic joke benign everyday casual"),
    ("take_all_once", "crisis", "take|swallow ~1 everything|the_lot|them_all|all_of_them|all_my_pill|all_my_med ~2 once|when|after ~2 they_be|the_kid|he_be|"
     "she_be|everyone_be|they|the_house|asleep", "neg past topic joke accident"),
    # from w50-w52 (the grey zone, near-misses, reports about someone else)
    ("blade_on_body", "crisis", "use|using|take|took|drag|run|press|hold ~3 blade|blades|razor|razors|lancet|lancets|lighter|scissors|knife|glass|"
     "compass|sharpener ~3 on|into|across|against my arm|arms|leg|legs|thigh|thighs|wrist|wrists|stomach|skin|hip|hips",
     "neg past topic benign"),
    # round 11, from crisis_train_w53 ... w56 (everyday settings, plain words, long posts, phone chat)
    ("one_by_one", "crisis", "take|swallow|down ~1 them|it|the_pill|the_pills|the_tablet|the_tablets ~~3 one_by_one", "neg past topic accident benign"),
    ("blade_at_throat", "crisis", "knife|blade|razor|scissors|glass ~2 at|against|to|on|into ~1 my throat|neck|wrist|wrists|skin|vein|veins",
     "neg past topic benign"),
    ("means_on_purpose", "crisis", "take|drink|drank|swallow|down|neck ~6 @PILLS|@DRUG|@DRUG2 ~2 on_purpose|deliberately", "neg past topic"),
    ("dose_every_one", "crisis", "dose|dosage ~4 every_single_one|all_of_them|the_lot|the_whole_lot|every_last_one", "neg past topic joke"),
    ("passcode_after", "crisis", "passcode|password|pin ~~8 need_it_after|if_anyone_need_it|when_i_be_gone|after_i_be_gone|for_after", "neg past topic joke"),
    ("not_need_after", "crisis", "will_not|not_go_to ~1 be? ~1 need ~2 it|them|this|anything|my_account|my_phone after <s>|<c>",
     "neg topic joke benign everyday casual"),
    ("whole_packet_end", "crisis", "take|swallow|down|neck ~1 the? ~1 whole|entire packet|box|bottle|strip|tub|lot <s>|<c>|and|now",
     "neg topic accident past benign"),
    ("outstayed", "possible", "outstay|overstay ~1 my welcome !at|in|with|on", "neg past topic joke"),
    ("what_am_i_for", "possible", "what be i ~1 even? for <s>|now|anymore|any_more", "neg past topic joke"),
    ("life_already_over", "possible", "my life ~1 be|feel|seem? ~1 already|basically|practically|pretty_much over", "neg past topic joke casual"),
    ("lose_will", "possible", "i|i_have|i_be|i_feel_like_i|i_feel_like_i_have lose|losing|lost the will to ~2 live|go_on|keep_go|keep_fight|fight|carry_on|keep_try", "neg past topic joke casual everyday"),
    ("already_gone", "possible", "like i be ~1 already gone|dead|a_ghost", "neg past topic joke"),
    ("waste_oxygen", "possible", "i be ~2 waste_of_oxygen|waste_of_space|waste_of_air|waste_of_skin", "neg past topic"),
    ("not_safe_head", "possible", "not ~2 safe ~2 in_my_own_head|in_my_head|with_myself|from_myself|around_myself", "past topic joke"),
    ("urge_starve", "possible", "urge|urges ~2 to? ~1 stop_eat|starve|purge|restrict", "neg past topic"),
    ("anaesthetic_stay", "possible", "hope|wish|pray ~5 anaesthetic|anesthetic|anaesthesia|sedation|general ~6 not|never ~1 wear_off|wear off", "neg past topic"),
    ("no_future_seen", "possible", "stop|stopped see|seeing ~1 a|any future", "neg past topic"),
    *LATE_RULES,   # round 12 (crisis_rules_late.py)
    # the same in the other languages members write in when it matters most (accents are folded first)
    ("other_lang_od", "crisis", "me_tome_toda|tome_toda|tome_##_pastilla|tome_todas|toda_las_pastilla|todas_las_pastillas|tomei_todo|todo_os_comprimido|"
     "ganzen_tabletten|alle_tabletten|alle_meine_tabletten|toute_la_boite|tout_la_boit|toutes_mes_pilules|tous_mes_medicaments|"
     "saari_goliyan|saari_neend|sari_goliyan|lahat_ng_gamot|ininom_ko_na_lahat", "topic"),
    ("other_lang_die", "crisis", "quiero_morir|quiero_morirme|me_quiero_morir|quiero_matarme|voy_a_matarme|quero_morrer|vou_me_matar|"
     "je_veux_mourir|je_vais_me_tuer|me_suicider|ich_will_sterben|mich_umbringen|marna_chahta|marna_chahti|khudkushi|"
     "magpakamatay|gusto_ko_nang_mamatay|la_cuerda_lista|cuerda_lista|corda_pronta|messer_schon_an|messer_an_der_haut", "topic"),
    ("other_lang_cant", "possible", "ya_no_puedo_mas|no_puedo_mas|ya_no_aguanto|no_aguanto_mas|nao_aguento|ich_will_nicht_mehr|will_einfach_nicht_mehr|"
     "ich_kann_nicht_mehr|je_n'en_peux_plus|j'en_peux_plus|aur_nahi_hota|ab_aur_nahi|di_ko_na_kaya|hindi_ko_na_kaya|ayoko_na", "topic"),
]
