"""One cross-fitted shrinkage for all artists, or one per artist?

``LSTMForecaster(shrinkage="cross_fit")`` chooses one shrinkage of the
network's corrections for all series, from held-out forecasts: every
window is forecast by a network trained without its series. The same
held-out forecasts can choose a shrinkage per series instead (from that
series' own windows only), or halfway between the two. This script scores
the three on the validation tails of ``music_budget.py`` (real plays
through 2015-05-31, halves a and b; ``--generated``: the development-like
and hidden-like samples), F / F_max, the music model otherwise unchanged:

    python benchmarks/research/shrinkage_scope.py \\
        --real ../shared/data/tianchi_p2_artist_daily.csv --half a
    python benchmarks/research/shrinkage_scope.py --generated

It reads the held-out outputs by wrapping two of LSTMForecaster's methods
(research only: the library keeps no per-series choice).
"""

import warnings

import numpy as np
import torch
from music_budget import _tails, sample_parser  # this folder

from lstmreg import LSTMForecaster, contest_forecaster, contest_score
from lstmreg.nn._shrinkage import SHRINKAGE_GRID, choose_shrinkage

SEEN = {}


def _recording(method, *names):
    """``method`` of LSTMForecaster, also keeping its arguments or result."""

    def wrapper(self, *args, **kwargs):
        result = method(self, *args, **kwargs)
        if names == ("groups",):
            SEEN["groups"] = kwargs.get("groups")
        else:
            SEEN["outputs"], SEEN["targets"] = result, args[1]
        return result

    return wrapper


LSTMForecaster.fit = _recording(LSTMForecaster.fit, "groups")
LSTMForecaster._held_out_outputs = _recording(LSTMForecaster._held_out_outputs)


def main():
    args = sample_parser(__doc__.split("\n")[0]).parse_args()
    warnings.simplefilter("ignore")
    for sample, origin, horizon, plays in _tails(args):
        history = plays.loc[:origin]
        truth = plays.loc[origin:].iloc[1 : horizon + 1].to_numpy()
        scored = (truth > 0).all(axis=0)
        forecaster = contest_forecaster(shrinkage="cross_fit")
        forecaster.fit(history, fh=range(1, horizon + 1))
        lstm = forecaster.estimator_.named_steps["lstm"]
        chosen = lstm.shrinkage_
        forecasts = {}  # the same networks under every shrinkage
        for shrinkage in SHRINKAGE_GRID:
            lstm.shrinkage_ = shrinkage
            forecasts[shrinkage] = forecaster.predict()[history.columns].to_numpy()
        lstm.shrinkage_ = chosen
        outputs = torch.as_tensor(SEEN["outputs"])
        targets = torch.as_tensor(SEEN["targets"])
        groups = np.asarray(SEEN["groups"])
        criterion = lstm.net_.criterion_
        own = np.array(
            [
                choose_shrinkage(outputs[mine], targets[mine], criterion)[0]
                for mine in (groups == i for i in range(history.shape[1]))
            ]
        )

        def score(per_series, forecasts=forecasts, truth=truth, scored=scored):
            columns = [
                forecasts[round(float(s), 1)][:, i] for i, s in enumerate(per_series)
            ]
            forecast = np.clip(np.stack(columns, axis=1), 0, None)
            return contest_score(truth.T[scored], forecast.T[scored], normalize=True)

        n = history.shape[1]
        print(
            f"{sample}, {origin}, {horizon} days: none {score(np.zeros(n)):.4f}  "
            f"global {score(np.full(n, chosen)):.4f} (s {chosen:.1f})  "
            f"per series {score(own):.4f} (mean s {own.mean():.2f})  "
            f"halfway {score(np.round((own + chosen) / 2, 1)):.4f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
