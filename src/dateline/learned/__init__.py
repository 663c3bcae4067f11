"""Learned components: small linear models trained with ``make train`` (dateline.train).

Each model ships as plain coefficients in ``dateline/resources/models/*.json`` and is read once
per process (model.py), so running dateline needs no machine-learning library; training does
(the ``train`` extra). Each component has a switch in Settings and falls back to the rules.
"""
