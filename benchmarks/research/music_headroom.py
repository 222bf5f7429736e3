"""How much room the contest's score leaves above the moving median.

The best constant forecast of an artist's days ``T`` under the contest's
relative error ``((S - T) / T) ** 2`` is ``sum(1 / T) / sum(1 / T ** 2)``.
Known only once the days are, it is an oracle: what a model that knew each
artist's future level, and nothing of its day-to-day swings, would score.
On the tails of ``music_budget.py`` (the real plays through 2015-05-31,
one half of the artists, or generated samples; no test tail of the
protocol is read) this prints F / F_max of the 14-day median, the same
median lowered for the relative error (``MovingMedian(14,
loss="relative_error")``, ``bench_real_music.py``'s "median 14, lowered"),
the oracle, and with ``--model`` the music model (``contest_forecaster()``)
and the share of the room between the lowered median and the oracle that
it takes:

    python benchmarks/research/music_headroom.py \\
        --real ../shared/data/tianchi_p2_artist_daily.csv --half a --model

The oracle bounds any forecast that is constant per artist; a forecast
that follows the days can score more, but only as far as the days'
swings can be foreseen.
"""

import warnings

import numpy as np
from music_budget import _tails, sample_parser, score_against  # this folder

from lstmreg import MovingMedian, contest_forecaster


def best_constant(truth):
    """The constant per artist (column) with the least relative error over
    the days of ``truth``: ``sum(1 / T) / sum(1 / T ** 2)`` over its days
    with plays (0 for an artist without any).

    >>> import pandas as pd
    >>> days = pd.DataFrame({"a": [1.0, 1.0], "b": [1.0, 2.0]})
    >>> best_constant(days).round(3).tolist()
    [1.0, 1.2]
    """
    inverse = 1 / truth.where(truth > 0)
    return (inverse.sum() / (inverse**2).sum()).fillna(0.0)


def main():
    parser = sample_parser(__doc__.split("\n")[0])
    parser.add_argument(
        "--model", action="store_true", help="also fit and score contest_forecaster()"
    )
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    for sample, origin, horizon, plays in _tails(args):
        history = plays.loc[:origin]
        truth = plays.loc[origin:].iloc[1 : horizon + 1]
        score = score_against(truth)
        fh = range(1, horizon + 1)
        plain = MovingMedian(14).fit(history, fh=fh).predict().to_numpy()
        lowered = MovingMedian(14, loss="relative_error").fit(history, fh=fh)
        lowered = score(lowered.predict().to_numpy())
        oracle = score(np.tile(best_constant(truth).to_numpy(), (horizon, 1)))
        line = (
            f"{sample}, {origin}, {horizon} days: median {score(plain):.4f}"
            f"  lowered {lowered:.4f}  oracle constant {oracle:.4f}"
        )
        if args.model:
            forecaster = contest_forecaster().fit(history, fh=fh)
            model = score(forecaster.predict()[history.columns].to_numpy())
            share = (model - lowered) / (oracle - lowered)
            line += f"  model {model:.4f} ({share:+.0%} of the room)"
        print(line, flush=True)


if __name__ == "__main__":
    main()
