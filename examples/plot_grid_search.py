"""
Grid search over the window size and the layers
===============================================

``window_size`` is a parameter of :class:`~lstmreg.WindowTransformer`, so
scikit-learn's :class:`~sklearn.model_selection.GridSearchCV` can tune how
many past days the LSTM sees together with its layer sizes — scored by the
contest score, on time-ordered splits whose gap keeps every training target
out of the test period (:class:`~lstmreg.evaluation.WindowSplit`).
"""

# %%
# Windows of three artists
# ------------------------
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from sklearn.model_selection import GridSearchCV
from sklearn.pipeline import Pipeline

from lstmreg import (
    LSTMForecaster,
    WindowSplit,
    WindowTransformer,
    contest_score,
    contest_scorer,
    make_windows,
)

rng = np.random.default_rng(0)
t = np.arange(240)
series = [
    level * (1 + 0.3 * np.sin(2 * np.pi * (t + shift) / 7)) * (1 + 0.002 * t)
    + rng.normal(0, level / 15, t.size)
    for level, shift in ((80.0, 0), (300.0, 2), (1500.0, 5))
]
horizon = 7
train = [s[:-horizon] for s in series]
X, y = make_windows(train, lookback=28, horizon=horizon)
print(X.shape, y.shape)  # rows in time order, three artists interleaved

# %%
# The search
# ----------
pipe = Pipeline(
    [
        ("windows", WindowTransformer()),
        ("lstm", LSTMForecaster(max_epochs=15, random_state=0)),
    ]
)
grid = {
    "windows__window_size": [7, 28],
    "lstm__hidden_sizes": [(16,), (35, 10)],
}
cv = WindowSplit(horizon=horizon, n_splits=2, n_series=len(series))
search = GridSearchCV(pipe, grid, cv=cv, scoring=contest_scorer)
search.fit(X, y)
results = pd.DataFrame(search.cv_results_)
table = results.pivot_table(
    index="param_windows__window_size",
    columns="param_lstm__hidden_sizes",
    values="mean_test_score",
)
print(table.round(3))
print("best:", search.best_params_)

# %%
# The held-out week
# -----------------
# The refitted best pipeline forecasts the last week of each artist from the
# 28 days before it.
history = np.stack([s[-horizon - 28 : -horizon] for s in series])
truth = np.stack([s[-horizon:] for s in series])
forecast = search.predict(history)
score = contest_score(truth, forecast, normalize=True)
print(f"F / F_max on the held-out week: {score:.3f}")

fig, ax = plt.subplots(figsize=(7, 3.5))
table.plot(ax=ax, marker="o")
ax.set_xlabel("window_size (days the LSTM sees)")
ax.set_ylabel("mean F / F_max over the splits")
ax.legend(title="hidden_sizes")
fig.tight_layout()

# %%
# Conclusion
# ----------
# The window length is tuned like any other hyper-parameter, in the same
# search as the layers, because it lives in a transformer. ``WindowSplit``
# drops ``horizon * n_series - 1`` rows between training and test windows:
# with seven targets per window and three artists per time step, a plain
# ``TimeSeriesSplit`` would let the last training windows' targets reach into
# the test days and flatter every score in the table.
