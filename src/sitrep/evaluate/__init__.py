"""Evaluations of sitrep's parts against shared benchmark data (never bundled with sitrep).

Each evaluation is a function that takes the benchmark's folder and returns a JSON-ready dict of
counts and scores; the CLI (``sitrep eval ...``) only parses options and prints the dict.
"""

from __future__ import annotations

from sitrep.evaluate.extraction import evaluate_extraction

__all__ = ["evaluate_extraction"]
