"""Benchmarks of the store against DESIGN.md's targets (see run.py); not shipped."""
