"""Hypothesis profiles for the property tests in tests/fuzz/.

``make test`` runs them briefly and the same way every time (``bounded``: few examples,
derandomized, so a run never fails on a new random draw); ``make fuzz`` sets
DATELINE_FUZZ_PROFILE=long for a longer, random search that keeps what it finds in
.hypothesis/ and replays it on the next run. No deadline: the machine may be shared, and a
slow example is a benchmark's business (bench/), not a test's.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

PROFILE_ENV = "DATELINE_FUZZ_PROFILE"

settings.register_profile(
    "bounded", max_examples=30, deadline=None, derandomize=True, database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.register_profile(
    "long", max_examples=2000, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
settings.load_profile(os.environ.get(PROFILE_ENV, "bounded"))
