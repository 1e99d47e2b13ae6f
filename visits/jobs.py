"""The visits app's scheduled commands and how often they must run (core.jobs)."""

from core.jobs import Job

# Nightly at 03:00: forget who entered old tallies (docs/operations.md).
JOBS = [Job("forget_tally_details", hours=26)]
