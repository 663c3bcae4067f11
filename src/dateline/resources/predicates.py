"""What a stated figure counts: the verbs, adjectives and nouns of casualties and other tallies.

Source: compiled by the dateline authors from English news usage for reported tolls (the
verbs, participles and nouns wire copy uses for the dead, the injured, arrests, displacement
and deployment, following the casualty categories of conflict and crime datasets: killed,
injured, arrested, missing, displaced) and from the reporting verbs of English reported
speech (say, tell, report, confirm, estimate). General English vocabulary, not drawn from
any evaluation set. Tables list inflected forms so the stage needs no lemmatizer.
"""

from __future__ import annotations


def _forms(table: dict[str, str]) -> dict[str, str]:
    return {form: kind for kind, forms in table.items() for form in forms.split()}


# Word form -> the kind of tally it reports: a verb ("killed"), an adjective or participle used
# as a predicate ("dead", "wounded") or a noun naming the tally ("deaths", "injuries").
PREDICATE_KINDS: dict[str, str] = _forms({
    "killed": """kill kills killed killing die dies died dying dead death deaths fatality
        fatalities slay slays slew slain slaying slayings killings murder murders murdered murdering execute
        executes executed executing perish perishes perished perishing deceased homicide
        homicides massacre massacred massacring drown drowned behead beheaded succumb succumbed
        succumbing lifeless gunned body bodies""",
    "injured": """injure injures injured injuring injury injuries wound wounds wounded wounding
        hurt hurts hurting hospitalize hospitalizes hospitalized hospitalise hospitalised
        hospitalizing treated graze grazed maim maimed hospital condition""",
    # Shot, dead or alive: the words around it decide ("shot dead", "shot, one fatally").
    "shot": "shoot shoots shot shooting shootings strike strikes struck striking",
    "casualties": "casualty casualties",
    "arrested": "arrest arrests arrested arresting",
    "detained": """detain detains detained detaining detention jailed imprisoned captured
        custody""",
    "abducted": """abduct abducts abducted abducting kidnap kidnaps kidnapped kidnapping
        hostage hostages""",
    "missing": "missing unaccounted",
    "displaced": "displace displaces displaced displacing flee flees fled fleeing refugees",
    "evacuated": "evacuate evacuates evacuated evacuating evacuation evacuations",
    "rescued": "rescue rescues rescued rescuing",
    "deployed": "deploy deploys deployed deploying deployment stationed",
    "charged": "charge charges charged charging indicted",
    "convicted": "convict convicts convicted sentenced",
    "released": "release releases released releasing freed",
})

# Tallies of harm done to people and of people held: the only ones a person named without a
# figure counts toward ("a man was shot", "a teenager was arrested"). "Stationed", "charged",
# "released" and the like say what happened to someone, not how many were hurt or held.
NAMED_TALLY_KINDS = frozenset({"killed", "injured", "shot", "casualties", "arrested", "detained",
                               "abducted", "missing"})

# "passed away": a verb of dying only with its particle.
PASSING_VERBS = frozenset({"pass", "passes", "passed", "passing"})

# Verbs of dying whose subject is the one who died (the subject of "killed" is the killer).
INTRANSITIVE_DEATHS = frozenset("""
die dies died dying perish perishes perished succumb succumbs succumbed drown drowns drowned
""".split())

# Verbs that make "life"/"lives" a death: "took the life of", "claimed 15 lives", "lost his life".
LIFE_TAKING_VERBS = frozenset("""
take takes took taken taking claim claims claimed claiming cost costs costing lose loses lost
losing
""".split())

# Verbs whose complement names the tally: "were found dead", "was pronounced dead".
COMPLEMENT_VERBS = frozenset("""
find finds found finding pronounce pronounces pronounced declare declares declared confirm
confirms confirmed report reports reported list lists listed leave leaves left leaving
""".split())

# Words that settle an ambiguous "shot"/"wounded": "fatally shot", "a fatal shooting".
FATAL_ADVERBS = frozenset({"fatally", "mortally", "lethally", "fatal", "deadly"})
INJURY_ADVERBS = frozenset({"critically", "seriously", "severely", "gravely", "badly",
                            "slightly", "lightly", "superficially", "non-fatally", "nonfatally",
                            "non-fatal", "nonfatal", "minor"})

# "sent three others to the hospital", "two are in critical condition": the injured.
HOSPITAL_WORDS = frozenset({"hospital", "hospitals", "hospitalization", "er", "icu"})
INJURY_CONDITIONS = frozenset({"critical", "serious", "stable", "fair", "grave", "guarded",
                               "life-threatening", "good"})

# Complements and particles that turn a verb into a death: "shot dead", "shot to death".
FATAL_COMPLEMENTS = frozenset({"dead", "death"})

# Linking verbs whose complement is the predicate: "three are dead", "two remain hospitalized".
LINKING_VERBS = frozenset("""
be is are was were been being 's 're remain remains remained remaining stay stays stayed lie
lies lay lying become becomes became left leave leaves leaving appear appears appeared seem
seems seemed
""".split())

# Nouns whose figure is a tally of what stands beside them: "the death toll rose to 15".
TALLY_NOUNS = frozenset({"toll", "tally", "count", "total", "number", "figure", "tolls"})

# Negations that turn "were injured" into a denial ("were not injured").
NEGATIONS = frozenset({"not", "n't", "never", "no"})

# Singular nouns for a person, so "a man was killed" counts one person killed. Kinship, age,
# occupation and role words common in crime and conflict reporting.
PERSON_NOUNS = frozenset("""
man woman boy girl child kid baby infant toddler teen teenager youth juvenile minor adult
person individual male female gentleman lady resident neighbor neighbour bystander passerby
pedestrian victim suspect gunman shooter assailant attacker intruder robber burglar
homeowner owner tenant landlord roommate guest customer client patron driver passenger
motorist cyclist student pupil classmate teacher coach worker employee clerk cashier
manager guard officer deputy trooper policeman policewoman agent soldier marine sailor
veteran civilian protester demonstrator journalist reporter doctor nurse father mother
dad mom son daughter brother sister husband wife boyfriend girlfriend fiance fiancee
partner uncle aunt nephew niece cousin grandfather grandmother grandson granddaughter
grandparent grandchild stepfather stepmother stepson stepdaughter parent sibling friend
relative acquaintance stranger inmate prisoner hostage pastor priest
""".split())

# Pronouns that stand for one person: "killing him", "shot himself", "took his own life".
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "himself", "herself", "his"})

# Plural nouns that count deaths themselves: "12 deaths", "three killings", "bodies".
DEATH_PLURALS = frozenset({"deaths", "killings", "murders", "slayings", "shootings", "bodies"})

# The noun of "took his life", "claimed 12 lives": a death, counted.
LIFE_NOUNS = frozenset({"life", "lives"})

# Plurals of person nouns that do not end in "s", and words that stand for persons counted
# ("others", "one"), by the person noun they count.
PERSON_PLURALS = {"men": "man", "women": "woman", "children": "child", "people": "person",
                  "persons": "person", "others": "person", "one": "person",
                  "policemen": "policeman", "policewomen": "policewoman"}
