"""Training budgets of the music model, scored without a test tail.

How ``contest_forecaster()``'s budget (two LSTM layers of 32, at most 300
one-cycle steps per network) was chosen against the previous recipe (2 x 64,
30 full epochs at a constant 0.003): every recipe is the default with some
settings overridden, fitted and scored on

* ``--real PATH``: the real plays through 2015-05-31 only — validation tails
  that end on 2015-05-31, before both test tails of the protocol (fit
  through 05-16, forecast 15 days; fit through 05-01, forecast 30), on one
  half of the artists (``--half a``: every other artist by sorted id, ``b``:
  the rest; choose on one, confirm on the other), or (``--half smooth``) on
  the smoother half of the artists with no day without plays through
  05-01 (by the median absolute day-to-day change of ``log1p(plays)``
  until then): larger and smoother artists, the real kind nearest the
  hidden artists;
* ``--generated``: two samples of 100 generated artists, one at the level of
  the development artists (median 330 plays a day) and one ten times larger
  and smoother, like the hidden kind, each at three origins (2015-06-30,
  07-31, 08-30, 61 days ahead, the generator's truth after 08-30).

Prints F / F_max and the fit + predict seconds of every recipe, with the
14-day moving median for reference:

    python benchmarks/research/music_budget.py \
        --real ../shared/data/tianchi_p2_artist_daily.csv --half a
    python benchmarks/research/music_budget.py --generated --recipes previous default
    python benchmarks/research/music_budget.py --real FILE --half b \
        --recipes default --shrinkages 0.25 0.5 0.75 1

``--outage PLAYS`` sets the largest artist's plays (by the 14 days before
the origin) on 2015-03-10 and 04-10 to ``PLAYS`` in the history, as a data
outage would; the truth after the origin is untouched:

    python benchmarks/research/music_budget.py --real FILE --half smooth \
        --recipes default --outage 0
"""

import argparse
import tempfile
import time
import warnings

import numpy as np
import pandas as pd

from lstmreg import (
    contest_forecaster,
    contest_score,
    generate_contest_data,
    read_plays_table,
    read_submission,
)

PREVIOUS = {
    "hidden_sizes": (64, 64),
    "max_steps": None,
    "lr": 3e-3,
    "lr_schedule": "constant",
}
CONSTANT = {"lr": 3e-3, "lr_schedule": "constant"}
RECIPES = {
    "previous": PREVIOUS,
    "default": {},
    "32 units, 500 steps": {"max_steps": 500},
    "32 units, 300 steps, constant": CONSTANT,
    "32 units, 500 steps, constant": {**CONSTANT, "max_steps": 500},
    "32 units, 200 steps, constant": {**CONSTANT, "max_steps": 200},
    "32 units, 30 full epochs, constant": {**CONSTANT, "max_steps": None},
    "64 units, 200 steps": {"hidden_sizes": (64, 64), "max_steps": 200},
    "64 units, 500 steps, constant": {**PREVIOUS, "max_steps": 500},
    "64 units, 200 steps, constant": {**PREVIOUS, "max_steps": 200},
    "64 units, 100 steps, constant": {**PREVIOUS, "max_steps": 100},
    "3 x 64 units, 200 steps, constant": {
        **PREVIOUS,
        "max_steps": 200,
        "ensemble_size": 3,
    },
    "3 x 64 units, 300 steps, constant": {
        **PREVIOUS,
        "max_steps": 300,
        "ensemble_size": 3,
    },
}
# each member forecasts the artists it did not see, which chooses how far to
# pull the corrections back toward the moving median (LSTMForecaster's
# shrinkage)
RECIPES["default, cross-fitted shrinkage"] = {"shrinkage": "cross_fit"}
# the same held-out forecasts choose a shrinkage per artist, halfway between
# its own and the global one (shrinkage_scope.py measured it from outside)
RECIPES["default, halfway shrinkage"] = {
    "shrinkage": "cross_fit",
    "shrinkage_scope": "halfway",
}
RECIPES["default, halfway shrinkage, extra networks"] = {
    "shrinkage": "cross_fit",
    "shrinkage_scope": "halfway",
    "cross_fit_networks": "extra",
}
# the default's networks one after another on torch's intra-op threads, as
# before they trained side by side (n_jobs=-1): the same recipe, other sums
RECIPES["default, networks one after another"] = {"n_jobs": 1}
# the default before partial windows (windows whose days run past the
# cutoff, those days left out of the loss): full windows only
RECIPES["default, no partial windows"] = {"partial_windows": False}
# with partial windows a longer history no longer costs training windows
RECIPES["default, lookback 28"] = {"lookback": 28}
# more seeds in the median, now that the networks train side by side
RECIPES["default, 10 networks"] = {"ensemble_size": 10}
# AdamW's decay pulls the weights, and with them the corrections of the
# zero-started output layer, back toward the moving median wherever the
# training windows do not hold them up: a one-cycle run of 300 steps peaking
# at 0.01 shrinks unsupported weights by about exp(-1.5 * decay)
for decay in (0.3, 1, 3, 10):
    RECIPES[f"default, AdamW decay {decay:g}"] = {
        "optimizer": "adamw",
        "weight_decay": decay,
    }
REAL_TAILS = (("2015-05-16", 15), ("2015-05-01", 30))
GENERATED = (("development-like", 11, 330.0), ("hidden-like", 12, 3900.0))
GENERATED_ORIGINS = ("2015-06-30", "2015-07-31", "2015-08-30")


def _generated(name, seed, scale, folder):
    """History and truth of one generated sample as one daily frame."""
    files = generate_contest_data(
        f"{folder}/{name}", 100, seed=seed, scale=scale, tables="daily"
    )
    plays = read_plays_table(files["daily"]).plays.astype(float)
    truth = read_submission(files["truth"])[plays.columns]
    return pd.concat([plays, truth])


def _tails(args):
    """(sample, origin, horizon, plays) of every tail to score."""
    if args.real:
        plays = read_plays_table(args.real).plays.astype(float)
        plays = plays.loc[:"2015-05-31"]
        ids = sorted(plays.columns)
        if args.half == "smooth":  # judged before the earlier tail begins
            known = plays.loc[: REAL_TAILS[-1][0]]
            every_day = known.columns[(known > 0).all()]
            roughness = np.log1p(known[every_day]).diff().abs().median()
            ids = roughness.sort_values().index[: len(every_day) // 2]
        else:
            ids = ids[args.half == "b" :: 2]
        plays = plays[ids]
        for origin, horizon in REAL_TAILS:
            yield f"real, half {args.half}", origin, horizon, plays
    else:
        with tempfile.TemporaryDirectory() as folder:
            for name, seed, scale in GENERATED:
                plays = _generated(name, seed, scale, folder)
                for origin in GENERATED_ORIGINS:
                    yield name, origin, 61, plays


def score_against(truth):
    """F / F_max of a forecast (days x artists, clipped at zero) against
    ``truth``, the artists with a day without plays left out."""
    scored = (truth > 0).all().to_numpy()

    def score(forecast):
        forecast = np.clip(forecast, 0, None)
        return contest_score(
            truth.to_numpy().T[scored], forecast.T[scored], normalize=True
        )

    return score


def sample_parser(description):
    """A parser with the options that pick the tails of :func:`_tails`."""
    parser = argparse.ArgumentParser(description=description)
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--real", metavar="PATH", help="the real daily table")
    source.add_argument("--generated", action="store_true")
    parser.add_argument("--half", choices=["a", "b", "smooth"], default="a")
    return parser


OUTAGE_DAYS = ("2015-03-10", "2015-04-10")


def with_outage(history, plays):
    """``history`` with the largest artist's :data:`OUTAGE_DAYS` set to
    ``plays`` (None: ``history`` itself)."""
    if plays is None:
        return history
    history = history.copy()
    largest = history.iloc[-14:].median().idxmax()
    history.loc[list(OUTAGE_DAYS), largest] = plays
    return history


def main():
    parser = sample_parser(__doc__.split("\n")[0])
    parser.add_argument(
        "--recipes", nargs="*", default=list(RECIPES), choices=list(RECIPES)
    )
    parser.add_argument(
        "--outage",
        type=float,
        metavar="PLAYS",
        help="the largest artist's plays on two history days (see above)",
    )
    parser.add_argument(
        "--shrinkages",
        nargs="*",
        type=float,
        default=(),
        help="also score every recipe's networks with these shrinkages of "
        "their corrections (the forecasts shrinkage=s gives with the same seed)",
    )
    args = parser.parse_args()
    warnings.simplefilter("ignore")
    for sample, origin, horizon, plays in _tails(args):
        history = with_outage(plays.loc[:origin], args.outage)
        truth = plays.loc[origin:].iloc[1 : horizon + 1]
        score = score_against(truth)
        median = np.tile(history.iloc[-14:].median().to_numpy(), (horizon, 1))
        print(f"{sample}, {origin}, {horizon} days: moving median {score(median):.4f}")
        for name in args.recipes:
            forecaster = contest_forecaster(**RECIPES[name])
            start = time.perf_counter()
            forecaster.fit(history, fh=range(1, horizon + 1))
            forecast = forecaster.predict()[history.columns].to_numpy()
            seconds = time.perf_counter() - start
            lstm = forecaster.estimator_.named_steps["lstm"]
            print(
                f"  {name:>40}: {score(forecast):.4f}  {seconds:6.1f} s"
                f"  shrinkage {lstm.shrinkage_:.1f}",
                flush=True,
            )
            chosen = lstm.shrinkage_
            for shrinkage in args.shrinkages:
                # the trained networks' forecasts under another shrinkage
                lstm.shrinkage_ = shrinkage
                forecast = forecaster.predict()[history.columns].to_numpy()
                print(f"    {'shrinkage':>36} {shrinkage:.2f}: {score(forecast):.4f}")
            lstm.shrinkage_ = chosen


if __name__ == "__main__":
    main()
