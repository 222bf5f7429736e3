"""The ``lstmreg`` command: generate contest data, forecast it, compare models."""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from ..exceptions import InputError, LstmregError
from ..nn._losses import LOSSES, normalize_needed
from ..nn._shrinkage import (
    CROSS_FIT_NETWORKS,
    SHRINKAGE_SCOPES,
    lacks_baseline,
    misplaced_cross_fit_options,
)
from ..windows._window_sizing import window_sizing
from ._files import (
    ACTIONS_FILE,
    DAILY_FILE,
    HORIZON,
    SONGS_FILE,
    SUBMISSION_FILE,
    TRUTH_FILE,
    check_artist_id,
    file_names,
    read_submission,
    write_submission,
)
from ._models import (
    CONTEST_MODELS,
    EXTRA_INPUTS,
    contest_forecaster,
    forecast_plays,
)

DEFAULT_ARTISTS = 50


def _number(kind, low, high=None, *, low_open=False, not_zero=False):
    """An argparse type: a finite ``kind`` within [low, high) ((low, high) with
    ``low_open``), optionally not 0; the message names the rule."""
    rule = f"{'>' if low_open else '>='} {low}" + (f" and < {high}" if high else "")

    def parse(text):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
        inside = value > low if low_open else value >= low
        if not (np.isfinite(value) and inside and (high is None or value < high)):
            raise argparse.ArgumentTypeError(f"must be {rule}: {text!r}")
        if not_zero and value == 0:
            raise argparse.ArgumentTypeError(f"must not be 0: {text!r}")
        return value

    return parse


_positive_int = _number(int, 0, low_open=True)
_count = _number(int, 0)
_fraction = _number(float, 0, 1, low_open=True)


def build_parser():
    """The argument parser of ``lstmreg`` and its subcommands."""
    parser = argparse.ArgumentParser(
        prog="lstmreg",
        description="LSTM forecasts of daily plays per artist, in the music "
        "contest's file format.",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    _add_generate(commands)
    _add_model_commands(commands)
    return parser


def _add_generate(commands):
    """``generate``: where to write and how much."""
    generate = commands.add_parser(
        "generate",
        help="write realistic contest-format tables",
        description="Write mars_tianchi_songs.csv, mars_tianchi_user_actions.csv "
        "(183 days of history) and the truth of the 61 days after it.",
    )
    generate.add_argument("out", type=Path, help="directory to write into")
    generate.add_argument("--artists", type=_positive_int, default=DEFAULT_ARTISTS)
    generate.add_argument("--seed", type=_count, default=0)
    generate.add_argument(
        "--scale",
        type=_number(float, 1, 1e7),
        default=250.0,
        help="median daily plays (1 to 1e7)",
    )
    generate.add_argument(
        "--header", action="store_true", help="write header rows (released: none)"
    )
    generate.add_argument(
        "--force", action="store_true", help="replace contest tables already in OUT"
    )
    generate.add_argument(
        "--daily",
        action="store_true",
        help=f"write the daily counts per artist ({DAILY_FILE}, a few hundred "
        "kB) instead of the songs and action rows (hundreds of MB)",
    )


def _add_model_commands(commands):
    """``forecast`` and ``compare``: the data, the model and its settings."""
    for name, text in (
        ("forecast", "forecast daily plays per artist, write the submission"),
        ("compare", "backtest the LSTM against ARIMA and baselines"),
    ):
        sub = commands.add_parser(
            name,
            help=text,
            description=f"{text[0].upper()}{text[1:]}. Without DATA, generates "
            f"the default data (the daily plays of {DEFAULT_ARTISTS} artists) "
            "into OUT/data first.",
        )
        sub.add_argument(
            "data",
            nargs="?",
            type=Path,
            help="directory of the contest's raw tables, or a daily plays table "
            "(artist_id,Plays,Ds or artist_id,Ds,plays[,downloads,collects])",
        )
        sub.add_argument("--out", type=Path, required=True, help="output directory")
        sub.add_argument("--horizon", type=_positive_int, default=HORIZON)
        _add_model_flags(sub)
    commands.choices["forecast"].add_argument(
        "--extra-inputs",
        nargs="+",
        choices=EXTRA_INPUTS,
        default=(),
        help="daily counts the network also sees over each history window, or "
        "the day of the week (calendar; not with the counts); measured on real "
        "plays, none helped",
    )
    commands.choices["forecast"].add_argument(
        "--threads",
        type=_positive_int,
        help="torch's intra-op threads of each network while training (the "
        "default model trains its networks side by side, one per core, "
        "each on 1 thread by default) and while forecasting (default: "
        "torch's own); more than 1 on a machine other work shares can take "
        "several times as long (compare always fits with one)",
    )
    commands.choices["forecast"].add_argument(
        "--max-plots",
        type=_count,
        default=50,
        help="plot this many artists, most played first (default 50)",
    )
    commands.choices["compare"].add_argument(
        "--folds",
        type=_positive_int,
        help="backtest folds of --horizon days (default: 2, or 1 where two "
        "would leave the first too little history for the model's windows)",
    )
    commands.choices["compare"].add_argument(
        "--jobs",
        type=_number(int, -1, not_zero=True),
        default=None,
        help="parallel fits (joblib n_jobs; -1: all cores)",
    )


def _add_model_flags(sub):
    """The model and its settings, for ``forecast`` and ``compare``."""
    sub.add_argument(
        "--model",
        choices=sorted(CONTEST_MODELS),
        default="default",
        help="'default': the set-up chosen on real contest plays (log "
        "plays relative to their 14-day median, relative-error loss, 5 "
        "seeds); 'writeup': the write-up's recursive LSTM",
    )
    sub.add_argument(
        "--loss",
        choices=sorted(LOSSES),
        help="training objective (default: the model's; relative_error "
        "is the contest's own and needs --normalize log)",
    )
    sub.add_argument(
        "--normalize",
        choices=["window", "log", "last"],
        help="per-window scaling: 'log' for counts (log relative to the "
        "recent median), 'window' standardises, 'last' measures changes "
        "from the last value (default: the model's)",
    )
    sub.add_argument(
        "--quantile",
        type=_fraction,
        help="quantile of --loss quantile, in (0, 1)",
    )
    sub.add_argument(
        "--ensemble", type=_positive_int, help="networks from different seeds"
    )
    sub.add_argument(
        "--lookback",
        type=_positive_int,
        help="days of history each training window holds (default: the "
        "model's, 21 for 'default'); every artist needs lookback + 1 days "
        "or more with partial windows, lookback + horizon without",
    )
    sub.add_argument("--epochs", type=_positive_int, help="training epochs")
    sub.add_argument(
        "--steps",
        type=_positive_int,
        help="gradient steps per network at most, whatever the data size "
        "(default: the model's, 300 for 'default'; none for 'writeup')",
    )
    sub.add_argument("--batch-size", type=_positive_int)
    sub.add_argument(
        "--partial-windows",
        action=argparse.BooleanOptionalAction,
        help="also train on the most recent histories, whose days after the "
        "end of the data are left out of the loss (default: the model's, on "
        "for 'default' without the calendar input)",
    )
    sub.add_argument(
        "--shrinkage",
        type=_shrinkage,
        help="pull the network's corrections back toward its baseline (the "
        "14-day median with --normalize log): a number in [0, 1] (1: the "
        "baseline itself), or 'cross_fit' to choose it on the data, each "
        "artist forecast by a network of the ensemble that did not see it "
        "(no extra training; default: none; needs --normalize log or last)",
    )
    sub.add_argument(
        "--shrinkage-scope",
        choices=SHRINKAGE_SCOPES,
        help="with --shrinkage cross_fit: one shrinkage for all artists "
        "(global, the default), one per artist chosen on its own held-out "
        "windows (series), or per artist halfway between the two (halfway)",
    )
    sub.add_argument(
        "--cross-fit-networks",
        choices=CROSS_FIT_NETWORKS,
        help="with --shrinkage cross_fit: which networks forecast the artists "
        "they did not see — the ensemble's members, each trained without some "
        "artists (the default, no extra training), or one extra network per "
        "fold while every member trains on all artists (twice the training)",
    )
    sub.add_argument("--seed", type=_count, default=0)


def _shrinkage(text):
    """An argparse type: ``cross_fit`` or a number in [0, 1]."""
    if text == "cross_fit":
        return text
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not 0 <= value <= 1:  # NaN too
        raise argparse.ArgumentTypeError(
            f"must be 'cross_fit' or a number in [0, 1]: {text!r}"
        )
    return value


def _check_model_flags(parser, args):
    """Refuse model flags that cannot go together, before any work: the
    network's own rules, asked of the model the flags make."""
    if args.command not in ("forecast", "compare"):
        return
    try:
        lstm = _model(args).estimator.named_steps["lstm"]
    except ValueError as error:
        parser.error(str(error).replace("`extra_inputs`", "--extra-inputs"))
    needed = normalize_needed(lstm.loss, lstm.normalize)
    if needed:
        parser.error(
            f"--loss {lstm.loss} needs --normalize {needed} (the model "
            f"{args.model!r} would use --normalize {lstm.normalize})"
        )
    if lacks_baseline(lstm.shrinkage, lstm.normalize):
        parser.error(
            f"--shrinkage needs --normalize log or last (the model "
            f"{args.model!r} would use --normalize {lstm.normalize})"
        )
    misplaced = misplaced_cross_fit_options(lstm)
    if misplaced:
        flag = misplaced[0][0].replace("_", "-")
        parser.error(f"--{flag} needs --shrinkage cross_fit")
    if args.quantile is not None and lstm.loss != "quantile":
        parser.error("--quantile applies only with --loss quantile")


def main(argv=None):
    """Run the command line; return the exit code (2 for a usage error)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    _check_model_flags(parser, args)
    try:
        {"generate": _generate, "forecast": _forecast, "compare": _compare}[
            args.command
        ](args)
    except OSError as error:  # the file system's answer: never a bug of ours
        print(f"lstmreg {args.command}: error: {_os_message(error)}", file=sys.stderr)
        return 2
    except LstmregError as error:  # lstmreg's word on the input: what to change
        print(f"lstmreg {args.command}: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("lstmreg: interrupted", file=sys.stderr)
        return 130
    return 0


def _os_message(error):
    """One line for a file-system error, naming the path."""
    if error.strerror and error.filename:
        return f"{error.filename}: {error.strerror}."
    return str(error)


def _writable_folder(path, flag):
    """Create the output folder ``path`` if needed and check that a file can be
    written in it, before any work; a clear error naming ``flag`` if not."""
    if path.exists() and not path.is_dir():
        raise NotADirectoryError(
            f"{flag} {path} is a file, not a folder; pass a folder to write into "
            "(it is created if it does not exist). Nothing was written."
        )
    try:
        path.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=path):
            pass
    except OSError as error:
        raise PermissionError(
            f"{flag} {path} cannot be written to ({error.strerror or error}); "
            "pass a folder you can write to. Nothing was written."
        ) from None


def _generate(args):
    from ._generate import generate_contest_data

    _writable_folder(args.out, "OUT")
    files = generate_contest_data(
        args.out,
        n_artists=args.artists,
        seed=args.seed,
        scale=args.scale,
        header=args.header,
        overwrite=args.force,
        verbose=True,
        tables="daily" if args.daily else "raw",
    )
    for name, path in files.items():
        print(f"{name:>8}: {path}")


def _load(args):
    """The data of ``args.data`` (a directory of raw tables or a daily plays
    table), or freshly generated default data."""
    from ._generate import generate_contest_data
    from ._plays_table import read_plays_table
    from ._read import read_contest_data

    data_dir = args.data
    if data_dir is None:
        data_dir = args.out / "data"
        tables = (SONGS_FILE, ACTIONS_FILE, DAILY_FILE, TRUTH_FILE)
        held = [name for name in tables if (data_dir / name).exists()]
        if held:
            raise FileExistsError(
                f"{data_dir} already holds {held[0]}, which is kept; use the data "
                f"with `lstmreg {args.command} {data_dir / held[0]} --out "
                f"{args.out}` (a daily table) or `... {data_dir} ...` (raw "
                "tables), or choose another --out."
            )
        print(
            f"No data given: generating the daily plays of {DEFAULT_ARTISTS} "
            f"artists into {data_dir}"
        )
        files = generate_contest_data(
            data_dir, DEFAULT_ARTISTS, seed=args.seed, tables="daily"
        )
        data = read_plays_table(files["daily"])
        data.truth = read_submission(files["truth"])
    elif data_dir.is_file():
        data = read_plays_table(data_dir)
    else:
        data = read_contest_data(data_dir, verbose=True)
    print(f"Read {data_dir}: {data.report}")
    return data


def _check_counts(args, y, model):
    """Refuse negative plays before any training where ``model`` takes their
    logs, naming the first and the flags of a model that takes them."""
    if model.estimator.named_steps["lstm"].normalize != "log":
        return
    negative = y.lt(0).to_numpy()
    if not negative.any():
        return
    day, column = np.argwhere(negative)[0]
    raise InputError(
        f"{args.data}: {negative.sum()} negative plays (the first: "
        f"{y.iat[day, column]:g} for artist {y.columns[column]} on "
        f"{y.index[day]:%Y-%m-%d}), but the model takes the logs of the plays "
        "(--normalize log). Plays are counts: correct those rows, or forecast "
        "them as they are with --normalize window --loss absolute_error."
    )


def _model(args):
    flags = {
        "loss": args.loss,
        "normalize": args.normalize,
        "quantile": args.quantile,
        "ensemble_size": args.ensemble,
        "lookback": args.lookback,
        "max_epochs": args.epochs,
        "max_steps": args.steps,
        "batch_size": args.batch_size,
        "partial_windows": args.partial_windows,
        "shrinkage": args.shrinkage,
        "shrinkage_scope": args.shrinkage_scope,
        "cross_fit_networks": args.cross_fit_networks,
        "n_threads": getattr(args, "threads", None),
    }
    settings = {name: value for name, value in flags.items() if value is not None}
    return contest_forecaster(
        args.model,
        extra_inputs=getattr(args, "extra_inputs", ()),
        random_state=args.seed,
        verbose=True,
        **settings,
    )


def _process_rank(args):
    """This process's rank when ``torchrun`` started several (``WORLD_SIZE``
    > 1), after joining their process group (gloo: the command trains on
    the CPU); 0 otherwise. Every process reads the data, trains its share of
    every batch and ends with the same model; rank 0 writes."""
    if int(os.environ.get("WORLD_SIZE", "1")) <= 1:
        return 0
    if args.data is None:
        raise InputError(
            "Under torchrun every process reads the data: pass DATA (make it "
            "first with `lstmreg generate`), not the default generated into --out."
        )
    import torch.distributed as dist

    if not dist.is_initialized():
        dist.init_process_group("gloo")
    return dist.get_rank()


def _forecast(args):
    rank = _process_rank(args)
    _writable_folder(args.out, "--out")
    data = _load(args)
    y = data.plays.astype(np.float64)
    for artist in y.columns:  # before hours of training, not after
        check_artist_id(artist)
    model = _model(args)
    _check_counts(args, y, model)
    print(
        f"Fitting one {args.model} LSTM on {y.shape[1]} artists x {len(y)} days, "
        f"horizon {args.horizon}"
    )
    start = time.perf_counter()
    forecast = forecast_plays(model, data, args.extra_inputs, args.horizon)
    seconds = time.perf_counter() - start
    if rank:  # the same forecasts as rank 0's, which writes them
        return
    submission = args.out / SUBMISSION_FILE
    write_submission(forecast, submission)
    print(f"Fit and forecast: {seconds:.1f} s. Submission: {submission}")
    lstm = model.estimator_.named_steps["lstm"]
    if lstm.shrinkage_scores_ is not None:
        print(
            f"Shrinkage of the network's corrections, chosen on artists the "
            f"forecasting networks did not see: {lstm.shrinkage_:.1f} (0: none, "
            "1: the baseline, e.g. the 14-day median)"
        )
    if lstm.series_shrinkage_ is not None:
        each = np.array(list(lstm.series_shrinkage_.values()))
        print(
            f"Per artist ({lstm.shrinkage_scope}): {each.min():.1f} to "
            f"{each.max():.1f}, {each.mean():.2f} on average"
        )
    truth = None
    if data.truth is not None:
        truth = data.truth.reindex(index=forecast.index, columns=forecast.columns)
        truth = truth.dropna(how="any")
    _plot_forecasts(args, y, forecast, truth)
    if truth is not None and len(truth):
        _print_scores(args, y, forecast, truth)


def _plot_forecasts(args, y, forecast, truth):
    """One plot per artist, most played first, and an overview of six."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from ..evaluation._plotting import forecast_grid

    order = y.sum().sort_values(ascending=False).index[: args.max_plots]
    plots = args.out / "plots"
    plots.mkdir(exist_ok=True)
    panels = [
        {
            "title": f"artist {str(artist)[:8]}",
            "history": y[artist],
            "truth": None if truth is None else truth[artist],
            "forecasts": {f"LSTM ({args.model})": forecast[artist]},
        }
        for artist in order
    ]
    if not panels:
        print("No plots (--max-plots 0)")
        return
    for name, panel in zip(file_names(order, ".png"), panels, strict=True):
        plt.close(forecast_grid([panel], n_cols=1, path=plots / name))
    plt.close(forecast_grid(panels[:6], n_cols=2, path=args.out / "forecast.png"))
    print(f"Plots: {args.out / 'forecast.png'} and {len(panels)} in {plots}")


def _music_baselines():
    """The baselines the music model is checked against beside the default
    ones: the 14-day median lowered for the contest's relative error."""
    from ..evaluation._baselines import MovingMedian

    return {"MovingMedian, lowered": MovingMedian(14, loss="relative_error")}


def _print_scores(args, y, forecast, truth):
    """F / F_max of the forecast and of the 14-day moving median, plain and
    lowered for the relative error (all artists at once: sktime would fit
    MovingMedian artist by artist, seconds per thousand)."""
    from ..evaluation._baselines import moving_median
    from ..evaluation._metrics import contest_score

    history = y.to_numpy(dtype=np.float64)
    lowered = _music_baselines()["MovingMedian, lowered"].get_params()
    flat = {
        "moving median, 14 days": moving_median(history, 14),
        "moving median lowered for the relative error": moving_median(
            history, **lowered
        ),
    }
    forecasts = {
        f"LSTM ({args.model})": forecast.loc[truth.index, truth.columns].to_numpy(),
        **{
            name: np.tile(pd.Series(values, y.columns)[truth.columns], (len(truth), 1))
            for name, values in flat.items()
        },
    }
    for name, values in forecasts.items():
        score = contest_score(
            truth.to_numpy().T,
            values.T,
            normalize=True,
            zero_truth="skip",
        )
        print(f"F / F_max of {name}: {score:.4f}")
    zeros = int((truth == 0).to_numpy().sum())
    note = f"; {zeros} artist-days with zero plays left out" if zeros else ""
    print(f"(on {len(truth)} days with known truth, {truth.shape[1]} artists{note})")


def _compare(args):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from ..evaluation._baselines import default_baselines
    from ..evaluation._compare import compare

    _writable_folder(args.out, "--out")
    data = _load(args)
    y = data.plays.astype(np.float64)
    model = _model(args)
    _check_counts(args, y, model)
    if data.truth is not None:
        future = data.truth.reindex(columns=y.columns)
        future = future.loc[future.index > y.index[-1]].dropna(how="any")
        y = pd.concat([y, future]).asfreq("D")
        print(
            f"The truth's {len(future)} days extend the series; the last fold "
            f"ends on its last day, {y.index[-1]:%Y-%m-%d}."
        )
    n_folds = args.folds or _default_folds(model, y, args.horizon)
    result = compare(
        y,
        {f"LSTM ({args.model})": model},
        baselines={**default_baselines(sp=7), **_music_baselines()},
        horizon=args.horizon,
        n_folds=n_folds,
        n_jobs=args.jobs,
        scoring=("MASE", "sMAPE", "RMSE", "MAE", "F"),
    )
    summary = result.summary
    with pd.option_context("display.width", 200, "display.max_columns", 20):
        print(summary.round(3).to_string())
    result.scores.to_csv(args.out / "compare_scores.csv", index=False)
    summary.to_csv(args.out / "compare_summary.csv")
    plt.close(result.plot(path=args.out / "compare.png"))
    print(
        f"Scores: {args.out / 'compare_scores.csv'}, summary: "
        f"{args.out / 'compare_summary.csv'}, plot: {args.out / 'compare.png'}"
    )


def _default_folds(model, y, horizon):
    """2 folds, or 1 where the first of two would leave too little history
    for the model's windows; raise where even one would."""
    from ..evaluation._folds import RollingOrigin

    for n_folds in (2, 1):
        try:
            first = RollingOrigin(horizon, n_folds).cutoffs(len(y))[0]
            window_sizing(
                first,
                y.shape[1],
                sp=model.sp or 7,
                horizon=horizon,
                strategy=model.strategy,
                lookback=model.lookback,
                calibration_size=model.calibration_size,
                partial=model.partial_windows,
            )
        except ValueError as error:
            reason = error
            continue
        if n_folds == 1:
            print(
                f"Two folds of {horizon} days would leave {len(y) - 2 * horizon} "
                "days to fit the first on, too few for the model's windows; "
                "comparing on one fold."
            )
        return n_folds
    raise InputError(
        f"One fold of {horizon} days leaves {max(len(y) - horizon, 0)} of the "
        f"{len(y)} days to fit on, too few for the model: {reason} "
        "(--lookback, --horizon)"
    )


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
