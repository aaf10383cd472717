"""The production settings with two more addresses for the load benchmark (benchmarks/load.py):
the ceilings of a logged-in write on this machine (benchmarks/ceiling_urls.py). Nothing else
differs from elearning.settings.production."""

from elearning.settings.production import *  # noqa: F403

ROOT_URLCONF = "benchmarks.ceiling_urls"
