"""The English lexicon: the words that signal an event, by kind, and the words around them.

`TRIGGERS` maps each kind of event (the values of `newsevents.extract.lexicon.Kind`) to the
forms that signal it in English, matched case-insensitively, token by token; the "block"
kind holds longer phrases that contain a trigger word but are no violence or protest ("heart
attack", "tear gas"). The word sets after it are the English cues the coder reads around a
trigger: causes of death that are no violence, a report's domain, hypothetical markers.
"""

from __future__ import annotations


def _phrases(text: str) -> list[str]:
    """A comma-separated list written as a text block: easy to read, diff and extend."""
    return [" ".join(p.split()) for p in text.split(",") if p.strip()]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.replace(",", " ").split())


TRIGGERS: dict[str, list[str]] = {
    "kill": _phrases("""
        human remains, human heads, dismembered, decapitated, dead man, dead woman,
        dead body, dead bodies, remains,
        shot to death, shot and killed, fatally shot, fatally wounded, fatally stabbed,
        pronounced dead, declared dead, pronounced deceased, declared deceased, passed away,
        succumbed, kill, kills, killed, killing, killings,
        murder, murders, murdered, murdering,
        slain, slay, slew, dead, died, dies, die, dying, death, deaths, fatal, fatally,
        fatalities, fatality, execute, executed, execution, executions, behead, beheaded,
        beheading, assassinate, assassinated, assassination, massacre, massacred,
        homicide, homicides, shot dead, gunned down, stabbed to death, beaten to death,
        hacked to death, burned to death, burnt to death, lynched, lynching, bodies, body,
        corpse, corpses, lifeless, perished, lost their lives, lost his life, lost her
        life, claimed the life, claimed the lives, claiming the life, claiming the lives,
        took the life, took the lives, human head, male head, female head, severed head
    """),
    "injure": _phrases("""
        injure, injured, injures, injuring, injuries, injury, wound, wounded, wounds,
        wounding, hurt, hospitalized, hospitalised, critical condition, serious condition,
        stable condition, casualties, maimed, gunshot wound, gunshot wounds
    """),
    "shoot": _phrases("""
        discharged, went off, accidentally shot, accidental shooting,
        shoot, shoots, shot, shooting, shootings, gunfire, gunshot, gunshots, gunman,
        gunmen, shooter, shooters, opened fire, open fire, opens fire, fired shots, fired
        at, fired on, sniper, drive-by, shots fired, fired, opened gunfire, firing,
        hit by a bullet, hit by gunfire, hit by a stray bullet, struck by a bullet, struck by
        gunfire, struck by a stray bullet, hit by stray bullets, struck by bullets, grazed by
        a bullet
    """),
    "attack": _phrases("""
        baton charged, baton-charged, lathi-charged, assaulting, beating up, beat up,
        attack, attacks, attacked, attacking, attacker, attackers, assault, assaults,
        assaulted, ambush, ambushed, raid, raids, raided, stormed, stab, stabbed,
        stabbing, stabbings, hacked, beat, beaten, beating, tortured, torture, targeted,
        hit-and-run, carjacking, armed robbery
    """),
    "clash": _phrases("""
        repulsed, repelled, repulse, repel, incursion, incursions, infiltration attempt,
        exchanged, exchange of artillery, traded fire,
        clash, clashes, clashed, clashing, fighting, fought, firefight, firefights, fire
        fight, gunfight, gun battle, gunbattle, gun battles, battle, battles, battled,
        exchanged fire, exchange fire, exchanging fire, exchange of fire, exchanged
        gunfire, exchanged gun shots, exchanged shots, skirmish, skirmishes, crossfire,
        shootout, shoot-out, counterattack, counter-attack, offensive, encounter,
        hostilities, small arms, counterterrorism operation, counter-terrorism operation,
        military operation
    """),
    "air": _phrases("""
        airstrike, airstrikes, air strike, air strikes, air raid, air raids, air attack,
        air attacks, aerial bombardment, aerial attack, drone strike, drone strikes, drone
        attack, drone attacks, warplane, warplanes, fighter jets, barrel bomb, barrel
        bombs, helicopter gunship, airstruck, bombing raid, bombing raids, air-strike,
        air-strikes, airstrike, drone, drones
    """),
    "shell": _phrases("""
        shell, shells, shelled, shelling, artillery, mortar, mortars, rocket, rockets,
        missile, missiles, projectile, projectiles, howitzer, howitzers, mlrs, katyusha,
        bombardment, bombarded, bombard, tank fire, bursts of fire, heavy machine guns,
        heavy machineguns, grenade launcher, grenade launchers, rocket-propelled grenade,
        rocket-propelled grenades, rpg, rpgs, anti-tank missile, anti-tank missiles
    """),
    "explosive": _phrases("""
        ied, ieds, improvised explosive device, improvised explosive devices, roadside
        bomb, roadside bombs, landmine, landmines, land mine, land mines, car bomb, car
        bombs, bomb, bombs, bombing, bombings, bombed, bomb blast, explosive, explosives,
        explosion, explosions, blast, blasts, exploded, detonated, detonation, vbied,
        booby trap, booby-trapped, sticky bomb, magnetic bomb, explosive device, explosive
        devices, motorcycle bomb, planted bomb, car bomber, car bombers, truck bomb,
        truck bombs, truck bomber
    """),
    "suicide": _phrases("""
        suicide bomber, suicide bombers, suicide bombing, suicide bombings, suicide
        attack, suicide attacks, suicide attacker, suicide vest, suicide car bomb, blew
        himself up, blew herself up, blew themselves up, self-detonated, suicide bomb,
        suicide car bomber, suicide car bombers, suicide car bombing, suicide truck bomb,
        suicide truck bomber, suicide truck bombing
    """),
    "grenade": _phrases("""
        grenade, grenades, hand grenade, hand grenades
    """),
    "chemical": _phrases("""
        chemical weapon, chemical weapons, chemical attack, chemical attacks, chlorine,
        sarin, mustard gas, nerve agent, toxic gas, poison gas, poisonous gas, chemical
        agent, chemical agents, chemical munitions
    """),
    "abduct": _phrases("""
        abduct, abducted, abducting, abduction, abductions, kidnap, kidnapped, kidnapping,
        kidnappings, kidnappers, kidnaps, taken hostage, hostage, hostages, held captive,
        forcibly disappeared, enforced disappearance, disappeared
    """),
    "sexual": _phrases("""
        rape, raped, rapes, raping, sexual assault, sexually assaulted, sexual violence,
        gang-raped, gang rape, gang-rape, molested, molestation, sexually abused, sexual
        abuse
    """),
    "protest": _phrases("""
        demonstrating, demonstrate, blocked, human chain, procession, processions,
        demanding, to demand, demanded, blocked the roads, blocked the entrance,
        blocked the highway, blocked a highway, cut off the streets, cut off roads,
        cut off the road, motorcade, gathered to protest,
        protest, protests, protested, protesting, protester, protesters, protestor,
        protestors, demonstration, demonstrations, demonstrator, demonstrators,
        demonstrated against, demonstrated, rally, rallies, rallied against, rallied in,
        march, marched, marches, marchers, sit-in, sit-ins, picket, pickets, picketed,
        picketing, hunger strike, general strike, went on strike, go on strike, on strike,
        strike action, workers' strike, boycott, boycotted, took to the streets, take to
        the streets, dharna, hartal, bandh, blockade, blocked the road, blocked roads,
        blocked a road, road blockade, staged a protest, chanting slogans, chanted
        slogans, raised slogans, counterprotest, counter-protest, walkout, walked out
    """),
    "riot": _phrases("""
        burning tires, burning tyres, burnt tires, burnt tyres, burned tires, burned tyres,
        burning rubber tires, burning rubber tyres,
        riot, riots, rioted, rioting, rioters, violent protest, violent protests, violent
        demonstration, violent demonstrations, turned violent, stone pelting,
        stone-pelting, pelted stones, pelted, threw stones, hurled stones, throwing
        stones, threw rocks, hurled rocks, molotov, molotov cocktails, petrol bombs,
        petrol bomb, unrest
    """),
    "mob": _phrases("""
        brawl, brawls, scuffle, scuffles, fistfight, physical fight, fight broke out,
        mob, mobs, mob violence, vigilante, vigilantes, lynch mob
    """),
    "arrest": _phrases("""
        arrest, arrests, arrested, arresting, detain, detained, detaining, detains,
        detention, detentions, apprehend, apprehended, taken into custody, took into
        custody, rounded up, nabbed, booked into, turned himself in, turned herself in,
        charged with, custody, in custody, jailed, was charged, were charged, been
        charged, is charged, are charged, being charged, charged in, charged in connection,
        booked on, booked in
    """),
    "take_territory": _phrases("""
        capturing, capture, captures, seizing, control over, controlling, advanced on,
        established control, gained ground, overrunning,
        seized control, took control, taken control, captured, overran, overrun, took
        over, taken over, fell to, seized the town, seized the city, seized the village,
        gained control, control of
    """),
    "regain_territory": _phrases("""
        freed, pushed back, drove out, driven out, cleared of, retaking, recapturing,
        recaptured, recapture, retook, retaken, regained control, regain control,
        liberated, took back, retake, recaptures, reclaimed
    """),
    "transfer_territory": _phrases("""
        handed over, without resistance, without a fight, pulled out of,
        withdrawal from, handover
    """),
    "loot": _phrases("""
        seized, seizes, seizing, confiscated land,
        set alight, uprooted, bulldozed,
        loot, looted, looting, looters, vandalized, vandalised, vandalism, vandalizing,
        set fire, set ablaze, set on fire, torched, torching, burned down, burnt down,
        razed, demolished, ransacked, plundered, arson, destroyed, damaged, burned, burnt,
        stolen, stole
    """),
    "agreement": _phrases("""
        in exchange for, exchange process, exchange of prisoners, swap of prisoners, deal,
        agreement, agreements, agreed, ceasefire, cease-fire, truce, peace deal, peace
        accord, accord, signed a deal, prisoner exchange, prisoner swap, peace agreement,
        reach a deal, reached a deal, peace talks, deal
    """),
    "disrupt": _phrases("""
        defuse, defused, defusing, bomb disposal, weapons cache, arms cache, cache of
        weapons, cache of arms, recovered weapons, seized weapons, seized arms, seized
        explosives, recovered explosives, intercepted, shot down, foiled, thwarted,
        dismantled, confiscated, seized a cache, weapons and ammunition, arms and
        ammunition, huge cache, cache
    """),
    "base": _phrases("""
        established a base, set up a base, set up base, new base, headquarters, set up
        camp, established a camp, established a military base, set up a military base,
        opened a base
    """),
    "change": _phrases("""
        patrol, patrols, conducted a patrol, security measures, security operation,
        withdrawn, withdrew, pull back, pulled back, pulling back, redeploy,
        redeploying, redeployed, moving troops, dispatched, deployed, deploying,
        defected, defection, defections, surrendered, surrender, pledged allegiance,
        disbanded, merged, splinter, recruited, recruitment, joined the ranks, announced
        the formation, formed a new, new leader, laid down their arms, laid down arms,
        reinforcements, curfew, fortifications, deployed troops, troop deployment,
        mobilized, mobilised
    """),
    "block": _phrases("""
        detention hearing, detention center, detention centre, detention facility,
        funeral procession, funeral processions, religious procession, wedding procession,
        juvenile detention, detention centers, detention camps, detention camp,
        nuclear test, bomb test, hydrogen bomb, atomic bomb, nuclear bomb, missile test,
        test-fired, test fired, weapons test, gas leak, gas leakage, gas explosion,
        cylinder blast, cylinder explosion, boiler explosion, boiler blast,
        heart attack, heart attacks, panic attack, asthma attack, cyber attack,
        cyberattack, cyber attacks, cyberattacks, tear gas, teargas, legal battle,
        political battle, court battle, battle against, battle with cancer, fight against,
        coal mine, gold mine, death penalty, death sentence, death row, dead end,
        deadline, death threats, death threat, shot glass, mug shot, photo shoot, rocket
        science, body of water, governing body, student body, body camera, body cameras,
        body armor, body armour, body-worn, body cam, body language, bodies of water,
        shell company, shell companies, missile defense, missile test, missile tests,
        missile launch, rally behind, rallied behind, rallied support, market rally, stock
        rally, protest vote, march madness, heat stroke, crash, drug deal, trade deal,
        book deal, record deal, death toll, agreed that, agree that, hurt
        feelings, battle royale, dying to, died down, killed off, kill switch, body count,
        brain dead, dead heat, press charges, charged with a crime, shot clock, shot put,
        booster shot, flu shot, vaccine shot, best shot, big shot, screen shot,
        screenshot, long shot, shot at the title, custody battle, custody of the children,
        child custody, joint custody, drone footage, drone camera, drone video, drone
        photography, demonstrated that, demonstrates that, demonstration of, demonstrated
        the, a demonstration that, riot police, riot gear, riot shields, riot shield,
        anti-riot, riot squad, riot control, riot act, riot-control, riot officers, riot
        units, riot unit, shell station, shell gas station, shell service station, honda
        accord, own accord
    """),
}

# Causes of death and injury that are not political violence.
NON_VIOLENT_CAUSES = _words(
    """
    accident, accidental, accidents, avalanche, boat, cancer, capsized, cholera, collapse,
    collapsed, collision, coronavirus, covid, covid-19, crash, crashes, cyclone, derailed,
    derailment, disease, diseases, drought, drowned, drowning, earthquake, earthquakes,
    ebola, electrocuted, electrocution, epidemic, eruption, famine, fell, ferry, flood,
    flooding, floods, heat, heatwave, helicopter-crash, hunger, hurricane, illness,
    infection, infections, landslide, landslides, lightning, malaria, measles, mudslide,
    natural, outbreak, overdose, overdoses, pandemic, plane, poisoning, quake, sank,
    shipwreck, stampede, starvation, storm, storms, stroke, suicide, tornado, tsunami,
    typhoon, virus, volcano, wildfire, wildfires, snow, snowfall, snowstorm, blizzard,
    rainfall, rains, monsoon, volcanic, mudslides
    """
)
# A road accident: deaths with these words and no violence anywhere in the report are no event.
# In a report of a shooting they are the chase ('the suspect crashed the car and died').
TRAFFIC = _words("collided crashed overturned plunged skidded veered")
# Words of a report's domain when it is not political violence: sport and the economy. A
# 'shot', an 'attack' or a 'battle' there is a striker's, a team's or a central bank's.
SPORT_WORDS = _words(
    """
    football, soccer, match, matches, derby, league, striker, strikers, midfielder,
    midfield, goalkeeper, goals, scored, scorer, header, half-time, halftime, club, clubs,
    tournament, championship, cup, referee, stadium, fixture, fixtures, playoff, playoffs,
    semi-final, semifinal, innings, wicket, wickets, batsman, bowler, cricket, rugby, tennis,
    basketball, olympics, medal, equaliser, equalizer, goalless, scoreline
    """
)
ECONOMY_WORDS = _words(
    """
    inflation, interest, rate, rates, lending, benchmark, basis, monetary, fiscal, currency,
    shilling, lira, rupee, naira, rand, peso, dollar, euro, investors, investment, stocks,
    shares, bonds, economist, economists, analysts, gdp, economy, economic, recession,
    tariff, tariffs, exports, imports, export, import, trade, prices, budget, deficit,
    royalties, revenue, profits, earnings, quarter, merger, acquisition, loan, loans, debt
    """
)
# What a cyber 'attack' is made on, or by: no one is harmed in body or property.
CYBER_WORDS = _words(
    """
    website, websites, webpage, server, servers, computer, computers, online, hackers,
    hacker, cyber, ddos, ransomware, malware, email, emails, database, databases, portal,
    internet
    """
)
# An Agreement (Strategic developments) is between parties to a conflict: a ceasefire, a
# peace deal, a prisoner exchange, a truce, forces withdrawn from a border or disputed land.
# A trade pact or a mining deal between a state and a company has none of these words.
CONFLICT_AGREEMENT = _words(
    """
    ceasefire, cease, truce, armistice, peace, prisoners, prisoner, hostages, hostage,
    detainees, captives, pows, rebels, rebel, militants, militant, insurgents, fighters,
    militia, militias, guerrillas, separatists, jihadists, armed, forces, troops, soldiers,
    army, military, war, warring, conflict, fighting, hostilities, clashes, violence,
    nuclear, missile, missiles, weapons, disarmament, demobilisation, demobilization,
    border, disputed, territory, withdraw, withdrawal, evacuate, evacuation
    """
)
# Words in a sentence that make a statement hypothetical or a wish, not an event.
HYPOTHETICAL_MARKERS = _words(
    """
    aim, aimed, aims, attempt, attempted, could, fear, feared, fears, if, intend,
    intended, intends, may, might, plan, planned, planning, plans, plot, plotted,
    plotting, prepare, prepared, preparing, risk, risks, threat, threaten, threatened,
    threatens, vowed, vows, warned, warning, warns, would
    """
)

# An explosion or a gas among these words is an accident at work, not an attack.
INDUSTRIAL = _words(
    """
    leak leaked leaking leakage boiler boilers factory plant refinery pipeline transformer
    cylinder cylinders propane tanker reactor warehouse ammonium nitrate malfunction
    short-circuit circuit fireworks furnace chemicals industrial workers laborers labourers
    mine miners crash collision derailment container containers storage gas
    """
)
# Arrests for these are crime, not political events.
CRIME = _words(
    """
    drugs drug narcotics heroin cocaine marijuana cannabis methamphetamine smuggling smuggled
    smuggle hashish contraband
    smugglers trafficking fraud counterfeit fake currency theft thefts burglary burglaries
    robbery robberies break-in break-ins poaching bribery bribe embezzlement scam scams
    shoplifting stolen cybercrime hacking piracy gambling
    """
)
# Words of an arrest that make it political.
POLITICAL = _words(
    """
    protest protests protesters protestors demonstrators activists activist opposition party
    journalist journalists critics dissidents militants militant rebels insurgents terrorists
    terrorism terrorist extremist extremists sedition treason separatists rally election
    government regime blogger bloggers students union unionists leaders leader members
    """
)
# Words that make an explosion an attack rather than an accident.
ATTACK_MARKERS = _words(
    """
    planted detonated detonate remote remotely targeted attack attacks attacked attackers
    militants militant terrorists terrorist insurgents insurgent bomber bombers gunmen
    suicide rebels jihadists claimed responsibility ied ieds
    """
)
# Verbs that report what someone said, as written (the parse has no lemmas): their subjects
# are sources, not doers.
REPORTING_VERBS = _words(
    """
    say says said saying tell tells told telling report reports reported announce announces
    announced state states stated confirm confirms confirmed add adds added quoted cited
    alleged alleges warned
    """
)
# Words that, with 'denied', 'claimed' or 'rejected', make a sentence about who did it.
CLAIM_NOUNS = _words("responsibility responsible accusation accusations allegations blame")
CLAIM_VERBS = _words("claimed claims claiming denied denies rejected rejects dismissed")
DEVICE_WORDS = _words(
    """
    bomb bombs ied ieds explosive explosives missile missiles drone drones rocket rockets
    device devices
    """
)
# Verbs of taking weapons before use: 'police seized nine pistols' (Disrupted weapons use).
SEIZE_VERBS = _words(
    """
    seized found discovered recovered confiscated impounded uncovered seize seizes seizing
    recovering unearthed
    """
)


# Words for people that are not armed actors: victims in counts, civilians among actors.
PERSON_NOUNS = _words(
    """
    activist activists baby boy boys child children civilian civilians doctor driver
    family farmer farmers girl girls infant journalist journalists kids leader man men
    nurse old passenger passengers pedestrian pilgrims resident residents shopkeeper
    student students teacher teen teenager teens toddler traders villager villagers
    woman women worker workers worshippers
    """
)
