"""Shrinking a network's corrections toward its baseline forecast.

With ``normalize="log"``, ``"last"`` or ``"seasonal"`` a network output of 0
is a baseline forecast (the moving median, the last value, the seasonal
naive forecast), so the network learns
corrections to it. ``shrinkage`` s scales every correction by ``1 - s``.
``shrinkage="cross_fit"`` chooses s on the training windows without a
held-out time tail: the series (``groups``) are dealt into folds, each fold
is forecast by a network trained on the other folds' windows (a member of
the ensemble, or an extra network for an ensemble of one), and s is the
value of :data:`SHRINKAGE_GRID` whose shrunk held-out outputs have the least
training loss. No window is forecast by a network that saw its series.
``shrinkage_scope`` chooses from the same held-out outputs one shrinkage
per series as well (:func:`series_shrinkages`).
"""

import numpy as np
import torch

from ..exceptions import InputError

__all__ = [
    "BASELINE_SCALINGS",
    "CROSS_FIT_NETWORKS",
    "SHRINKAGE_GRID",
    "SHRINKAGE_SCOPES",
    "checked_groups",
    "choose_shrinkage",
    "group_folds",
    "lacks_baseline",
    "misplaced_cross_fit_options",
    "series_shrinkages",
]

# how widely one shrinkage holds: all series, each its own, or halfway
# (the first of each tuple is the default)
SHRINKAGE_SCOPES = ("global", "series", "halfway")
# which networks make the held-out forecasts: the members, or extra ones
CROSS_FIT_NETWORKS = ("members", "extra")

# the candidates, none first: ties keep the network's own corrections
SHRINKAGE_GRID = tuple(round(0.1 * i, 1) for i in range(11))
# the normalize options under which a network output of 0 is a baseline
# forecast (so the output layer starts at zero and corrections can shrink)
BASELINE_SCALINGS = ("log", "last", "seasonal", "auto")


def lacks_baseline(shrinkage, normalize):
    """Whether a ``shrinkage`` is asked for under a ``normalize`` that has
    no baseline to shrink toward; the one place this rule lives (the
    estimator and the command line both ask it)."""
    return bool(shrinkage) and normalize not in BASELINE_SCALINGS


def misplaced_cross_fit_options(model):
    """The cross-fit's own options (``shrinkage_scope``,
    ``cross_fit_networks``) that ``model`` sets away from their defaults
    without ``shrinkage="cross_fit"``, as (name, value) pairs; the one place
    this rule lives (the estimator and the command line both ask it)."""
    if model.shrinkage == "cross_fit":
        return []
    defaults = {
        "shrinkage_scope": SHRINKAGE_SCOPES[0],
        "cross_fit_networks": CROSS_FIT_NETWORKS[0],
    }
    return [
        (name, getattr(model, name))
        for name, default in defaults.items()
        if getattr(model, name) != default
    ]


def group_folds(groups, n_windows, n_folds, seed):
    """The fold of every window: the distinct ``groups`` in a random order
    (from ``seed``) dealt into ``n_folds`` folds (as many as there are
    groups, if fewer), a group's windows together."""
    if groups is None:
        raise InputError(
            "shrinkage='cross_fit' needs `groups`, the series of every window "
            "(WindowForecaster passes them): pass fit(X, y, groups=...), or a "
            "number as `shrinkage`."
        )
    labels, codes = np.unique(checked_groups(groups, n_windows), return_inverse=True)
    if len(labels) < 2:
        raise InputError(
            "shrinkage='cross_fit' forecasts every series with a network trained "
            "without it, so it needs at least 2 series; `groups` names "
            f"{len(labels)}. Pass more series, or a number as `shrinkage`."
        )
    n_folds = min(n_folds, len(labels))
    order = np.random.default_rng(seed).permutation(len(labels))
    fold_of_label = np.empty(len(labels), dtype=np.intp)
    fold_of_label[order] = np.arange(len(labels)) % n_folds
    return fold_of_label[codes]


def checked_groups(groups, n_windows):
    """``groups`` as an array of one label per window, or an error that
    says how many it must hold."""
    groups = np.asarray(groups)
    if groups.shape != (n_windows,):
        raise InputError(
            f"`groups` must hold one label per window, {n_windows}; got shape "
            f"{groups.shape}."
        )
    return groups


def choose_shrinkage(outputs, targets, criterion):
    """The shrinkage of :data:`SHRINKAGE_GRID` whose shrunk ``outputs``
    (held-out network outputs, network scale) have the least ``criterion``
    against ``targets``, and every candidate's loss; ties go to the smaller."""
    outputs, targets = torch.as_tensor(outputs), torch.as_tensor(targets)
    with torch.no_grad():
        scores = {
            s: float(criterion((1 - s) * outputs, targets)) for s in SHRINKAGE_GRID
        }
    return min(scores, key=scores.get), scores


def series_shrinkages(outputs, targets, groups, overall, scope, criterion):
    """The shrinkage of every series (label of ``groups`` -> shrinkage) as
    ``scope`` asks, from the held-out ``outputs``: None for ``"global"``;
    ``"series"``: :func:`choose_shrinkage` on that series' windows alone;
    ``"halfway"``: the grid value nearest the mean of that and ``overall``,
    the choice over all series."""
    if scope == "global":
        return None
    labels, codes = np.unique(np.asarray(groups), return_inverse=True)
    # every series' rows at once, in their order: one sort, not a mask each
    order = np.argsort(codes, kind="stable")
    ends = np.cumsum(np.bincount(codes, minlength=len(labels)))[:-1]
    chosen = {}
    for label, rows in zip(labels, np.split(order, ends), strict=True):
        own = choose_shrinkage(outputs[rows], targets[rows], criterion)[0]
        halfway = float(np.round((own + overall) / 2, 1))
        chosen[label.item()] = own if scope == "series" else halfway
    return chosen
