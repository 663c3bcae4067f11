"""Closed-class English words the stages test tokens against: pronouns, determiners,
prepositions, conjunctions, modals, negators.

Source. The classes follow the descriptive grammar of R. Quirk, S. Greenbaum, G. Leech and
J. Svartvik, *A Comprehensive Grammar of the English Language* (Longman, 1985), chapters 5-9;
each list holds the members a stage needs, written out by the dateline authors.
"""

from __future__ import annotations

# Pronouns that open a relative clause, with free relative "what" and possessive "whose".
RELATIVE_PRONOUNS = frozenset({"who", "whom", "whose", "which", "that", "what"})

# Words that never make a participant.
NOT_PARTICIPANTS = RELATIVE_PRONOUNS | {"it", "itself", "there", "this", "these", "those",
                                        "one", "some", "all", "each", "both"}

PERSONAL_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "him", "her", "them", "us",
                               "me"})

FIRST_PERSON_PRONOUNS = frozenset({"i", "we", "me", "us"})


SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "we", "i"})

# Determiners that point back to something named before: "the attack", "this strike",
# "its spokesman". A description opened by one of them refers; "a spokesman" does not.
ANAPHORIC_DETERMINERS = frozenset({"the", "this", "that", "these", "those", "its"})

REFERRING_DETERMINERS = frozenset({"the", "its", "their", "this", "that", "our"})

PLEONASTIC_IT_HEADS = frozenset({"be", "seem", "appear", "take", "rain", "happen"})

ACRONYM_SKIPPED_WORDS = frozenset({"of", "the", "and", "for", "de", "la", "du", "des", "on", "in", "&",
                                   "a", "an", "to"})

TITLE_CASE_SMALL_WORDS = frozenset({"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for",
                                    "with", "by", "from", "as"})

# Coordinators that set their conjuncts against each other: in "did not attack but burned the
# crops" the second verb keeps none of the first one's negation.
CONTRASTIVE_CONJUNCTIONS = frozenset({"but", "yet", "while", "whereas", "instead"})


# Prepositions that set an event noun beside the clause rather than inside it: "following
# the relocation", "despite the talks". The clause verb says nothing about such an event.
CLAUSE_ADJUNCT_PREPOSITIONS = frozenset("""
despite following after before since amid during regarding concerning about over until
because given like unlike besides including excluding per than ahead prior
""".split())

# Prepositions whose object only dates or places the act: "met after the match" is a meeting.
DATING_PREPOSITIONS = frozenset({"after", "before", "during", "since", "until", "ahead", "following",
                                 "at", "near", "outside"})

CHANNEL_PREPOSITIONS = frozenset({"in", "on", "during", "at", "via", "through", "to", "with"})

# Prepositions whose object is still what the verb counts: "killed by", "among", "including".
ARGUMENT_PREPOSITIONS = frozenset({"by", "among", "including", "to", "with"})

# Prepositions that put someone into a state: "under arrest", "into custody", "in detention",
# "on trial". Others only relate the noun to the clause ("rallies held against the execution").
STATE_PREPOSITIONS = frozenset({"under", "into", "in", "on"})
