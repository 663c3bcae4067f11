"""Write the figures ``make train`` reached into their own section of docs/quality.md.

The section sits between two markers; ``make eval`` rewrites the rest of the file and keeps it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

SECONDS = "_seconds"  # the training times, kept in the section's JSON
START = "<!-- make train: start -->"
END = "<!-- make train: end -->"

# (metric, floor) per held-out set, as issue 13 asks.
FLOORS = {"It Happened v2 (held-out part)": (("accuracy", 0.83),),
          "MEANTIME (held-out part)": (("macro_f1", 0.60),),
          "casualties": (("killed_exact_stated", 0.85), ("injured_exact_stated", 0.80)),
          "attribution": (("content_f1_overlap", 0.85), ("speaker_accuracy", 0.90),
                          ("end_to_end_f1", 0.78)),
          "ner": (("f1_no_misc", 0.85), ("PER_f1", 0.80), ("LOC_f1", 0.80), ("ORG_f1", 0.80))}
# The quote figures shown for the attribution tagger (learned against rules, PolNeAR dev).
ATTRIBUTION_SHOWN = ("content_f1_overlap", "speaker_accuracy", "end_to_end_f1",
                     "direct_f1_overlap", "indirect_f1_overlap")


NOTES = (
    "- **factuality**: two logistic regressions over parse features (learned/features.py): "
    "did it happen (It Happened and MEANTIME training parts, features also conjoined with "
    "their domain), and how an unreal event is unreal (MEANTIME). The features follow the "
    "predicate's own path up the parse: negations, modals and subordinators ('if', 'unless', "
    "'before') on any word above it, the class of the verbs above (saying, believing, "
    "wanting, planning, denying, failing), the relation to its nearest governing verb and "
    "that verb's tense (a bare verb after 'did' is past), an infinitive 'to', a nominal "
    "predicate's determiner, its neighbouring words and the shape of its sentence. Both "
    "models weight classes by their rarity and choose their regularisation by 5-fold "
    "cross-validation over whole documents. Each is trained twice with the same settings: on "
    "the training parts (factuality-*.split.json), which the figures here and `dateline eval "
    "factuality` score on the held-out parts, then on every development predicate (1,802 -> "
    "3,523 predicates for did it happen, 100 -> 217 unreal news events for how), which the "
    "pipeline loads (measured nowhere here: it has read every gold predicate; more data for the "
    "held-out documents measured outside). Every other choice was made by the same "
    "cross-validation on the training part only (figures: It Happened accuracy / "
    "MEANTIME macro F1 there). A negation stands everywhere; in web text the model overrules "
    "the rules' hypothetical reading when it gives at least 0.7 to happened. In news what the"
    " rules read in the grammar stands (negations, denials, modals, conditions, words of "
    "possibility, old dates), and an event a word of probability governs ('is expected to', "
    "'appears to be', 'probably') is hypothetical, as FactBank and MEANTIME mark it probable "
    "(HEDGING_WORDS: MEANTIME 0.611 -> 0.625; the events stage leaves them out, as with them "
    "event-types macro F1 fell from 0.634 to 0.632). On 2026-12-06 the out-of-fold errors on "
    "MEANTIME's training part (424 events: 324 asserted, 69 future, 27 hypothetical, 4 "
    "negated) showed the rules' hypothetical wrong where it rests only on an intention: of "
    "the 26 events under a verb of wanting, offering or calling for ('wants to bring', "
    "'called for a re-run'; INTENTION_VERBS) or an infinitive of purpose ('an agreement to "
    "protect', 'willing to contribute'; not 'able to'), the gold calls 14 future, 10 asserted"
    " and 2 hypothetical. In news such an infinitive is now future and any other such event "
    "goes to the model (0.811 / 0.625 -> 0.811 / 0.672), and a future the rules read in the "
    "grammar ('would meet', 'plans to sell') stays future where the model says it did not "
    "happen instead of taking the kind model's guess (-> 0.811 / 0.694); on four other "
    "assignments of documents to folds the two together gained +0.056 to +0.067 macro F1, and"
    " It Happened cannot move. The rules also keep a negation on its own event now ('no one "
    "was injured' is negated; 'the strike did not stop the talks', 'failed to prevent the "
    "attack' and 'refused to comment on the arrests' no longer negate the strike, the attack "
    "or the arrests): no training predicate changes, so the cross-validation cannot see it. "
    "On the held-out parts, read after these choices: MEANTIME macro F1 0.564 -> 0.578 "
    "(asserted 0.916 -> 0.918, negated 0.541 -> 0.556, hypothetical 0.200 -> 0.214, future "
    "0.599 -> 0.623; accuracy 0.832 -> 0.843; the rules alone 0.525 -> 0.529; 0.583, "
    "hypothetical 0.240, before a last change made on grammar alone and kept, which changes "
    "no training predicate: an intention that is itself negated, modal or conditional, 'may "
    "want to build', is none) and It Happened accuracy 0.798 -> 0.796 (the rules alone 0.694 "
    "-> 0.693: the negation rules, the only change web text sees, moved two of 1,174 "
    "predicates); CASE 2021 dev event-types macro F1 0.634 -> 0.635 (micro F1 0.657 "
    "unchanged); the weight files did not change. Tried by the same cross-validation and not "
    "kept: more features (the verb group's tense, aspect and mood, the subject's genericity, "
    "habitual adverbs, questions, imperatives, purpose infinitives: 0.811 -> 0.811 / 0.611 ->"
    " 0.596); unweighted classes (0.814 / 0.574); overruling negations in web text too "
    "(+0.004 on It Happened, but it read 'The army did not attack the village' as done); the "
    "parse's token vectors (`doc.tensor`) beside the sparse features (0.794 to 0.816 / 0.572 "
    "to 0.633, against 0.811 / 0.637 without); gradient-boosted trees over the sparse "
    "features, alone (0.808 / 0.597) or averaged with the regression (0.810 to 0.816 / 0.598 "
    "to 0.621, against 0.811 / 0.625): half a point on It Happened at best, inside the spread"
    " of the cross-validation itself (0.810 to 0.822 over five assignments), for up to 3 "
    "points of MEANTIME; the kind model also trained on the web predicates that did not "
    "happen, labelled by the rules (MEANTIME 0.625 -> 0.645, but 0.564 -> 0.541 on the "
    "held-out part: a cross-validation over 31 negated or hypothetical news events cannot "
    "tell one or two points from noise). The floors are not met: web text (questions, "
    "instructions, habitual and generic predicates) is far from news, the held-out web part "
    "has fewer events that happened (61 %) than the training part (64 %), and MEANTIME's "
    "training part holds 4 negated and 27 hypothetical events.",
    "- **casualties**: gradient-boosted trees (scikit-learn's HistGradientBoostingClassifier, "
    "200 rounds, learning rate 0.1, features seen in at least 10 rows, seed 13; read by "
    "learned/trees.py) score each candidate figure of an article (learned/casualties.py) and "
    "the likeliest wins (a logistic regression did until 2026-12-06). The model scored "
    "here (`casualties.split.json`) is trained on the GVA articles of half the incidents "
    "(only figures whose gold value is among the candidates) and scored on the others; "
    "since 2026-12-06 the one shipped (`casualties.json`, which the pipeline loads) is "
    "trained after it in the same run, with the same settings and seed, on every "
    "development incident (50,410 rows against 24,601), so that users and the incidents measured "
    "outside the project get the model that read the most. Every figure below, and "
    "`learned_*` in `dateline eval casualties`, is the split model's, on incidents it never "
    "read; the shipped model is not scored on the development half, which it has read. "
    "The candidates are the claims' figure groups, their sums (victims counted one by one "
    "across sentences) and every count the text or title writes: digits, number words, "
    "'double'/'triple', 'no one'/'nobody', 'a' or 'the' before a word for one person, a "
    "headline's bare 'Man killed, boy hurt', 'a third man' (learned/casualty_mentions.py), "
    "each described by the words of killing, injury and shooting near it, the words beside "
    "it ('people', '-year-old', 'block'), where it stands, and against the article's other "
    "values: whether it is the largest and the first of the values written within three words "
    "of the same word of harm ('five people were shot ... one died'), how many such values "
    "there are, and how many sources give it (figure group, text, title, sum). `reachable` "
    "(the gold among the candidates) is 1.000 on the stated articles, so the choice is the "
    "limit. Every choice was made by 5-fold cross-validation over whole incidents of the "
    "training part only, never on the held-out incidents (stated exact, killed / injured): "
    "the earlier features 0.830 / 0.714, with the comparisons to the other values 0.843 / "
    "0.715, with the headline's bare person and the first value 0.839 / 0.722; tried and "
    "left out there: each context feature conjoined with the value (0.825 / 0.704) and a "
    "pairwise ranker, a logistic regression on the differences between the gold candidate "
    "and each other one (0.798 / 0.676). The regularisation is picked the same way, by the "
    "stated figures right (C 0.3). The floors are not met: many stated articles write the "
    "gold figure only as an unrelated word (sign-up pages, round-ups, later tallies: 'one' "
    "is in nearly every text), and injured is the final tally of people hurt that early "
    "reports count lower. `learned_casualties` is on: it beats the rule on every held-out figure, the "
    "incidents measured outside the project are never trained on, and it can be turned off "
    "(`DATELINE_LEARNED_CASUALTIES=0`); on the development half `dateline eval casualties`' "
    "headline is then the shipped model's over incidents it read, so there compare "
    "`learned_*` with `heldout_rules_*` (the held-out incidents), as here. Tried on 2026-12-06 and not "
    "kept, by 5-fold cross-validation over whole incidents of the training part (regular"
    "isation 0.3, stated figures right, killed / injured; the shipped features 0.839 / "
    "0.727): victims named across sentences (distinct PERSON entities some mention of which "
    "is followed by words of a death, 'Jamal Price, 24, died', 'was shot and killed', or "
    "else of an injury, counted as a candidate value and compared with each value: equal, "
    "below, above) 0.839 / 0.722; the title's figure agreeing with the text's (the "
    "headline's value told again in the text, or another value where the headline gives "
    "one) 0.839 / 0.727, no change, since the title and text features already say it; both "
    "0.841 / 0.722. The named count equals the gold figure on 133 of the 560 stated killed "
    "figures of the training part and 25 of the 618 injured ones: most articles name one "
    "victim whatever the toll. Kept: the trees over the same features, which learn the "
    "conjunctions the linear model cannot (cross-validated 0.839 / 0.727 -> 0.855 / 0.738; "
    "train/casualties.py keeps the figures). On the held-out incidents (`python -m "
    "dateline.train --only casualties --eval ../shared/eval`, 2026-12-06, one run, rule "
    "beside it): killed_exact_stated 0.762 "
    "(rule) -> 0.804 (logistic) -> 0.810 (trees), injured_exact_stated 0.660 -> 0.663 -> "
    "0.695, killed_exact 0.778 -> 0.829 -> 0.827, injured_exact 0.686 -> 0.700 -> 0.725; "
    "retrained on the pipeline as it stood at 13:11 UTC that day, with the split and "
    "shipped models of one run (`python -m dateline.train --only casualties --eval "
    "../shared/eval`, the split model scored): 0.811, 0.696, 0.827, 0.725 (the table "
    "above; 0.810, 0.688, 0.829, 0.723 the run before, on the pipeline of that morning). "
    "The floors are still not met. The model files are 105 kB (split) and 139 kB (shipped); "
    "choosing killed and injured "
    "costs 3.2 ms per article (the rule alone 0.03 ms; 400 held-out articles, their claims "
    "cached, a shared machine; bench/learned.py measures it in the pipeline). A second round "
    "on 2026-12-06 (`python -m dateline.train.casualties_cv --eval ../shared/eval --seeds 0 1 "
    "2 3`: 5 folds dealt by a digest of seed and incident, the stated figures right, killed / "
    "injured, each seed's figure and then the mean) measured the noise first: the shipped "
    "model scores 0.850 / 0.730, 0.839 / 0.733, 0.845 / 0.736, 0.852 / 0.728 on four seeds, "
    "a mean of 0.846 / 0.732 (spread 0.005 / 0.003 between seeds; the 0.855 / 0.738 above was "
    "one dealing of the folds). Why cross-validation sits above the held-out incidents: the "
    "two halves differ in what they hold, not in how they are split. They share years "
    "(2013-2017, every article titled), 1.7 articles an incident and most sites (71 % of the "
    "held-out articles come from a site the training half also has), but the "
    "held-out half has more large tolls: 72 of its 546 stated killed figures are 4 or more "
    "(13 %) against 44 of 560 (8 %) in the training half, and 10.5 % of its articles belong "
    "to incidents told by 5 or more articles (7.2 %); its texts are longer (median 1,233 "
    "characters against 1,161). Large tolls are the hard ones (running totals, several "
    "figures, round-ups), and one incident's articles go together, so the held-out figure "
    "also carries about 2 points of noise of its own (546 stated figures clustered in "
    "incidents). Grouping folds by site or date would not mimic this, since the halves "
    "share most of both; repeated seeds are what cross-validation gained. Tried and not kept "
    "(seed 0, with the features tried next, which score there as the shipped ones, 0.850 / "
    "0.730): the trees' settings, all 200 rounds with scikit-"
    "learn's early stopping turned off (it stops at about 116 rounds when a tenth of the "
    "rows held aside stops improving) 0.846 / 0.723, smaller trees (15 leaves, 40 rows a "
    "leaf, l2 1.0) 0.848 / 0.725, larger ones (63 leaves, 10 rows a leaf; seeds 0 and 1) "
    "0.844 / 0.731 against 0.848 / 0.734, all below the shipped settings; new "
    "features for the injured tally, words before a count that make it a tally ('a total "
    "of', 'at least', 'more than', 'all'), a part of one ('including', 'among', 'two of them "
    "critically') or people added to one ('another', 'three others', 'more'), the last value "
    "written beside each word of harm, the largest value beside any of them, and a value "
    "equal to a number of people shot less a number killed as the text writes them: mean of "
    "four seeds 0.850 / 0.734 against 0.846 / 0.732, the mean of both 0.792 against 0.789, "
    "a paired gain of 0.000, 0.006, 0.000 and 0.005 by seed (0.003, under two standard "
    "errors), which is not beyond the noise, so the features and the weight file stayed as "
    "they were and the held-out figures above stand. "
    "A two-stage choice was tried on 2026-12-06 (`python -m "
    "dateline.train.casualties_stack --eval ../shared/eval --seeds 0 1 2 3`, "
    "train/casualties_stack.py): stage 1 the shipped trees' likelihood of each candidate, "
    "stage 2 each candidate beside the article's others (its likelihood and log-odds, its "
    "rank, its margin to the best and to the next, its share of the article's total, how "
    "many candidates, killed or injured, its value and eleven plain features: the rule's "
    "choice, a figure group's largest, how many sources, the sum, the first value beside "
    "each word of harm), as a logistic regression or as small trees (100 rounds, 8 "
    "leaves, 40 rows a leaf). Stage 2 learns only from likelihoods out of fold (inside "
    "each outer fold, trees fitted without that fold and one more score the one more), "
    "and both choosers are scored on the same left-out articles with the same trees. The "
    "articles were parsed again with the day's code, so the trees alone score lower than "
    "the figures above (seed 0: 0.845 / 0.718 against 0.850 / 0.730). In the same run "
    "(each seed took 4 to 13 minutes on two cores shared with other jobs, fifteen fits of "
    "the trees), seeds 0 to 3: trees alone 0.845 / 0.718, 0.836 / 0.738, 0.846 / 0.735, "
    "0.841 / 0.735 (mean 0.842 / 0.731, the mean of both 0.787), logistic 0.841 / 0.727, "
    "0.838 / 0.740, 0.845 / 0.733, 0.841 / 0.733 (mean 0.841 / 0.733, 0.787), small trees "
    "0.839 / 0.723, 0.841 / 0.740, 0.845 / 0.731, 0.839 / 0.733 (mean 0.841 / 0.732, "
    "0.786); the mean of both, paired by seed, gains +0.002, +0.002, -0.002, -0.001 with "
    "the logistic regression (+0.0004 on average) and 0.000, +0.003, -0.002, -0.002 with "
    "the small trees (-0.0002). No gain beyond the noise (the spread between seeds is "
    "0.004 / 0.008 here): stage 2 trades killed against injured more than it chooses "
    "better, and the trees already read each candidate against the article's other values "
    "(largest, first, how many). The shipped chooser and its weight file did not change, "
    "so the held-out report was not run again. A third round on 2026-12-06 classified the "
    "injured errors of the training part only (out-of-fold choices of `casualties_cv`'s "
    "seed 0 on that day's parses: 618 stated injured figures, 164 wrong, 0.735): 60 chose 0 "
    "while the text states the figure (31 of them where no claim counts injured or shot "
    "people at all: the claims stage missed 'left 1 dead, 9 injured' in a list of links and "
    "wounds told as an object, 'four others suffered gunshot wounds'; 'three others were "
    "transported to the hospital' it reads); 61 chose a smaller value, a part of "
    "the tally or an early count ('one person was shot in the neck' of seven wounded; 44 of "
    "them write 'other(s)', 26 hold several figures); 32 a larger one (17 with several "
    "figures: round-ups of several shootings whose total spans incidents GVA counts apart); "
    "10 the injured with the killed not subtracted ('five were wounded, one died later'); "
    "1 a figure where there was none. Tried and not kept: a value written next to the "
    "figure's own word ('9 injured', 'killing two', text or title), marked by whether the "
    "claims' figure groups give this value, another or none (the missed claims above); "
    "seeds 0 and 1, against the shipped features in the same run (`casualties_cv`'s folds, "
    "stated figures right): killed 0.845 -> 0.854 and 0.841 -> 0.845, injured 0.735 -> "
    "0.730 and 0.736 -> 0.735 (the mean of both +0.002, +0.001, within the noise). It "
    "helps killed and costs injured, the figure it was for, on both seeds, so the run was "
    "stopped there (14 minutes a seed on the loaded machine) and the weight files stayed "
    "those of the run whose held-out figures are in the table. A fourth round on "
    "2026-12-06 made the claims stage read such injuries: a figure the parser hangs on its "
    "complement ('left two dead and three wounded'), an injury as the object of 'suffer', "
    "'sustain', 'receive' ('four others suffered gunshot wounds', 'a man sustained a "
    "wound'; not where a verb joined to it says the victim died, nor a zero for 'none "
    "suffered life-threatening injuries'), a word of harm before the counted noun ('two "
    "injured men') and a passive after another verb ('had to be treated'). Replayed over one "
    "parse of the training part (1,461 articles, the claims stage before and after): the "
    "stated injured figures above 0 that an injured or shot claim gives 488 -> 498 of 611, "
    "the rule's injured_exact_stated 0.686 -> 0.701 and killed_exact_stated 0.800 -> 0.811. "
    "Retrained and read once on the held-out incidents (`python -m dateline.train --only "
    "casualties --eval ../shared/eval`; the unchanged pipeline retrained in the same hour "
    "gave the table's figures again to four places): the rule's killed_exact_stated 0.762 "
    "-> 0.764, injured_exact_stated 0.660 -> 0.663, killed_exact 0.778 -> 0.778, "
    "injured_exact 0.686 -> 0.681; learned 0.811 -> 0.808, 0.696 -> 0.688, 0.827 -> 0.827, "
    "0.725 -> 0.719. The learned figures and the rule's injured_exact fell (within the "
    "noise, but the rule for keeping is that none falls), so the claims stage and the "
    "weight files stayed as they were and the table stands.",
    "- **triggers**: two logistic regressions over each PLOVER lexicon candidate, used only "
    "with `learned_triggers`. The filter (learned/triggers.py) says whether the word is an "
    "event mention where it stands; trained on the candidates of the training halves of ECB+ "
    "(by topic), MEANTIME and TimeBank (by document), whose annotators marked every event, "
    "and scored on the other halves; `rules` is the lexicon alone. The lexicon's words are "
    "events in those corpora 8 to 10 times in 10, so the filter has few negatives to learn "
    "from (164 of 947 candidates) and gains little; its errors (figurative senses, types) are "
    "not what these golds mark. The kind model (learned/trigger_kinds.py, since 2026-12-06) "
    "says which kind of event the word names: a PLOVER type, mode and at most one context (60 "
    "kinds), from the filter's features, the content words of its sentence, the other "
    "candidates beside it and its subject's sector (state, non-state). It trains on the first "
    "half of CASE 2021 dev (248 snippets, the half the rules were written reading) with weak "
    "labels: a candidate whose own kind maps to the snippet's gold subtype through "
    "resources/plover_case2021.tsv keeps it (270 rows); where none does, the candidate the "
    "rules take for the main event gets the kind that maps it there (63 rows); the event "
    "candidates of the news training halves add their own kinds (those golds type nothing, "
    "so they say only that the lexicon's kind usually stands; 1,102 rows in all). It replaces "
    "the lexicon's kind only at a probability of 0.7 or more: on cross-validated predictions "
    "over the CASE training rows (5 folds in order; regularisation 1, 3, 10) its retypings "
    "below 0.7 were right about as often as wrong (2 of 5 to 5 of 9, at most 13 of the 333 "
    "rows retyped) and none reached 0.7; 63 relabelled rows over some 30 kinds are too few "
    "to learn from. Event types, rules alone against the filter and kinds in one run (`python -m "
    "dateline.train --only triggers`, 2026-12-06): on the second half of CASE 2021 dev, "
    "never read to write rules or to train, macro F1 0.567 -> 0.575 and micro F1 0.605 -> "
    "0.609 (one snippet of 248); on the first half, trained on, 0.694 -> 0.852 (memorised, "
    "no measure). `learned_triggers` stays off: not clearly better on the unread data (one "
    "CASE snippet; ECB+ precision 0.986 -> 0.993 with recall 0.084 -> 0.082; TimeBank "
    "precision 0.822 -> 0.839; MEANTIME equal), and turned on, in one run each on "
    "2026-12-06 (`dateline eval` with DATELINE_LEARNED_TRIGGERS false, then true), MEANTIME "
    "argument F1 fell from 0.060 to 0.058 (event_trigger_f1 0.113 either way, precision "
    "0.638 -> 0.647), GVA incidents (300 articles) loc_acc_25km 0.786 -> 0.782 and "
    "date_exact 0.697 -> 0.703, ECB+ stories (`--limit 120`) bcubed_f1 0.944 either way, "
    "event-types on the whole dev 0.634 -> 0.728 (the trained-on half). On, the kind model "
    "costs 1.6 ms per article and the filter 0.4 ms (bench/learned.py's trigger step, 93 demo "
    "articles), both from the parse already there; a second `--only triggers` run into "
    "another folder wrote both weight files byte for byte the same. What the issue asks, telling figurative "
    "senses and wrong types from events, needs typed trigger golds in news, which "
    "`../shared/eval` lacks: CASE types one event per snippet, ECB+ and MEANTIME type none. "
    "Before the kind model, the filter alone turned on (and before the lexicon changes "
    "below) moved event-types macro F1 from 0.628 to 0.627 and MEANTIME argument F1 from "
    "0.071 to 0.069. The lexicon itself now codes phone calls, news conferences, "
    "storming and captures, drops figurative attacks, meetings, marches and fights and "
    "campaign rallies, and keeps the noun a light verb carries as the trigger; on the dev "
    "sets event-types macro F1 went from 0.628 to 0.631 and MEANTIME event_trigger_f1 from "
    "0.115 to 0.117, stories and incidents (GVA, 300 articles) unchanged.",
    "- **attribution**: a spaCy `ner` component marks SOURCE, CUE and CONTENT spans over the "
    "small English pipeline's tok2vec, sourced and fine-tuned (train/configs/attribution.cfg, "
    "3,000 steps, seed 0; the span F1 above is exact match on the training articles of "
    "August 2016 on, kept aside to pick the best checkpoint). The quotes stage adds its "
    "attributions where no rule found a quote, with the rules' speaker linking and kinds, and "
    "leaves out cues of thinking or finding, unnamed 'they' or 'it' sources and bare numbers; "
    "a rule quote with no speaker (a quotation with no cue beside it) takes the source the "
    "tagger reads over its words. It tags the sentences no rule quote touches and those of "
    "rule quotes with no speaker (49% of the tokens of the kept-aside articles; 46% before "
    "the speakers were added), about half its cost when reading every sentence "
    "(docs/performance.md). `learned_attribution` is on. Error analysis (2026-12-06) on the "
    "97 training articles kept aside, 1,865 gold quotes, rules with the tagger as shipped "
    "before: 1,289 matched, 147 wrong (111 the rules', 36 the tagger's); of the 576 missed, "
    "429 are read by neither (425 indirect: stances such as 'endorsed', 'is calling for', "
    "'was critical of'), 106 by the tagger reading every sentence (55 of them in sentences "
    "a rule quote touches; of what the stage's filters drop, 160 of the 176 thoughts and 4 "
    "of the 12 unnamed 'they' are no gold quote), 41 lie in a quote matched to another; "
    "speakers wrong: rules 134 of 1,132, tagger 22 of 130. Of the rules' speakerless matched "
    "quotes with a gold source the tagger's source was right 15 times and wrong 3; where "
    "the rules have a speaker, swapping in the tagger's would gain 20 and lose 32. Kept "
    "aside, the speakers moved speaker_accuracy 0.876 -> 0.884 and end_to_end_f1 0.674 -> "
    "0.678 (content F1 0.781 -> 0.780). Tried there and not kept: reading every sentence "
    "(content F1 0.793) or those with at least 12 words no rule quote covers (0.791, 70% of "
    "the tokens): the throughput floor has no room for it (reading every sentence gave 0.50 "
    "of bare spaCy); a cue check on the share of a cue word's uses in PolNeAR train that are "
    "cues ('required' 6 of 36; at 0.1 and 0.2, words seen under 3 times let through: content F1 "
    "0.792 and 0.789, at 0.3 with them held back 0.754, against 0.793: the tagger's right "
    "attributions have cues as rare as its wrong ones); the pinned "
    "tok2vec frozen under two trainable window layers, so that the tagger could read the "
    "parse's own vectors and tag every sentence nearly free (3,000 steps: kept-aside span F1 "
    "0.586 against 0.644, the tagger alone recalling 0.534 of the quotes against 0.679; "
    "content F1 0.756); the cue's subject before the tagged source as a tagged quote's "
    "speaker (2 more right of 139, and a coordinated passive misread in the demo corpus). "
    "Trained on to 4,000 steps (`make train` with max_steps 4,000, 2026-12-06): kept-aside span "
    "F1 0.6439 at 3,000, 0.6432 at 3,500, 0.6441 at 4,000, no gain; the 4,000-step weights "
    "moved PolNeAR dev by 0.003 (content F1 0.820) and added two quotes of no speech to the "
    "demo corpus ('have signed an interim agreement', 'hire'), so the 3,000-step weights "
    "stay."
    " A second error analysis (2026-12-06; the quotes bullet under 'How each figure is "
    "measured') changed three rules around the tagger, not the tagger: a verb of saying "
    "set off by a comma with no subject of its own reports nothing around it, 'in the "
    "poll' is an attribution of the poll, and a quotation right after a quote of the same "
    "speaker goes on that quote; the tagger reads the same tokens as before (its weights "
    "came out byte for byte the same when retrained on the new rules). PolNeAR dev "
    "(`dateline eval quotes --data ../shared/eval/polnear`, back to back before and "
    "after): rules with the tagger content F1 0.817 -> 0.823, speaker accuracy 0.908 -> "
    "0.912, end-to-end F1 0.734 -> 0.743; rules alone 0.775 -> 0.782, 0.915 -> 0.918, "
    "0.705 -> 0.714; the rows above are the retrained run's, on the new rules. Tried "
    "there and not kept: a headline's 'Historians:' or 'Khans:' (a noun or a group, not a "
    "name) as a source (kept aside 0.8142 -> 0.8156, every sixth train article 0.8176 -> "
    "0.8175: no gain where it was not chosen)."
    " Tried on 2026-12-06 and not kept: the cue classifier (**cues**) vetting the tagger's"
    " new quotes, a tagged quote dropped where its cue word, not a verb of saying, is a "
    "predicate the classifier scores and the classifier gives it a probability under a "
    "floor chosen on the kept-aside articles (which the classifier trained on too, so its"
    " verdicts there are flattering). Rules, tagger and classifier, content F1 / end-to-"
    "end F1, kept aside: 0.8142 / 0.7146 without, 0.8152 / 0.7153 at a floor of 0.1 (9 "
    "quotes dropped, 7 of them no attribution, such as 'Trump hires ... official as "
    "campaign's chief executive'), 0.8161 / 0.7162 at 0.15, 0.8153 / 0.7164 at 0.2; every"
    " sixth train article (the tagger trained there) 0.8176 / 0.7179 without, 0.8176 / "
    "0.7178 at 0.1, 0.8163 / 0.7173 at 0.15. PolNeAR dev read once at 0.1 (`dateline eval"
    " quotes --data ../shared/eval/polnear`, back to back with the check off): content F1"
    " 0.8343 -> 0.8336 (precision 0.915 -> 0.917, recall 0.7666 -> 0.7641), speaker "
    "accuracy 0.9124 -> 0.9135, end-to-end F1 0.7528 -> 0.7530, 9 fewer quotes; rules "
    "alone (0.782, 0.918, 0.714) and rules with the tagger (0.823, 0.912, 0.743) as "
    "before, recall losing about 5 gold quotes for 4 quotes of no attribution. Its low "
    "scores fall on the tagger's right stances about as often as on its wrong ones (under"
    " 0.2: 16 right and 15 wrong over both train samples), and a stance it finds likely "
    "is no check at all: 'The mission, established in 2018, focuses on providing advice "
    "...' scores 0.62, 'has focused on' being a stance in PolNeAR. Nor did the speaker's "
    "kind separate the tagger's 38 quotes of no attribution kept aside from its right "
    "ones: a common noun ('the report', 'prosecutors') was right 47 times and wrong 8, a "
    "person's name right 48 times and wrong 11."
    " The floors are not met: the tagger's own recall is the limit. The stances neither "
    "reads ('endorsed', 'is calling for', 'was critical of') are the cue classifier's "
    "(**cues**, next).",
    "- **cues**: a logistic regression (learned/cues.py, train/cues.py, seed 13) over the "
    "parse the pipeline already has, no second network: every verb or adjective with a "
    "subject that can be a source (a name, a noun, a pronoun) and a complement (a clause, "
    "a 'to' infinitive, an object, or 'of/for/on/against/about/to/over/with X'), verbs and "
    "adjectives of thinking or finding left out, is a candidate; its features are the "
    "predicate's lemma and word class (saying, thinking), part of speech, tag, dependency "
    "and auxiliaries, negation, the copula or governing verb above it, the complement's "
    "type, length, first word, root and entity type and whether it holds quotation marks, "
    "the subject's dependency, part of speech and entity type (or the pronoun, or the "
    "noun), and whether the sentence holds a quotation. Trained on PolNeAR train parsed by "
    "the pipeline as shipped (840 articles, 35,111 candidates, 8,783 of them cues: the "
    "predicate lies in a gold cue and the complement overlaps that attribution's content). "
    "The regularisation (C 1.0) is chosen by 5-fold cross-validation over whole articles "
    "(log loss), the threshold (0.50) by the same folds: the F1 of the pipeline's quotes "
    "plus the candidates no quote covers, over every gold attribution of PolNeAR train "
    "(thoughts included, which the scorer sets aside), 0.783 for the pipeline alone, 0.790 "
    "to 0.795 for thresholds 0.30 to 0.80. The quotes stage adds a likely cue as an indirect "
    "(or mixed) quote where its predicate and complement touch no rule or tagger quote, "
    "spoken by its subject, linked like the rules' speakers ('they' or 'it' for no one the "
    "article names gives no quote); confidence 0.45. PolNeAR dev was read only for the "
    "figures above: rules / rules and tagger / both and the classifier, content F1 0.775 / "
    "0.817 / 0.830, precision 0.941 / 0.922 / 0.906, recall 0.659 / 0.734 / 0.765, "
    "indirect F1 0.680 / 0.743 / 0.764, speaker accuracy 0.897 / 0.894 / 0.895, end-to-end "
    "F1 0.692 / 0.723 / 0.735."
    " After the rule changes of the second error analysis (2026-12-06, under "
    "**attribution**) the same three readings give 0.782 / 0.823 / 0.834, 0.918 / 0.912 / "
    "0.912 and 0.714 / 0.743 / 0.753 (the rows above); retrained on the new rules, the "
    "cross-validated quote F1 over PolNeAR train rose with them (the pipeline alone 0.783 "
    "-> 0.787, with the classifier at 0.50 0.794 -> 0.796), the threshold stayed 0.50 and "
    "the weights came out byte for byte the same."
    " `learned_cues` is on (`DATELINE_LEARNED_CUES=0` turns it "
    "off): it beats the present stage on dev. In the demo corpus it adds three quotes, two "
    "right ('some Brazilians have protested MST's use of violence', 'the Rettig Commission "
    "listed 2,095 deaths') and one an act, not a stance ('The USAF and Boeing have signed "
    "an interim agreement'; tests/golden/REVIEW.md). Its cost is 2.3 ms per article, 1.2% "
    "of the full pipeline's time (docs/performance.md). Tried and not "
    "kept: the same model with thoughts and findings among the candidates (threshold 0.45, "
    "PolNeAR dev content F1 0.830, speaker accuracy 0.892, end-to-end F1 0.733, and a "
    "finding, 'Photos showed numerous bloodied bodies', quoted in the demo corpus); by the "
    "same cross-validation on PolNeAR train (C 1.0, F1 at the best threshold; shipped "
    "0.7945): nouns with a possessor as candidates ('Smith's criticism of the deal') and "
    "passives with an agent ('was endorsed by the mayor', the passive's subject as content; "
    "1,546 more candidates, 172 of them cues) 0.7950, within the noise; without the "
    "complement's and the sentence's features 0.7946, without the subject's 0.7938: the "
    "predicate's own words carry most of the signal. The "
    "floors are still not met: the classifier's quotes are indirect stances only, and a "
    "stance's content is the parse's complement, which often differs from the annotators' "
    "span (content_f1_exact 0.587).",
    "- **ner**: the pinned spaCy model's own NER (with its own tok2vec) fine-tuned by `spacy "
    "train` (train/configs/ner.cfg, 2,400 steps, seed 13, one CPU thread) on CoNLL-2003 "
    "eng.train mapped to spaCy's fine labels (train/ner.py) and, so that it keeps the types "
    "CoNLL never annotates, on one PolNeAR train article in five as the pinned NER reads it "
    "(every type, as silver); every tenth document of each picks the checkpoint. With "
    "`learned_ner` on (the default) its weights replace the pinned NER's: one NER runs "
    "either way, at the same cost. Scored on eng.testa, never trained on, through the "
    "entities stage: `rules` is the pinned NER through the same stage, `baseline` the bare "
    "pinned NER; PER_f1, LOC_f1 and ORG_f1 are per CoNLL type. The rows 'F1 against the "
    "pinned NER' are over 60 PolNeAR train articles never trained on, exact spans, types "
    "CoNLL lacks only: how much of the pinned NER's reading the tuned one keeps (the pinned "
    "NER is the reference there, not the truth; the rare types count a few mentions). "
    "The other tasks with the pinned NER and the tuned one (`DATELINE_LEARNED_NER=0/1 "
    "dateline eval TASK`, 2026-12-06, before the `tidy` rules): quotes (PolNeAR dev, 84 "
    "docs) unchanged, content_f1_overlap 0.818, speaker_accuracy 0.889, end_to_end_f1 0.720; "
    "stories (ECB+, `--limit 120`) bcubed_f1 0.899 -> 0.944, rebuild_bcubed_f1 0.899 -> "
    "0.944; places (`--limit 80`) acc_161km GeoVirus 0.802 -> 0.808, TR-News 0.837 -> 0.842, "
    "LGL 0.844 -> 0.842, span_f1 0.866 -> 0.881, 0.865 -> 0.872, 0.777 -> 0.808. What it "
    "gets wrong more often than the pinned NER (tests/golden/REVIEW.md): the rarer types "
    "CoNLL lacks, facilities and products above all ('Plateau Palace' GPE, 'A350' lost), and "
    "a few capitals read as people ('Santiago').",
)


def trigger_rows(figures: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """Return the table rows of the trigger filter and kinds: learned against the lexicon alone
    (trigger precision and recall; CASE 2021 event types)."""
    return [f"| triggers | {dataset} | {key} | {metrics['learned_' + key]:.3f} | "
            f"{metrics['lexicon_' + key]:.3f} | | |"
            for dataset, metrics in figures.items()
            for key in ("precision", "recall", "f1", "macro_f1", "micro_f1")
            if "learned_" + key in metrics]


def _floor(key: str, figure: float, floors: tuple[tuple[str, float], ...]) -> str:
    for name, minimum in floors:
        if name == key:
            return f"≥ {minimum:.2f} {'met' if figure >= minimum else 'NOT met'}"
    return ""


def _attribution_rows(figures: Mapping[str, Any]) -> list[str]:
    # In the tagger's label order: the figures kept in the report's JSON come back sorted.
    aside = figures.get("aside_f1", {})
    order = [label for label in figures.get("labels", ()) if label in aside]
    lines = [f"| attribution | PolNeAR train, articles kept aside | {label} span F1 | "
             f"{aside[label]:.3f} | | | |" for label in order or sorted(aside)]
    for dataset, metrics in figures.items():
        if not isinstance(metrics, Mapping) or "learned_content_f1_overlap" not in metrics:
            continue
        for key in ATTRIBUTION_SHOWN:
            base = metrics.get("baseline_" + key)
            lines.append(f"| attribution | {dataset} | {key} | {metrics['learned_' + key]:.3f} | "
                         f"{metrics['rules_' + key]:.3f} | "
                         f"{'' if base is None else f'{base:.3f} '}| "
                         f"{_floor(key, metrics['learned_' + key], FLOORS['attribution'])} |")
    return lines


def cue_rows(figures: Mapping[str, Any]) -> list[str]:
    """Return the table rows of the cue classifier: rules with the tagger and the classifier
    (learned) against the rules alone, the tagger's figure beside it, and the threshold's
    cross-validated F1 on PolNeAR train."""
    lines = []
    cv = figures.get("cross_validated_f1", {})
    if cv:
        chosen = f"{figures['threshold']:.2f}"
        lines.append(f"| cues | PolNeAR train, 5-fold CV over articles | quote F1 at threshold "
                     f"{chosen} | {cv[chosen]:.3f} | | {cv['pipeline']:.3f} | |")
    for dataset, metrics in figures.items():
        if not isinstance(metrics, Mapping) or "cues_content_f1_overlap" not in metrics:
            continue
        for key in ATTRIBUTION_SHOWN:
            figure = metrics["cues_" + key]
            lines.append(f"| cues | {dataset} | {key} (tagger alone "
                         f"{metrics['learned_' + key]:.3f}) | {figure:.3f} | "
                         f"{metrics['rules_' + key]:.3f} | | "
                         f"{_floor(key, figure, FLOORS['attribution'])} |")
    return lines


def ner_rows(figures: Mapping[str, Any]) -> list[str]:
    """Return the table rows of the tuned NER: learned against the pinned NER (rules), and how
    much of the pinned NER's reading of the types CoNLL lacks it keeps."""
    rows = [f"| ner | PolNeAR train, articles not trained on | {label} F1 against the pinned "
            f"NER | {figure:.3f} | 1.000 | | |"
            for label, figure in sorted(figures.get("pinned_agreement", {}).items())]
    for dataset, metrics in figures.items():
        if not isinstance(metrics, Mapping) or "learned_f1_no_misc" not in metrics:
            continue
        for key in ("f1", "f1_no_misc", "PER_f1", "LOC_f1", "ORG_f1"):
            rows.append(f"| ner | {dataset} (not trained on) | {key} | "
                        f"{metrics.get('learned_' + key, 0):.3f} | "
                        f"{metrics.get('rules_' + key, 0):.3f} | "
                        f"{_fmt(metrics.get('baseline_' + key))} | "
                        f"{_floor(key, metrics.get('learned_' + key, 0), FLOORS['ner'])} |")
    return rows


def _fmt(figure: Any) -> str:
    return f"{figure:.3f}" if isinstance(figure, float) else ""


def render_section(figures: Mapping[str, Mapping[str, Any]], seconds: Mapping[str, float]) -> str:
    """Return the Markdown of the learned components' section."""
    lines = [START, "## Learned components (`make train`)", "",
             f"Trained with `make train` on {date.today().isoformat()} "
             f"({', '.join(f'{k}: {v:.0f} s' for k, v in seconds.items())} on shared CPU "
             "cores). Each model trains on one part of a development set, split by document "
             "(It Happened: blocks of 25 sentences; GVA: incidents), and is scored here on the "
             "other part only; the attribution tagger trains on PolNeAR train and is scored on "
             "PolNeAR dev. `rules` is the rules alone on the same items; `baseline` always "
             "says happened / asserted (factuality) or takes the text between quotation marks "
             "(attribution).", "",
             "| component | held-out set | metric | learned | rules | baseline | floor |",
             "|---|---|---|---|---|---|---|"]
    for dataset, metrics in figures.get("factuality", {}).items():
        for key in ("accuracy", "f1_not_happened", "macro_f1"):
            if key in metrics:
                lines.append(f"| factuality | {dataset} | {key} | {metrics[key]:.3f} | "
                             f"{metrics.get('rules_' + key, 0):.3f} | "
                             f"{metrics.get('baseline_' + key, 0):.3f} | "
                             f"{_floor(key, metrics[key], FLOORS.get(dataset, ()))} |")
    for dataset, pair in figures.get("casualties", {}).items():
        for key, figure in pair["learned"].items():
            lines.append(f"| casualties | {dataset} | {key} | {figure:.3f} | "
                         f"{pair['rules'][key]:.3f} | | "
                         f"{_floor(key, figure, FLOORS['casualties'])} |")
        for key, figure in pair.get("reachable", {}).items():
            lines.append(f"| casualties | {dataset} | reachable {key} | {figure:.3f} | | | |")
    lines += trigger_rows(figures.get("triggers", {}))
    lines += _attribution_rows(figures.get("attribution", {}))
    lines += cue_rows(figures.get("cues", {}))
    lines += ner_rows(figures.get("ner", {}))
    kept = {**figures, SECONDS: {k: round(v) for k, v in seconds.items()}}
    lines += ["", *NOTES, "", "```json", json.dumps(kept, indent=1, sort_keys=True), "```", END]
    return "\n".join(lines) + "\n"


def write_section(path: Path, figures: Mapping[str, Mapping[str, Any]],
                  seconds: Mapping[str, float]) -> None:
    """Replace (or append) the section in ``path``."""
    text = path.read_text(encoding="utf-8") if path.is_file() else "# Quality\n"
    section = render_section(figures, seconds)
    path.write_text(replace_section(text, section), encoding="utf-8")


def replace_section(text: str, section: str) -> str:
    """Return ``text`` with the marked section replaced, or the section appended."""
    if START in text and END in text:
        head, rest = text.split(START, 1)
        tail = rest.split(END, 1)[1].lstrip("\n")
        return head + section + ("\n" + tail if tail else "")
    return text.rstrip("\n") + "\n\n" + section


def kept_figures(path: Path) -> dict[str, Any]:
    """Return the figures (and, under ``_seconds``, the training times) of an existing report."""
    section = kept_section(path)
    if "```json" not in section:
        return {}
    try:
        data = json.loads(section.split("```json", 1)[1].split("```", 1)[0])
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def kept_section(path: Path) -> str:
    """Return the marked section of an existing report, or ""."""
    if not path.is_file():
        return ""
    text = path.read_text(encoding="utf-8")
    if START not in text or END not in text:
        return ""
    return START + text.split(START, 1)[1].split(END, 1)[0] + END + "\n"
