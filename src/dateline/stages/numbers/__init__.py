"""Read stated figures: number parsing, hedges, what is counted, and who says so.

The claims stage (``dateline.stages.claims``) puts these together:

- ``figures``: find number phrases in a list of words and give their value or bounds
  ("1,300", "1.5 million", "twenty-five", "between 10 and 15", "several hundred", "dozens");
- ``hedges``: the qualifier written around a figure ("around", "at least", "or more");
- ``counted``: which figures count something (not dates, ages, addresses, names) and what they
  count and with which predicate ("killed around 1,300 people");
- ``names``: where entity names lie, so "Pier 7" and "Jane Porter" count nothing;
- ``singulars``: people a harm tally describes without a figure ("a man was killed" counts one);
- ``attribution``: the source and cue that assert the figure ("according to Iranian authorities").
"""
