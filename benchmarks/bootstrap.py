"""Paired bootstrap intervals for the differences the benchmarks print.

A difference between two models' scores on a sample of series (or artists,
or validation tails) is resampled by drawing the sample's rows with
replacement, the same rows for both models, ``RESAMPLES`` times; its
``LEVEL`` % interval is the middle of those draws. An interval across 0 says
the sample cannot tell the two models apart.

>>> rows = resampled_rows(3)
>>> rows.shape, int(rows.min()) >= 0, int(rows.max()) <= 2
((2000, 3), True, True)
>>> formatted(-1.0, np.full(RESAMPLES, -1.0))
'-1.000 [-1.000, -1.000]'
"""

import numpy as np

RESAMPLES = 2000
LEVEL = 90  # percent


def resampled_rows(n, seed=0):
    """``RESAMPLES`` draws of ``n`` row numbers in ``range(n)``, with
    replacement: shape ``(RESAMPLES, n)``."""
    return np.random.default_rng(seed).integers(0, n, size=(RESAMPLES, n))


def interval(draws):
    """The middle ``LEVEL`` % of ``draws``: ``(low, high)``."""
    tail = (100 - LEVEL) / 2
    low, high = np.percentile(draws, [tail, 100 - tail])
    return float(low), float(high)


def formatted(point, draws):
    """``point`` and the interval of ``draws`` as ``+0.012 [-0.003, +0.030]``."""
    low, high = interval(draws)
    return f"{point:+.3f} [{low:+.3f}, {high:+.3f}]"
