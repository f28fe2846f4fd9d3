"""Benchmark the results engine: 2 parties × 1,000 respondents × every ritsen-9 statement.

Run with ``.venv/bin/python benchmarks/bench_scoring.py``; prints the median of 5 runs.
About 10% of the answers are "don't know", so some respondent link scores are fractions.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
# A throw-away development configuration (no secret key of any installation).
os.environ.setdefault("RITSEN_DEBUG", "true")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ritsen.settings")

import django  # noqa: E402

django.setup()

from ritsen.frameworks.validation import DEFAULT_FRAMEWORK_PATH, load_file  # noqa: E402
from ritsen.results.scoring import anonymise, score, statement_stats  # noqa: E402

PARTIES = 2
RESPONDENTS = 1_000
RUNS = 5
SEED = 20240601


def build_answers(spec) -> dict:
    rng = random.Random(SEED)
    lo, hi = spec.scale_min, spec.scale_max
    return {
        f"party-{p}": {
            f"r{r}": {
                s.id: None if rng.random() < 0.1 else rng.randint(lo, hi) for s in spec.statements
            }
            for r in range(RESPONDENTS)
        }
        for p in range(PARTIES)
    }


def median_ms(func) -> float:
    timings = []
    for _ in range(RUNS):
        start = time.perf_counter()
        func()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings) * 1000


def main() -> None:
    spec, problems = load_file(DEFAULT_FRAMEWORK_PATH)
    if spec is None:
        raise SystemExit("\n".join(str(p) for p in problems))
    answers = build_answers(spec)
    count = PARTIES * RESPONDENTS * len(spec.statements)
    print(
        f"{PARTIES} parties × {RESPONDENTS:,} respondents × {len(spec.statements)} statements "
        f"= {count:,} answers ({spec.id} v{spec.version})"
    )
    scoring = median_ms(lambda: score(spec, answers))
    print(f"score():           {scoring:7.1f} ms (median of {RUNS})")
    print(
        f"statement_stats(): {median_ms(lambda: statement_stats(spec, answers)):7.1f} ms "
        f"(median of {RUNS})"
    )
    # The anonymity rule runs before every computation of a page's results.
    anonymising = median_ms(lambda: anonymise(spec, answers))
    print(
        f"anonymise():       {anonymising:7.1f} ms (median of {RUNS}), "
        f"{anonymising / scoring:.2f}× score()"
    )
    result = score(spec, answers)
    print(f"zipper: {result.zipper.state}, agenda: {list(result.agenda)}")


if __name__ == "__main__":
    main()
