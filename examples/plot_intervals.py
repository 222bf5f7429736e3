"""
Prediction intervals you can check
==================================

:class:`~lstmreg.WindowForecaster` calibrates its intervals by split
conformal prediction: a copy of the model is fitted without the most recent
part of the history, its errors on that held-out part (scaled by the
series' typical step) give the interval widths. Nothing is assumed about the
error distribution — so the honest thing is to check the coverage on data the
model has not seen, origin after origin.
"""

# %%
# A year of daily plays, and a model fitted on the first ten months
# -----------------------------------------------------------------
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from sklearn.pipeline import make_pipeline

from lstmreg import LSTMForecaster, WindowForecaster, WindowTransformer

rng = np.random.default_rng(3)
days = pd.date_range("2015-01-01", periods=365, freq="D")
t = np.arange(len(days))
level = 400 * (1 + 0.25 * np.sin(2 * np.pi * t / 7)) * (1 + 0.001 * t)
plays = pd.Series(rng.poisson(level * rng.gamma(20, 1 / 20, t.size)), index=days)
plays = plays.astype(float)
fit_until = 300
horizon = 14

forecaster = WindowForecaster(
    estimator=make_pipeline(
        WindowTransformer(), LSTMForecaster(max_epochs=40, random_state=0)
    ),
    sp=7,
    non_negative=True,
)
forecaster.fit(plays.iloc[:fit_until], fh=range(1, horizon + 1))

# %%
# Coverage at later origins, without refitting
# --------------------------------------------
# ``update`` gives the model the new days; the intervals are then forecast
# from each new origin. We count how often the truth falls inside.
coverages = (0.8, 0.95)
hits = {c: [] for c in coverages}
for origin in range(fit_until, len(plays) - horizon + 1, 7):
    if origin > fit_until:
        forecaster.update(plays.iloc[origin - 7 : origin], update_params=False)
    interval = forecaster.predict_interval(coverage=list(coverages))
    truth = plays.iloc[origin : origin + horizon].to_numpy()
    for c in coverages:
        lower = interval.xs((c, "lower"), axis=1, level=(1, 2)).iloc[:, 0]
        upper = interval.xs((c, "upper"), axis=1, level=(1, 2)).iloc[:, 0]
        hits[c].extend((lower.to_numpy() <= truth) & (truth <= upper.to_numpy()))
for c in coverages:
    print(f"nominal {c:.0%}: covered {np.mean(hits[c]):.1%} of {len(hits[c])} days")

# %%
# The last origin
# ---------------
last = forecaster.predict()
fig, ax = plt.subplots(figsize=(9, 3.5))
ax.plot(plays.index[-70:], plays.iloc[-70:], color="k", lw=1.2, label="plays")
for c, alpha in zip(coverages[::-1], (0.2, 0.35), strict=True):
    lower = interval.xs((c, "lower"), axis=1, level=(1, 2)).iloc[:, 0]
    upper = interval.xs((c, "upper"), axis=1, level=(1, 2)).iloc[:, 0]
    ax.fill_between(
        lower.index, lower, upper, alpha=alpha, color="C0", label=f"{c:.0%} interval"
    )
ax.plot(
    last.index,
    last.iloc[:, 0] if last.ndim == 2 else last,
    color="C0",
    lw=1.5,
    label="forecast",
)
ax.legend(fontsize="small", loc="upper left")
ax.tick_params(axis="x", labelrotation=30)
fig.tight_layout()

# %%
# Conclusion
# ----------
# The empirical coverage printed above is the number to look at, not the
# nominal one: with a calibration set of a few dozen windows the widths are
# estimates too, and a trend or a change of regime after the calibration
# period shows up first as missed coverage. Because the check needs only
# ``update`` and ``predict_interval``, it costs no refitting — run it on your
# own data before you trust the bands.
