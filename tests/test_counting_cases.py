"""Counting and dating cases from local crime and conflict copy: who was arrested for what,
bodies found, lives claimed, and words that only look like violence."""

from __future__ import annotations

from datetime import date

from conftest import CodeText, only


def test_an_arrest_days_later_joins_the_shooting_it_is_for(code_text: CodeText) -> None:
    # Published Thursday 14 March 2024: the arrest was Wednesday, the shooting Sunday.
    a = code_text(
        "A man was arrested Wednesday in the fatal shooting of a woman outside a bar in "
        "Dayton, police said.\n\n"
        "Officers found Rena Clay, 31, with a gunshot wound to the chest early Sunday on "
        "Wayne Avenue. She was pronounced dead at the scene.\n\n"
        "Police took the suspect into custody at a relative's home."
    )
    ev = only(a)
    assert ev.event_date == date(2024, 3, 10)
    assert ev.fatalities == 1
    assert ev.arrests == 1


def test_a_named_suspect_arrested_is_one_arrest(code_text: CodeText) -> None:
    a = code_text(
        "A 24-year-old man was shot and wounded Saturday night in Macon, Ga., police said.\n\n"
        "Macon police arrested Dontrell Ames Whitfield in connection with the shooting."
    )
    ev = only(a)
    assert ev.injuries == 1
    assert ev.arrests == 1


def test_a_man_found_shot_to_death_is_a_death(code_text: CodeText) -> None:
    a = code_text(
        "Officers were called to an apartment complex in Tulsa on Friday afternoon. When they "
        "arrived, they found a man shot to death in a stairwell."
    )
    assert only(a).fatalities == 1


def test_a_shooting_that_claimed_a_life(code_text: CodeText) -> None:
    a = code_text(
        "The shooting Sunday on Bosworth Road in Cleveland claimed the life of 52-year-old "
        "Darnell Hobbs. Three others were wounded."
    )
    ev = only(a)
    assert ev.fatalities == 1
    assert ev.injuries == 3


def test_people_listed_one_by_one_are_counted_one_by_one(code_text: CodeText) -> None:
    a = code_text(
        "Gunfire erupted outside a nightclub in Tacoma early Saturday. A 22-year-old man, "
        "19-year-old woman and 30-year-old man suffered gunshot wounds, police said."
    )
    assert only(a).injuries == 3


def test_someone_charged_with_murder_is_not_a_victim(code_text: CodeText) -> None:
    a = code_text(
        "A man was shot and killed Friday night in Flint, police said.\n\n"
        "Marcus Lee Tate, 27, was charged with murder and is held in the Genesee County jail."
    )
    assert only(a).fatalities == 1


def test_executed_search_warrants_are_not_executions(code_text: CodeText) -> None:
    a = code_text(
        "A teenager was killed in a drive-by shooting in Kent on Tuesday, police said. "
        "Detectives said 12 search warrants have been written and executed in the case."
    )
    assert only(a).fatalities == 1


def test_the_month_of_may_is_not_a_modal_verb(code_text: CodeText) -> None:
    a = code_text(
        "Around 7 May 2020, a group of residents protested against the police outside the "
        "district office in Jamia Nagar, Delhi.",
        published=date(2020, 5, 11),
    )
    ev = only(a)
    assert ev.event_type == "Protests"
    assert ev.event_date == date(2020, 5, 7)


def test_no_fatalities_reported_does_not_negate_the_shelling(code_text: CodeText) -> None:
    a = code_text(
        "On 5 May 2020, rebel forces shelled army positions near Hodeidah, injuring a number "
        "of soldiers, with no fatalities reported.",
        published=date(2020, 5, 11),
    )
    ev = only(a)
    assert ev.sub_event_type == "Shelling/artillery/missile attack"
    assert ev.fatalities == 0


def test_a_dead_man_thrown_from_a_car_is_an_event(code_text: CodeText) -> None:
    a = code_text(
        "Around 7 May 2020, in Acapulco, Guerrero, a dead man was thrown from a car near the "
        "highway toll booth. The victim's hands were tied.",
        published=date(2020, 5, 11),
    )
    ev = only(a)
    assert ev.event_type == "Violence against civilians"
    assert ev.fatalities == 1


def test_a_petrol_station_and_a_car_model_are_not_events(code_text: CodeText) -> None:
    a = code_text(
        "Police in Beaumont said a man was wounded Saturday when he was shot at a Shell "
        "station on Major Drive. Witnesses saw a silver Honda Accord drive away."
    )
    ev = only(a)
    assert ev.sub_event_type == "Attack"
    assert ev.injuries == 1


def test_an_agency_the_recogniser_misses_gives_the_reports_town(code_text: CodeText) -> None:
    a = code_text(
        "One person died and three others were hurt in a shooting on Brewer Avenue late "
        "Tuesday evening.\n\n"
        "Memphis Police look at three locations connected to the shooting."
    )
    ev = only(a)
    assert ev.location == "Memphis"
    assert ev.admin1 == "Tennessee"


def test_a_teenager_told_of_by_age_alone_is_counted(code_text: CodeText) -> None:
    a = code_text(
        "A 15-year-old is dead and another teen is in critical condition after a shooting on "
        "Elvis Presley Boulevard in Memphis on Saturday. The 15-year-old was pronounced dead "
        "at the scene."
    )
    assert only(a).fatalities == 1


def test_a_shooting_that_left_one_person_dead(code_text: CodeText) -> None:
    a = code_text(
        "Tampa police are at the scene of a drive-by shooting on Sunday that left one person "
        "dead and four injured."
    )
    ev = only(a)
    assert ev.fatalities == 1
    assert ev.injuries == 4


def test_a_death_named_by_its_victim_and_a_body_found(code_text: CodeText) -> None:
    a = code_text(
        "The medical examiner ruled Rosa Delgado's death a homicide on Tuesday after deputies "
        "found a body in a burned car near Rockport."
    )
    assert only(a).fatalities == 1


def test_animals_killed_are_not_deaths(code_text: CodeText) -> None:
    a = code_text(
        "A hunter was shot and wounded Saturday near Eastman, Wisconsin. Across the state, "
        "108,780 deer had been killed by Sunday evening, wardens said."
    )
    assert all(e.fatalities == 0 for e in a.events)
    assert any(e.injuries == 1 for e in a.events)


def test_a_tally_over_months_is_not_this_events_count(code_text: CodeText) -> None:
    a = code_text(
        "A 27-year-old man was shot and killed on South Shore Drive in Chicago on Tuesday. "
        "Nearly 700 people have been shot in the city since January, police figures show."
    )
    assert sum(e.fatalities for e in a.events) == 1
    assert sum(e.injuries or 0 for e in a.events) == 0


def test_people_found_with_gunshot_wounds_are_injured(code_text: CodeText) -> None:
    a = code_text(
        "Officers called to a shooting on Clyde Drive in Savannah on Friday found a 48-year-old "
        "man and a 15-year-old with gunshot wounds."
    )
    assert only(a).injuries == 2


def test_a_victim_taken_away_suffering_from_a_wound_is_injured(code_text: CodeText) -> None:
    a = code_text(
        "A shooting broke out at a party in Kent on Saturday night. A teenager was transported "
        "from the scene suffering from a gunshot wound to the leg."
    )
    assert only(a).injuries == 1


def test_a_man_held_in_custody_is_an_arrest(code_text: CodeText) -> None:
    a = code_text(
        "One man was killed and three people were wounded in a shooting on Gratiot Avenue in "
        "Detroit on Saturday evening. Police have a 23-year-old man in custody in the shooting."
    )
    ev = only(a)
    assert ev.fatalities == 1
    assert ev.arrests == 1


def test_a_gunman_who_surrendered_is_an_arrest(code_text: CodeText) -> None:
    a = code_text(
        "A gunman killed two people in a house in Woodbridge, Virginia, on Saturday. After "
        "more officers arrived, Hamilton surrendered to police."
    )
    assert only(a).arrests == 1


def test_an_arrest_days_after_the_only_shooting_is_counted_with_it(
    code_text: CodeText,
) -> None:
    a = code_text(
        "A man was shot and wounded outside a bar on Orlando Avenue in Cocoa Beach on "
        "Saturday, March 9.\n\n"
        "Detectives worked through the weekend and arrested Luis Ortega at his home on "
        "Tuesday, police said."
    )
    ev = only(a)
    assert ev.event_date == date(2024, 3, 9)
    assert ev.arrests == 1


def test_a_death_days_after_the_shooting_is_that_shootings_toll(code_text: CodeText) -> None:
    a = code_text(
        "A woman was shot in the chest outside her home on Elm Street in Toledo on Saturday, "
        "March 9.\n\n"
        "She died at the hospital on Tuesday, police said."
    )
    ev = only(a)
    assert ev.event_date == date(2024, 3, 9)
    assert ev.fatalities == 1
    assert ev.injuries == 0


def test_a_man_charged_in_the_shooting_is_an_arrest(code_text: CodeText) -> None:
    a = code_text(
        "A 17-year-old was shot and killed outside a store on Ninth Street in Rosamond on "
        "Monday. On Wednesday, a 19-year-old man was charged in the shooting, deputies said."
    )
    ev = only(a)
    assert ev.fatalities == 1
    assert ev.arrests == 1


def test_people_hit_by_gunfire_are_injured(code_text: CodeText) -> None:
    a = code_text(
        "Two men and a woman were hit by gunfire when shots were fired from a passing car on "
        "Idaho Street in Houston on Sunday. All three are expected to survive."
    )
    assert only(a).injuries == 3


def test_the_wound_someone_died_from_is_no_injury(code_text: CodeText) -> None:
    a = code_text(
        "An 11-year-old boy died from a gunshot wound at a home in Goldsboro on Thursday, "
        "deputies said."
    )
    ev = only(a)
    assert ev.fatalities == 1
    assert ev.injuries is None  # the report tells of no one hurt


def test_a_victim_told_again_by_age_is_one_victim(code_text: CodeText) -> None:
    a = code_text(
        "Milwaukee police: gunfire leads to 16-year-old boy being shot\n\n"
        "A 16-year-old boy was shot and wounded on Milwaukee's north side late Saturday, "
        "police said. A 16-year-old boy was taken to a hospital with a wound to the leg, and "
        "a 19-year-old woman was shot in the arm."
    )
    assert only(a).injuries == 2


def test_arrests_told_by_their_charges(code_text: CodeText) -> None:
    a = code_text(
        "A 6-year-old boy was shot and killed at a home in Tulsa on Monday. Police have "
        "charged the father, 27-year-old Ashton Blake Sallow, with manslaughter."
    )
    assert only(a).arrests == 1
    b = code_text(
        "A man was shot dead outside a bar in Flint on Sunday. Micah Sanders faces charges of "
        "reckless homicide, prosecutors said."
    )
    assert only(b).arrests == 1


def test_people_held_on_a_charge_but_not_a_rally_held_on_a_day(code_text: CodeText) -> None:
    a = code_text(
        "An 18-year-old is being held by Detroit police after his 16-year-old brother was "
        "fatally shot on Friday."
    )
    assert only(a).arrests == 1
    b = code_text(
        "Teachers held a rally on Monday outside the education ministry in Nairobi to demand "
        "higher pay."
    )
    assert only(b).event_type == "Protests"
    assert not only(b).arrests


def test_an_arrest_for_smuggling_alone_is_no_event(code_text: CodeText) -> None:
    a = code_text(
        "Four residents of Vancouver face charges after an investigation broke up a steroid "
        "smuggling ring, border officials said on Tuesday."
    )
    assert a.events == []


def test_both_is_two(code_text: CodeText) -> None:
    a = code_text(
        "Two men were shot outside a club in Tulsa on Monday. Both were taken to a hospital "
        "with wounds to the legs, and both suspects were arrested."
    )
    ev = only(a)
    assert ev.injuries == 2
    assert ev.arrests == 2


def test_an_arrest_joins_the_latest_shooting_before_it_at_its_place(code_text: CodeText) -> None:
    a = code_text(
        "A man was shot in the leg outside a store on Rancier Avenue in Killeen on Monday, "
        "March 11.\n\n"
        "Last month, on February 2, a teenager was wounded in a drive-by shooting in Austin.\n\n"
        "Killeen police arrested two men in Killeen on Tuesday, March 12."
    )
    killeen = [e for e in a.events if e.event_date == date(2024, 3, 11)]
    assert len(killeen) == 1
    assert killeen[0].arrests == 2
    assert not any(e.sub_event_type == "Arrests" for e in a.events)


def test_the_shooting_told_again_without_a_toll_is_the_same_shooting(
    code_text: CodeText,
) -> None:
    # The shooter's home town and the sheriff's homicide unit are not incidents of their own.
    a = code_text(
        "A hunter was fatally shot in the chest near a deer stand in Caledonia, N.Y., on Sunday, "
        "according to the Livingston County Sheriff's Office.\n\n"
        "The shooter has been identified as 47-year-old Dale Hurd of Rochester.\n\n"
        "Anyone with information about the shooting is asked to call the Monroe County "
        "Sheriff's Office."
    )
    ev = only(a)
    assert ev.fatalities == 1
    assert ev.location == "Caledonia"
    assert ev.event_date == date(2024, 3, 10)


def test_a_toll_dated_loosely_takes_the_day_the_shooting_is_told_on(
    code_text: CodeText,
) -> None:
    a = code_text(
        "A man has been arrested after a woman was wounded by gunfire, according to police in "
        "Hampton.\n\n"
        "Shortly before 8 p.m. Friday, dispatchers received a call about a shooting in the "
        "100 block of Mercury Boulevard."
    )
    ev = only(a)
    assert ev.injuries == 1
    assert ev.arrests == 1
    assert ev.event_date == date(2024, 3, 8)


def test_arrested_him_a_short_time_later_is_one_arrest(code_text: CodeText) -> None:
    # The parser reads 'him' before 'a short time later' as a dative, not the object.
    a = code_text(
        "A man was shot and killed in a dispute over a parking space in Austin on Sunday. "
        "Police arrested him a short time later and booked him into the county jail."
    )
    ev = only(a)
    assert ev.fatalities == 1
    assert ev.arrests == 1


def test_deaths_told_by_what_was_fatal_and_what_was_found(code_text: CodeText) -> None:
    told = [
        "Detectives said a quarrel between teenagers led to the fatal shooting of a 16-year-old "
        "boy in Fort Worth on Thursday night.",
        "According to troopers, a 20-year-old woman suffered a fatal gunshot wound while "
        "hunting near Iron Mountain on Saturday.",
        "Deputies are investigating after an accidental shooting left a 12-year-old boy dead "
        "inside his home in Norcross on Friday.",
        "A man was found shot to death on Saturday morning in Gary, police said.",
        "Police have identified the teenager fatally shot Feb. 4 on Roosevelt Avenue in Buffalo.",
    ]
    for text in told:
        assert only(code_text(text)).fatalities == 1, text


def test_charged_with_a_fatal_shooting_is_no_death_of_the_one_charged(
    code_text: CodeText,
) -> None:
    a = code_text(
        "A man was shot and wounded outside a bar in Tulsa on Monday. Dale Ruiz was charged "
        "with a fatal shooting in 2019."
    )
    assert [(e.fatalities, e.injuries) for e in a.events if e.injuries] == [(0, 1)]


def test_two_fatal_shootings_are_shootings_not_deaths(code_text: CodeText) -> None:
    a = code_text(
        "Five people were wounded in a shooting outside a nightclub in Tampa on Saturday. "
        "The club has been the site of two fatal shootings in the last year."
    )
    saturday = [e for e in a.events if e.event_date == date(2024, 3, 9)]
    assert [e.injuries for e in saturday] == [5]
    assert not any(e.fatalities for e in a.events)


def test_an_accidental_gunshot_death_is_a_death_but_a_crash_is_no_event(
    code_text: CodeText,
) -> None:
    a = code_text(
        "A 66-year-old man died early Tuesday of an apparently accidental self-inflicted "
        "gunshot wound at his home in La Pine, deputies said."
    )
    assert only(a).fatalities == 1
    b = code_text(
        "A 66-year-old man died early Tuesday in a car accident on the highway near La Pine, "
        "deputies said."
    )
    assert b.events == []


def test_she_passed_away_at_the_hospital(code_text: CodeText) -> None:
    a = code_text(
        "Columbus police are investigating a shooting on Monday at an apartment complex. "
        "Nelson, 17, was taken to the Midtown Medical Center where she passed away."
    )
    assert only(a).fatalities == 1


def test_a_gun_or_a_meeting_being_held_is_no_arrest(code_text: CodeText) -> None:
    a = code_text(
        "A man was shot in the arm outside a bar in Wichita on Saturday. Witnesses said a "
        "weapon being held by a second man went off. A vigil was being held on Sunday."
    )
    ev = only(a)
    assert ev.injuries == 1
    assert not ev.arrests
    b = code_text(
        "A man was shot in the arm outside a bar in Wichita on Saturday. The suspect, Dale "
        "Ruiz, is being held on a $50,000 bond."
    )
    assert only(b).arrests == 1


def test_an_arrest_sought_is_not_an_arrest_made(code_text: CodeText) -> None:
    for sought in (
        "Police are offering a reward for information leading to the arrest of the gunman.",
        "Officers were trying to apprehend him when he fled on foot.",
        "Detectives obtained a warrant to arrest one man.",
    ):
        a = code_text(
            f"A man was shot in the leg outside a gas station in Tulsa on Monday. {sought}"
        )
        assert not only(a).arrests, sought
    made = code_text(
        "A man was shot in the leg outside a gas station in Tulsa on Monday. Chisler, 17, is "
        "now being charged as an adult."
    )
    assert only(made).arrests == 1


def test_an_attack_that_left_a_dozen_people_dead_counts_the_people(
    code_text: CodeText,
) -> None:
    # The parser reads "people dead" as a clause of its own and the attack, with the
    # distance told after it, as what left them: the people are counted, not the attack.
    a = code_text(
        "A jihadist attack on the town of Djibo, some 80 km (50 miles) to the east, left "
        "more than a dozen people dead on Tuesday."
    )
    ev = only(a)
    assert ev.fatalities == 12
    assert ev.location == "Djibo"
