"""Small statistics helpers: percentiles by the nearest-rank method."""

import math
import statistics


def percentile(values: list[float], p: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, math.ceil(p / 100 * len(ordered)))
    return ordered[rank - 1]


def summary_ms(seconds: list[float]) -> dict:
    """Median and p95 (and the number of runs) of durations given in seconds, in ms."""
    if not seconds:
        return {"runs": 0, "median_ms": None, "p95_ms": None}
    return {
        "runs": len(seconds),
        "median_ms": round(statistics.median(seconds) * 1000, 1),
        "p95_ms": round(percentile(seconds, 95) * 1000, 1),
    }
