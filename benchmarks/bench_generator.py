"""Does the generator look like the real contest data? Statistics side by side.

Computes, for the real daily plays (``--data``, a plays table such as
``shared/data/tianchi_p2_artist_daily.csv``) and for
``generate_contest_data`` tables with the same number of artists, the
statistics the generator is calibrated to: the distribution of artist levels,
zero-play days, weekly amplitude, day-to-day noise, spikes and their decay,
trends, and how hard the series are for the 14-day moving median (its
F/F_max on the 61 days after 2015-05-31, plain and lowered for the contest's
relative error). A statistic carried by a few artists (the mean wander)
differs from one sample of 100 to the next, so the generated column is the
median over ``--seeds`` samples (raw tables, read back), with the lowest and
highest beside it. Prints the table and saves a plot (of the first sample).

    python benchmarks/bench_generator.py --data PATH --plot docs/_static/generator.png
"""

import argparse
import tempfile
import warnings

import numpy as np
import pandas as pd

from lstmreg import (
    MovingMedian,
    contest_score,
    generate_contest_data,
    read_contest_data,
    read_plays_table,
)


def _spikes(plays):
    """Days above twice the trailing 14-day median, and what is left after."""
    baseline = plays.rolling(14).median().shift(1)
    spike = (plays > 2 * baseline) & (baseline >= 5)
    later = (plays.shift(-3) / plays)[spike]
    return spike.to_numpy().mean(), float(np.nanmedian(later.to_numpy()))


def _roughness(logs, history):
    """How an artist's day-to-day spread depends on its size and persists,
    from the ``history`` (the days up to 2015-05-31; ``logs`` its ``log1p``
    or more days of it): the spread of ``log1p`` plays about their centred
    15-day median (clipped to 0.4x .. 2.5x, so spikes count little)."""
    logs = logs.loc[: history.index[-1]]
    deviation = (logs - logs.rolling(15, center=True, min_periods=5).median()).loc[
        "2015-03-15":"2015-05-24"
    ]
    deviation = deviation.clip(np.log(0.4), np.log(2.5))
    spread = np.log(deviation.std())
    level = np.log1p(history.iloc[-14:].median())
    first = np.log(deviation.loc[:"2015-04-19"].std())
    second = np.log(deviation.loc["2015-04-20":].std())
    lag1 = [deviation[c].dropna().autocorr(1) for c in deviation.columns]
    return {
        "day-to-day spread, slope on log level": np.polyfit(level, spread, 1)[0],
        "day-to-day spread, corr of two halves": np.corrcoef(first, second)[0, 1],
        "day-to-day spread, lag-1 autocorrelation": float(np.nanmedian(lag1)),
    }


def _rise(logs, start, end):
    """Median over artists of the change of mean log plays from the two weeks
    from ``start`` to the two weeks from ``end``."""
    two_weeks = pd.Timedelta(days=13)
    before = logs.loc[start : pd.Timestamp(start) + two_weeks].mean()
    after = logs.loc[end : pd.Timestamp(end) + two_weeks].mean()
    return (after - before).median()


def _wander(logs, lag):
    """How far each artist's level wanders in ``lag`` weeks, apart from all
    artists' shared movement: the mean square of the change of weekly mean
    log plays over ``lag`` weeks, 2015-04-06 .. 05-31 (after the spring rise,
    before the first test origin), each change less its median over artists."""
    weeks = logs.loc["2015-04-06":"2015-05-31"]
    weeks = weeks.groupby(np.arange(len(weeks)) // 7).mean().to_numpy()
    change = weeks[lag:] - weeks[:-lag]
    return np.mean((change - np.median(change, axis=1, keepdims=True)) ** 2, axis=0)


def statistics(plays):
    """Named statistics of a (days x artists) frame of daily plays."""
    mean = plays.mean()
    logs = np.log1p(plays)
    trend_frame = plays.rolling(7, center=True).mean()
    relative = (plays / trend_frame).groupby(plays.index.dayofweek).mean()
    amplitude = (relative.max() - relative.min()) / 2
    spike_share, spike_left = _spikes(plays)
    history = plays.loc[:"2015-05-31"]
    truth = plays.loc["2015-06-01":"2015-07-31"]
    median = np.tile(history.iloc[-14:].median().to_numpy()[:, None], len(truth))
    lowered = MovingMedian(14, loss="relative_error").fit(history, fh=[1]).predict()
    lowered = np.tile(lowered.to_numpy().T, len(truth))
    six_weeks = _wander(logs, 6)
    first, last = plays.iloc[:28].mean(), plays.iloc[-28:].mean()
    trend = np.log((last + 1) / (first + 1))
    return {
        "artists": plays.shape[1],
        "mean daily plays, 10th pct": mean.quantile(0.1),
        "mean daily plays, median": mean.median(),
        "mean daily plays, 90th pct": mean.quantile(0.9),
        "zero-play days, %": 100 * (plays == 0).to_numpy().mean(),
        "weekly amplitude, median %": 100 * amplitude.median(),
        "day-to-day |diff log|, median": logs.diff().abs().median().median(),
        **_roughness(logs, history),
        "spike days (> 2x 14-day median), %": 100 * spike_share,
        "plays 3 days after a spike / spike": spike_left,
        "trend, log(last 28 / first 28), median": trend.median(),
        "trend, log(last 28 / first 28), std": trend.std(),
        # the real artists rose together through March and early April
        "rise to weeks 6-7, log, median": _rise(logs, "2015-03-01", "2015-04-05"),
        "rise after, to weeks 12-13, median": _rise(logs, "2015-04-05", "2015-05-17"),
        # the real artists' levels wander: the square grows with the lag,
        # little for most artists, far for a few
        "level wander, mean sq. change in 1 week": _wander(logs, 1).mean(),
        "level wander, mean sq. change in 6 weeks": six_weeks.mean(),
        "the same, median artist": np.median(six_weeks),
        "the same, 90th pct artist": np.quantile(six_weeks, 0.9),
        # larger artists move less
        "the same, slope of its log on log level": np.polyfit(
            np.log1p(history.iloc[-56:].median()), np.log(six_weeks + 1e-4), 1
        )[0],
        "moving median F/F_max (05-31, 61 days)": contest_score(
            truth.to_numpy().T, median, normalize=True, zero_truth="skip"
        ),
        # how much knowing the score's asymmetry is worth on the data
        "the same, lowered for the relative error": contest_score(
            truth.to_numpy().T, lowered, normalize=True, zero_truth="skip"
        ),
    }


def generated_plays(n_artists, seed):
    with tempfile.TemporaryDirectory() as folder:
        generate_contest_data(folder, n_artists=n_artists, seed=seed)
        return read_contest_data(folder).plays.astype(float)


def plot(real, generated, path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(2, 2, figsize=(11, 7))
    for name, plays, color in (
        ("real", real, "C0"),
        ("generated", generated, "C1"),
    ):
        bins = np.linspace(0, 4.5, 30)
        axes[0, 0].hist(
            np.log10(plays.mean() + 1), bins, alpha=0.5, color=color, label=name
        )
        diffs = np.log1p(plays).diff().abs().median()
        axes[0, 1].hist(diffs, 30, alpha=0.5, color=color, label=name)
    axes[0, 0].set_title("artist level: log10(mean daily plays + 1)")
    axes[0, 1].set_title("day-to-day noise: median |diff log1p(plays)|")
    for ax, plays, name in (
        (axes[1, 0], real, "real"),
        (axes[1, 1], generated, "generated"),
    ):
        top = plays.mean().sort_values().index[:: max(1, plays.shape[1] // 6)][:6]
        normalised = plays[top] / plays[top].median()
        ax.plot(normalised.index, normalised.to_numpy(), lw=0.8)
        ax.set_yscale("log")
        ax.set_title(f"{name}: six artists, plays / their median")
    axes[0, 0].legend()
    fig.tight_layout()
    fig.savefig(path, dpi=90)
    return fig


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", required=True, help="the real daily table")
    parser.add_argument("--seed", type=int, default=0, help="of the first sample")
    parser.add_argument("--seeds", type=int, default=5, help="generated samples")
    parser.add_argument("--plot", help="save the comparison plot here")
    args = parser.parse_args()
    warnings.simplefilter("ignore")

    real = read_plays_table(args.data).plays.astype(float).loc[:"2015-08-30"]
    samples = [
        generated_plays(real.shape[1], seed)
        for seed in range(args.seed, args.seed + args.seeds)
    ]
    generated = pd.DataFrame([statistics(sample) for sample in samples])
    table = pd.DataFrame(
        {
            "real": statistics(real),
            "generated": generated.median(),
            "lowest": generated.min(),
            "highest": generated.max(),
        }
    )
    print(f"generated: median, lowest and highest of {args.seeds} samples")
    print(table.round(3).to_string())
    if args.plot:
        plot(real, samples[0], args.plot)
        print(f"plot: {args.plot}")


if __name__ == "__main__":
    main()
