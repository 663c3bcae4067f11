"""Closed-class English words the stages test tokens against: pronouns, determiners,
prepositions, conjunctions. (Modals and auxiliaries are in timex.py, negations in
predicates.py.)

Source. The classes follow the descriptive grammar of R. Quirk, S. Greenbaum, G. Leech and
J. Svartvik, *A Comprehensive Grammar of the English Language* (Longman, 1985); each list holds
the members of a class a stage needs, written out by the dateline authors, and says what for.
"""

from __future__ import annotations

# Pronouns that open a relative clause, with free relative "what" and possessive "whose".
RELATIVE_PRONOUNS = frozenset({"who", "whom", "whose", "which", "that", "what"})

# Words that never make a participant of an event.
NOT_PARTICIPANTS = RELATIVE_PRONOUNS | {"it", "itself", "there", "this", "these", "those",
                                        "one", "some", "all", "each", "both"}

# Personal pronouns, subject and object forms: a participant they name is resolved elsewhere.
PERSONAL_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "him", "her", "them", "us",
                               "me"})

# Third-person pronouns of a person, by the gender they give their antecedent.
PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "himself": "m",
                  "she": "f", "her": "f", "hers": "f", "herself": "f"}

# The speaker's own side: "we" in a quote is whoever said it.
FIRST_PERSON_PRONOUNS = frozenset({"i", "we", "me", "us"})

# Subject pronouns of a person or a group that can say something: "he said", "they told".
SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "we", "i"})

# Determiners that point back to something named before: "the attack", "this strike",
# "its spokesman". A description opened by one of them refers; "a spokesman" does not.
ANAPHORIC_DETERMINERS = frozenset({"the", "this", "that", "these", "those", "its"})

# Determiners that make a noun phrase point at an entity already named: "the company", "its
# chief", "our government".
REFERRING_DETERMINERS = frozenset({"the", "its", "their", "this", "that", "our"})

# Verbs whose "it" subject is often empty ("it seems", "it is raining", "it takes time"): such
# an "it" refers to nothing.
PLEONASTIC_IT_HEADS = frozenset({"be", "seem", "appear", "take", "rain", "happen"})

# Function words an acronym leaves out ("Bank of England" is BoE), English and the Romance
# particles of organisation names ("Banco de la Nación").
ACRONYM_SKIPPED_WORDS = frozenset({"of", "the", "and", "for", "de", "la", "du", "des", "on", "in", "&",
                                   "a", "an", "to"})

# Articles, short prepositions and conjunctions that headline style leaves lower-case inside
# a title ("Lord of the Rings"), so a quoted title may contain them.
TITLE_CASE_SMALL_WORDS = frozenset({"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for",
                                    "with", "by", "from", "as"})

# Coordinators that set their conjuncts against each other: in "did not attack but burned the
# crops" the second verb keeps none of the first one's negation.
CONTRASTIVE_CONJUNCTIONS = frozenset({"but", "yet", "while", "whereas", "instead"})

# Subordinating conjunctions (English grammar's closed class) whose clause the factuality model
# reads: some open a clause whose event is not asserted ("if", "unless", "whether", "until",
# "before"), others a clause whose event is timed or given as a reason ("when", "because").
SUBORDINATORS = frozenset({"if", "unless", "whether", "until", "before", "once", "when", "after",
                           "because", "so", "that", "while", "as", "since", "though",
                           "although"})

# Prepositions that set an event noun beside the clause rather than inside it: "following
# the relocation", "despite the talks". The clause verb says nothing about such an event.
CLAUSE_ADJUNCT_PREPOSITIONS = frozenset("""
despite following after before since amid during regarding concerning about over until
because given like unlike besides including excluding per than ahead prior
""".split())

# Prepositions whose object only dates or places the act: "met after the match" is a meeting.
# Not CLAUSE_ADJUNCT_PREPOSITIONS: this one picks which phrases of a trigger are left out of
# its arguments when its sense is decided (sport or politics), so it holds the place
# prepositions too; the other decides whether a clause governs an event noun, and "at",
# "near", "outside" in it would keep an event noun after them ("near the rally") from taking
# the clause's negation and mood.
DATING_PREPOSITIONS = frozenset({"after", "before", "during", "since", "until", "ahead", "following",
                                 "at", "near", "outside"})

# Prepositions that attach the medium or occasion of a statement: "said in an interview",
# "told reporters on Monday", "said via a spokesman".
CHANNEL_PREPOSITIONS = frozenset({"in", "on", "during", "at", "via", "through", "to", "with"})

# Prepositions whose object is still what the verb counts: "killed by", "among", "including".
ARGUMENT_PREPOSITIONS = frozenset({"by", "among", "including", "to", "with"})

# Prepositions that put someone into a state: "under arrest", "into custody", "in detention",
# "on trial". Others only relate the noun to the clause ("rallies held against the execution").
STATE_PREPOSITIONS = frozenset({"under", "into", "in", "on"})

# The pronouns of a thing or an organisation: "it said", "its spokesman".
IMPERSONAL_PRONOUNS = frozenset({"it", "its"})

# Prepositions that attach who a statement comes from: "a statement from the ministry".
SOURCE_PREPOSITIONS = frozenset({"from", "by", "of"})

# Prepositions after which a gerund's doer is the verb's object, not its subject: "quoted the
# minister as saying", "criticized Smith for saying", "barred migrants from claiming", "accused
# him of lying", "warned them against saying", "pressed her into saying".
OBJECT_CONTROL_PREPOSITIONS = frozenset({"as", "for", "from", "into", "of", "against"})

# The subject pronouns that name one person of known gender, as a speaker: "he said".
GENDERED_SUBJECT_PRONOUNS = frozenset({"he", "she"})

# Singular nouns for a body of people that news copy goes on calling "they": "The rescue team
# said ... They added". (Plural nouns and organisations need no list.)
BODIES_OF_PEOPLE = frozenset({"group", "team", "police", "government", "committee", "council",
                              "panel", "family", "crew", "staff", "board", "jury", "army",
                              "coalition", "campaign", "administration", "union", "party"})
