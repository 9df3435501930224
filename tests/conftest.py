"""Shared test settings.

Hypothesis runs derandomized (the same examples every run, no example database), so
`make test` gives the same verdict twice in a row and on a fresh clone. To hunt for new
counterexamples locally: `HYPOTHESIS_PROFILE=explore pytest tests`.
"""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("repeatable", derandomize=True, database=None, deadline=None)
settings.register_profile("explore", max_examples=1000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))
