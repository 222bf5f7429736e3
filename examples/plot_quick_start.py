"""
Forecasting daily plays with an LSTM, against naive baselines
=============================================================

An artist's daily plays: a trend, a weekly rhythm, song releases that spike
and decay, and noise. We hold out the last four weeks, train a window pipeline
on the history before them, and compare its forecast with the two forecasts
every model must beat: persistence (every future day = the last day) and
seasonal naive (every future day = the same weekday last week).

Run it from the command line to save the figure as ``quick_start.png``.
"""

# %%
# A synthetic series of daily plays
# ---------------------------------
import matplotlib.pyplot as plt
import numpy as np
from sklearn.pipeline import make_pipeline

from lstmreg import LSTMForecaster, WindowTransformer, make_windows

rng = np.random.default_rng(42)
days = np.arange(540)
level = 800 + 1.2 * days
weekly = 1 + 0.35 * np.sin(2 * np.pi * days / 7)
releases = sum(
    2.0 * np.exp(-(days - start) / 6.0) * (days >= start) for start in (120, 300, 470)
)
plays = rng.poisson(level * weekly * (1 + releases)).astype(float)

# %%
# Windows, and a time-ordered hold-out
# ------------------------------------
# Each row holds 56 days of history and the 28 days after them. The test
# window is the last one; training uses only windows whose targets end before
# the test period starts, so nothing of the future leaks into training.
lookback, horizon = 56, 28
X, y = make_windows(plays, lookback=lookback, horizon=horizon)
X_train, y_train = X[:-horizon], y[:-horizon]
x_test, y_test = X[-1:], y[-1]

# %%
# The LSTM pipeline
# -----------------
# Per-step features (plays, 3-day mean and variance) over the last 28 days,
# then a stacked LSTM; every window is scaled by its own level, so the network
# learns shapes, not magnitudes.
model = make_pipeline(
    WindowTransformer(window_size=28),
    LSTMForecaster(hidden_sizes=(35, 10), max_epochs=60, random_state=0),
)
model.fit(X_train, y_train)
forecast = model.predict(x_test)[0]

# %%
# Baselines and scores
# --------------------
history = x_test[0]
persistence = np.full(horizon, history[-1])
seasonal_naive = np.resize(history[-7:], horizon)


def rmse(pred):
    return float(np.sqrt(np.mean((pred - y_test) ** 2)))


scores = {
    "LSTM": rmse(forecast),
    "persistence": rmse(persistence),
    "seasonal naive": rmse(seasonal_naive),
}
for name, score in scores.items():
    print(f"{name:>15}: RMSE {score:8.1f}")

# %%
# The forecast
# ------------
fig, ax = plt.subplots(figsize=(9, 4))
t_hist = days[-horizon - lookback : -horizon]
t_test = days[-horizon:]
ax.plot(t_hist, history, color="0.3", label="history")
ax.plot(t_test, y_test, color="k", lw=2, label="truth")
for name, pred, style in [
    ("LSTM", forecast, "-"),
    ("seasonal naive", seasonal_naive, "--"),
    ("persistence", persistence, ":"),
]:
    ax.plot(t_test, pred, ls=style, lw=2, label=f"{name} (RMSE {scores[name]:.0f})")
ax.set_xlabel("day")
ax.set_ylabel("plays")
ax.legend(loc="upper left", fontsize="small")
fig.tight_layout()
fig.savefig("quick_start.png", dpi=120)

# %%
# Conclusion
# ----------
# The LSTM beats persistence by a wide margin and lands close to seasonal
# naive (on this month, with this seed, slightly behind it): a clean weekly
# rhythm is exactly what seasonal naive captures, so it is the bar to clear,
# and the reason every comparison in lstmreg shows it. A single hold-out is
# one draw; before choosing a model, score it over several forecast origins.
