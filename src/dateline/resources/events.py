"""Word lists the event stages use beside the PLOVER trigger lexicon (ontology.py): light and
support verbs, factuality cues, military and intent words, custody and charge words, container
nouns, and the verb classes of the learned factuality model's features.

Sources. Unless a list says otherwise, hand-collected by the dateline authors from news text
while reading event mentions of the PLOVER ontology. The factuality cues (denying, failing,
hypothetical and future verbs, modifiers of future time) follow the event-selecting predicates
described by R. Sauri and J. Pustejovsky, "FactBank: a corpus annotated with event factuality"
(Language Resources and Evaluation 43, 2009), written out by the dateline authors.
"""

from __future__ import annotations

# Verbs that locate a person or a statement, not a happening; irregular forms are listed
# because the lemmatizer is not run for this stage.
NON_EVENT_VERBS = frozenset("""
say said tell told report announce state add note write wrote written claim post tweet
explain comment speak spoke spoken quote live reside base headquarter bear born raise grow
grew grown know knew known call name locate own work study teach taught be is are was were
been being am have has had remain stay stand stood lie lay sit sat belong originate hail come
came
""".split())

# Nouns that name a happening, so a place beside them is where it happened ("a bombing in
# Kabul"); plural forms listed for the same reason as above.
EVENT_NOUNS = frozenset("""
attack attacks bombing bombings blast explosion explosions strike strikes airstrike airstrikes
raid raids shooting shootings killing killings massacre fire fires clash clashes fighting
battle battles war protest protests demonstration demonstrations rally rallies march riot
riots unrest election elections vote referendum summit meeting meetings talks conference
visit ceremony funeral crash accident collision earthquake quake flood floods flooding storm
hurricane typhoon outbreak epidemic arrest arrests trial hearing ambush offensive operation
operations siege assault incident violence kidnapping abduction execution coup ceasefire
truce negotiations ceremony festival parade match game concert launch landing deployment
""".split())

# Words that are disaster cues only as nouns: "storm" and "fire" are also verbs of attack
# ("stormed the building", "fired on protesters").
NOUN_ONLY_TRIGGERS = frozenset({"storm", "fire", "blaze", "rain", "crash", "flood", "plant"})

# A cue under these heads is part of another phrase: "came under fire", "opened fire".
SHIELDING_HEADS = frozenset({"under", "open", "set", "cease", "exchange", "return", "trade"})

# Evidence that harm was meant: weapons, armed actors, attack words.
INTENT_WORDS = frozenset({"attack", "attacker", "assailant", "gunman", "gunmen", "militant",
                          "terrorist", "suicide", "bomber", "arson", "arsonist", "deliberately",
                          "shoot", "shooting", "sabotage", "saboteur", "insurgent", "rebel",
                          "bomb", "explosive", "ied", "grenade"})

# Words that make armed forces of a target: attacking them is fighting, not violence
# against civilians.
ARMED_TARGETS = frozenset({"checkpoint", "convoy", "patrol", "base", "outpost", "post",
                           "barracks", "garrison", "position", "positions"})

# Military hardware that only armed forces move: "deployed warships", "stationed jets".
MILITARY_HARDWARE = frozenset({"warship", "ship", "vessel", "jet", "aircraft", "warplane", "plane",
                               "carrier", "tank", "destroyer", "frigate", "submarine", "battleship",
                               "bomber", "drone", "helicopter", "battery", "fleet", "squadron"})

# Words that make the move military whoever is named: "military deployment", "army units".
MILITARY_WORDS = frozenset({"military", "army", "naval", "navy", "armed", "security", "troop",
                            "defence", "defense", "militia", "paramilitary"})

# Verbs whose complement is what they deny.
DENYING_VERBS = frozenset({"deny", "refute", "dispute", "disavow", "rebut"})

# Verbs whose complement did not happen: "failed to reach a deal".
FAILING_VERBS = frozenset({"fail", "avoid", "prevent", "stop", "halt", "thwart", "foil", "refuse",
                           "decline"})

# Verbs that carry an event noun without adding meaning of their own: their negation and mood
# are the event's ("did not launch an attack", "talks will take place"). Other verbs keep
# theirs: in "he did not survive the assault" the assault happened. (Named apart from the
# narrower LIGHT_VERBS below, which once shadowed it under the same name.)
GRAMMAR_SHARING_VERBS = frozenset("""
be have launch carry conduct stage mount hold open begin start resume continue end stop occur
happen take make give provide sign reach impose order wage unleash announce plan see
""".split())

# Verbs and nouns that make their complement a possibility, not a fact.
HYPOTHETICAL_VERBS = frozenset("""
threaten warn consider propose seek try attempt want demand urge call ask push risk fear
possible potential could may might threat danger suggest offer hope wish aim
""".split())

# The verbs of HYPOTHETICAL_VERBS that say what someone wants, tries, offers or asks to do
# ("wants to bring", "called for a re-run"), as against possibility and danger ("at risk of",
# "warn that", "the potential of"): news annotation marks most of their complements future.
INTENTION_VERBS = frozenset("want wish seek try attempt propose offer demand urge call ask push"
                            .split())
# An infinitive hanging on an adjective is meant when the adjective is one of willingness
# ("willing to contribute", "ready to launch"); on a noun, unless the noun names an ability or
# a chance ("the chance to win", "the right to vote"), which is possibility, not intention.
INTENTION_ADJECTIVES = frozenset("willing ready eager keen determined prepared poised about"
                                 .split())
ABILITY_NOUNS = frozenset("ability capacity chance opportunity possibility power right freedom"
                          .split())

# Verbs that put their complement ahead in time: "plans to meet", "is due to start".
FUTURE_VERBS = frozenset("""
plan intend expect prepare schedule set due going agree promise pledge vow decide aim resolve
""".split())

# Modifiers that put an event noun ahead in time: "the upcoming talks", "a planned strike".
FUTURE_MODIFIERS = frozenset({"upcoming", "planned", "proposed", "forthcoming", "future",
                              "scheduled", "next", "expected", "impending", "prospective"})

# Verbs that, attached to an event noun, name who carries it out ("launched attacks",
# "held talks", "retaliated with strikes"): their subject is the event's actor.
SUPPORT_VERBS = frozenset("""
launch carry conduct stage mount hold open begin start resume unleash wage retaliate respond
intensify escalate provide offer give deliver extend sign reach strike seal conclude impose
announce order claim make organise organize lead focus
""".split())

# Verbs that aim the event ("strikes targeting Israel").
AIMING_VERBS = frozenset({"target", "hit", "aim", "strike"})

# Nouns for people in general, not a named party: "people were killed", "a civilian".
GENERIC_PEOPLE = frozenset({"people", "person", "individual", "civilian", "man", "woman", "child",
                            "resident", "villager", "casualty", "victim", "other"})

# Objects that are the event's instrument or content, never a party to it.
NON_PARTY_WORDS = frozenset({"fire", "control", "responsibility", "credit", "attack", "offensive",
                             "strike", "raid", "operation", "posture", "work", "role", "step",
                             "move", "action", "measure", "statement", "way"})

# RETREAT: what withdraws is the actor's own force; "from X" is whom it leaves. For these
# modes and words the object is instead what is handed back, to "to X".
RETREAT_HANDING = frozenset({"release", "return", "access"})
# Verbs of giving that make a RETREAT hand something over ("handed the town to the army").
RETREAT_GIVING_WORDS = frozenset({"hand", "transfer", "cede"})

# Verbs that put someone into the state an event noun names: "placed under house arrest",
# "taken into custody", "held in detention". Their object, or passive subject, undergoes the
# event and their active subject carries it out.
CONSIGNING_VERBS = frozenset({"place", "put", "keep", "hold", "take", "remand", "send", "commit",
                              "bring"})

# Verbs by which an authority brings about what is done to someone: "the court upheld his
# indictment", "the judge ordered her release". Their subject acts in the event; the subject
# of "protested his arrest" or "welcomed her release" does not.
RULING_VERBS = frozenset({"uphold", "order", "approve", "authorize", "authorise", "decree",
                          "enforce", "grant", "sanction", "impose", "carry"})

# Verbs whose subject is in the state an event noun names and does nothing to bring it about:
# "remains under house arrest", "died in custody", "faces extradition", "stood trial".
UNDERGOING_VERBS = frozenset({"be", "remain", "stay", "die", "face", "stand", "undergo", "go",
                              "await", "escape", "avoid", "survive"})

# Compound nouns that say where or in what form someone undergoes an act: "house arrest",
# "prison release", "border detention". They are not who undergoes it.
CUSTODY_WORDS = frozenset({"prison", "jail", "gaol", "cell", "custody", "pretrial", "pre-trial"})

# Nouns that count or contain what matters ("a cache of weapons", "a group of protesters"):
# conditions look through them to the "of" phrase.
CONTAINER_NOUNS = frozenset("""
cache stash haul quantity number lot batch consignment shipment cargo kind type group crowd
hundreds thousands dozens scores set series pair couple piece package parcel bag box suitcase
container truck vehicle car
""".split())

# Verbs through which a container shows its content ("packages containing explosives").
CONTAINING_VERBS = frozenset({"contain", "hold", "carry", "load"})

# Verbs an event word may hang on and still be the same event ("attacks launched on...",
# "strikes carried out by...").
CARRIER_VERBS = frozenset({"launch", "carry", "conduct", "stage", "mount", "use", "leave",
                           "cause", "claim", "take", "kill", "injure", "wound"})

# Verbs that only carry the event their object names: "carried out airstrikes", "claimed the
# attack", "launched an offensive" (the events stage keeps the noun as the trigger).
LIGHT_VERBS = frozenset({"launch", "carry", "conduct", "stage", "mount", "claim", "take",
                         "undertake", "perform"})

# Verbs whose object may name the event they carry, for the trigger model's features: the light
# verbs and verbs that begin, hold or order an event ("held talks", "ordered a strike").
CARRYING_VERBS = LIGHT_VERBS | frozenset({"hold", "make", "give", "commit", "have", "begin",
                                          "continue", "resume", "order", "plan"})

# Endings of nouns that name a quality, state or idea rather than a thing that can be hit, met
# or seized: "obligation", "environment", "responsibility", "freedom" (English derivational
# suffixes).
ABSTRACT_ENDINGS = frozenset({"tion", "sion", "ment", "ity", "ness", "ance", "ence", "ship",
                              "ism", "dom", "hood", "ure", "acy"})

# Verbs of combat that also tell of an effort toward an aim: "fought to overturn the ruling".
STRIVING_VERBS = frozenset({"fight", "battle", "struggle", "war"})

# Verb classes of the learned factuality model's features (learned/features.py): verbs of
# belief, whose complement the speaker does not vouch for; verbs of knowledge, the factive
# predicates of P. and C. Kiparsky, "Fact" (in Progress in Linguistics, Mouton, 1970), whose
# complement is presupposed true; verbs of desire, whose complement has not happened.
BELIEF_VERBS = frozenset("""
believe think suspect doubt assume guess suppose expect imagine hope fear feel seem appear
""".split())

KNOWLEDGE_VERBS = frozenset("know realize learn discover confirm show prove reveal find notice"
                            .split())

DESIRE_VERBS = frozenset("want wish need like love prefer hate try attempt seek".split())

# Words that make the event they govern probable or possible, not certain: FactBank's and
# MEANTIME's PROBABLE and POSSIBLE ("is expected to", "appears to be", "is likely to"), as
# verbs or adjectives above the predicate and as adverbs on it ("probably", "perhaps").
HEDGING_WORDS = frozenset("expect appear seem likely unlikely probable".split())
HEDGING_ADVERBS = frozenset("probably possibly perhaps maybe likely apparently".split())

# Words of future time anywhere in the sentence, a feature of the learned factuality model.
FUTURE_WORDS = frozenset("""
tomorrow next soon later upcoming coming future eventually shortly tonight forthcoming
""".split())

# Heads that make their "with", "of" or "for" phrase the name of a charge, by preposition:
# "charged with murder", "guilty of kidnapping", "arrested for robbery".
CHARGE_HEADS = {
    "with": frozenset({"charge", "indict", "book"}),
    "of": frozenset({"count", "charge", "accusation", "allegation", "suspicion", "guilty",
                     "convict", "acquit", "accuse", "conviction", "indictment", "acquittal",
                     "innocent", "culpable"}),
    "for": frozenset({"arrest", "indict", "convict", "try", "sentence", "jail", "imprison",
                      "prosecute", "charge", "want", "extradite", "detain", "trial", "warrant",
                      "prosecution", "conviction", "investigate"}),
}
