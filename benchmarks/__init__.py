"""Benchmarks: figures with ratios against a baseline measured in the same run, and targets.

Run with ``python -m benchmarks roster|rules|all``. Tests never time anything; these do.
"""
