"""The LSTMs of other libraries, as a user would set them up for daily plays.

Each ``forecast(y, horizon, seed)`` takes wide daily plays (one column per
artist) and returns the next ``horizon`` days the same way; every network is
about the size of lstmreg's previous music model (two LSTM layers of 64) with
its library's own defaults otherwise. The libraries are optional extras: install
them into a scratch environment with the same torch, e.g.

    python -m venv /tmp/peers && . /tmp/peers/bin/activate
    pip install torch==2.13.0 && pip install -e . neuralforecast darts skforecast keras

``available()`` lists the installed ones and says which are skipped.
"""

import importlib.util
import os

import numpy as np
import pandas as pd

PEERS = {
    "neuralforecast LSTM": "neuralforecast",
    "darts BlockRNNModel": "darts",
    "skforecast ForecasterRnn": "skforecast",
}
_QUIET = {"enable_progress_bar": False, "logger": False, "enable_model_summary": False}


def long_frame(y):
    """Wide daily plays as the long (unique_id, ds, y) frame of Nixtla's
    libraries."""
    frame = y.melt(ignore_index=False, var_name="unique_id", value_name="y")
    return frame.rename_axis("ds").reset_index()


def _days_after(y, horizon):
    return pd.date_range(y.index[-1], periods=horizon + 1, freq="D")[1:]


def neuralforecast_lstm(y, horizon, seed=0):
    """neuralforecast's ``LSTM``: 21 days in (its default, three horizons,
    is longer than the history at 2015-05-31), 2 x 64 encoder, its defaults
    otherwise (1,000 steps of 128 windows, robust scaling)."""
    from neuralforecast import NeuralForecast
    from neuralforecast.models import LSTM

    model = LSTM(
        h=horizon,
        input_size=21,
        encoder_hidden_size=64,
        decoder_hidden_size=64,
        random_seed=seed,
        accelerator="cpu",
        **_QUIET,
    )
    nf = NeuralForecast(models=[model], freq="D")
    nf.fit(long_frame(y))
    out = nf.predict()
    return out.pivot(index="ds", columns="unique_id", values="LSTM")[y.columns]


def darts_block_rnn(y, horizon, seed=0):
    """darts' ``BlockRNNModel(model="LSTM")``: 21 days in, all days out,
    2 x 64, 30 epochs, each series min-max scaled by darts' ``Scaler``."""
    from darts import TimeSeries
    from darts.dataprocessing.transformers import Scaler
    from darts.models import BlockRNNModel

    series = [TimeSeries.from_series(y[c].astype(np.float32)) for c in y.columns]
    scaler = Scaler()
    scaled = scaler.fit_transform(series)
    model = BlockRNNModel(
        model="LSTM",
        input_chunk_length=21,
        output_chunk_length=horizon,
        hidden_dim=64,
        n_rnn_layers=2,
        n_epochs=30,
        random_state=seed,
        pl_trainer_kwargs={"accelerator": "cpu", **_QUIET},
    )
    model.fit(scaled, verbose=False)
    forecast = scaler.inverse_transform(model.predict(horizon, series=scaled))
    values = np.column_stack([f.values()[:, 0] for f in forecast])
    return pd.DataFrame(values, _days_after(y, horizon), y.columns)


def skforecast_rnn(y, horizon, seed=0):
    """skforecast's ``ForecasterRnn``: one multivariate network over all
    artists (21 lags, 2 x 64 LSTM, 30 epochs of 128, keras on torch)."""
    os.environ.setdefault("KERAS_BACKEND", "torch")
    import keras
    from skforecast.deep_learning import ForecasterRnn, create_and_compile_model

    keras.utils.set_random_seed(seed)
    series = y.astype(float)
    series.columns = [str(c) for c in series.columns]
    model = create_and_compile_model(
        series=series, lags=21, steps=horizon, recurrent_units=[64, 64]
    )
    forecaster = ForecasterRnn(
        model,
        levels=list(series.columns),
        lags=21,
        fit_kwargs={"epochs": 30, "batch_size": 128, "verbose": 0},
    )
    forecaster.fit(series)
    out = forecaster.predict(steps=horizon)
    if "level" in out.columns:  # long output: one row per day and level
        out = out.pivot(columns="level", values="pred")
    out.columns = [str(c) for c in out.columns]
    return pd.DataFrame(
        out[series.columns].to_numpy(), _days_after(y, horizon), y.columns
    )


FORECASTS = {
    "neuralforecast LSTM": neuralforecast_lstm,
    "darts BlockRNNModel": darts_block_rnn,
    "skforecast ForecasterRnn": skforecast_rnn,
}


def available(names=None):
    """name -> forecast of the installed peers among ``names`` (all by
    default); prints one line for each one skipped."""
    found = {}
    for name, module in PEERS.items():
        if names is not None and name not in names:
            continue
        if importlib.util.find_spec(module) is None:
            print(f"skipping {name}: {module} is not installed (benchmarks/peers.py)")
        else:
            found[name] = FORECASTS[name]
    return found
