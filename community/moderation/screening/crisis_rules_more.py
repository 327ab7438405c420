"""Crisis rules for the kinds that later writers blind to the rules showed missing
(crisis_train_w5 ... w14): each a kind of text, not one sentence. Same pattern language and
guards as crisis_rules; crisis_rules_means merges these into its concepts and rules.

Practical arrangements (a pet rehomed, passwords left, insurance sorted, appointments cancelled)
count only two or three together, or two with a final word ("after Friday", "that's everything
done"); a carer's report of a plan or a hidden means is a crisis; what a third person keeps
saying ("we'd be better off without him") is a possible crisis."""
from __future__ import annotations

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
        tie_thing_up tie_up_loose_end sort_the_dog sorted_the_dog fed_the_horse funeral_plan""",
    "FINAL": """after_friday after_saturday after_sunday after_the_weekend after_this_week by_monday by_the_weekend
        tomorrow_then tonight_then last_night_in last_night_here before_i_go i_will_be_go will_be_gone
        not_much_else_to_do nothing_else_to_do that_be_everything_do that_be_everything everything_do
        want_it_tidy tidy_for_her tidy_for_him will_not_need will_not_be_around will_not_be_here
        after_i_be_gone when_i_be_gone not_be_around_to not_be_here_to it_be_not_a_holiday that_be_all_<s>
        after_i_post_this once_i_post_this all_that_be_left_be_me i_be_go_<s>""",
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
     "his_time_be_up|her_time_be_up|tired_of_live|no_point_in_live", "neg past topic joke"),
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
    ("tired_all", "possible", "tired_of_it_all|sick_of_it_all|over_it_all|over_all_of_it|done_with_it_all <s>", "neg past topic joke"),
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
    ("bath_run_blade", "crisis", "run_a_bath|in_the_bath|bath_run ~~10 blade|razor|knife|@DRUG|@PILLS", "neg past topic accident"),
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
    ("means_in_hand", "possible", "@MEANSX|@DRUG|@DRUG2 ~3 in_my_hand|in_my_hands|next_to_me|in_front_of_me|beside_me", "neg past topic joke benign accident"),
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
]
