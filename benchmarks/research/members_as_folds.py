"""A cross-fitted shrinkage at no extra training: the members are the folds.

``LSTMForecaster(shrinkage="cross_fit")`` trains one extra network per fold
of series to forecast windows its networks did not see, then keeps the
shrinkage of the corrections with the least loss on them: twice the
training. Here, instead, member ``i`` of the ensemble trains on every fold
but fold ``i``; each window is forecast by the member that did not see its
series, the shrinkage is chosen on those forecasts, and the ensemble (each
member having seen four fifths of the series) forecasts as usual. A
throw-away prototype (a subclass of the estimator), scored on the music
model's validation tails beside the default and the cross-fitted shrinkage:

    python benchmarks/research/members_as_folds.py \
        --real ../shared/data/tianchi_p2_artist_daily.csv --half a   # b, smooth
    python benchmarks/research/members_as_folds.py --generated
"""

import time
import warnings

import numpy as np
from music_budget import _tails, sample_parser, score_against

from lstmreg import LSTMForecaster, contest_forecaster
from lstmreg.nn._shrinkage import group_folds


class MembersAsFolds(LSTMForecaster):
    """Member ``i`` trains without fold ``i``'s series and forecasts them."""

    def fit(self, X, y, groups=None):
        self._groups = groups
        return super().fit(X, y, groups=groups)

    def _member(self, net):
        return next((i for i, n in enumerate(self.nets_) if n is net), None)

    def _train_net(self, net, X32, y32, seed, initialize, epochs):
        i = self._member(net)
        if i is None:
            return super()._train_net(net, X32, y32, seed, initialize, epochs)
        n_folds = max(2, self.ensemble_size)
        folds = group_folds(self._groups, len(X32), n_folds, seed - i)
        keep = folds != i
        return super()._train_net(net, X32[keep], y32[keep], seed, initialize, epochs)

    def _held_out_outputs(self, X32, y32, folds, seed):
        outputs = np.empty_like(y32)
        for j, net in enumerate(self.nets_):
            held = folds == j
            outputs[held] = net.predict(X32[held])[: int(held.sum())]
        return outputs


def _forecasters():
    yield "default", contest_forecaster()
    yield "cross-fitted shrinkage", contest_forecaster(shrinkage="cross_fit")
    folds = contest_forecaster(shrinkage="cross_fit")
    lstm = folds.get_params()["estimator__lstm"]
    folds.set_params(estimator__lstm=MembersAsFolds(**lstm.get_params()))
    yield "members as folds", folds


def main():
    args = sample_parser(__doc__.split("\n")[0]).parse_args()
    warnings.simplefilter("ignore")
    for sample, origin, horizon, plays in _tails(args):
        history = plays.loc[:origin]
        truth = plays.loc[origin:].iloc[1 : horizon + 1]
        score = score_against(truth)
        median = np.tile(history.iloc[-14:].median().to_numpy(), (horizon, 1))
        print(f"{sample}, {origin}, {horizon} days: moving median {score(median):.4f}")
        for name, forecaster in _forecasters():
            start = time.perf_counter()
            forecaster.fit(history, fh=range(1, horizon + 1))
            forecast = forecaster.predict()[history.columns].to_numpy()
            seconds = time.perf_counter() - start
            lstm = forecaster.estimator_.named_steps["lstm"]
            print(
                f"  {name:>24}: {score(forecast):.4f}  {seconds:6.1f} s"
                f"  shrinkage {lstm.shrinkage_:.1f}",
                flush=True,
            )


if __name__ == "__main__":
    main()
