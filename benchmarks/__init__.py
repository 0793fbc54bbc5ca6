"""Benchmarks of the store against the targets in docs/performance.md (see run.py); not shipped."""
