"""LSTMForecaster: a scikit-learn regressor around a skorch-trained stacked LSTM."""

import inspect
import math
from contextlib import contextmanager
from functools import partial
from numbers import Integral, Real

import numpy as np
import torch
from joblib import effective_n_jobs
from sklearn.base import BaseEstimator, RegressorMixin
from sklearn.utils.validation import check_is_fitted
from skorch.callbacks import GradientNormClipping

from .._utils._validation import (
    Interval,
    InvalidParameterError,
    StrOptions,
    _fit_context,
    check_positive_int_tuple,
    refuse_bools,
    refuse_text,
    validate_numbers,
)
from ..exceptions import InputError
from ..windows._scaling import (
    last_value_windows,
    log_level_windows,
    scale_windows,
    seasonal_windows,
    unscale_log_level,
    unscale_targets,
)
from ._distributed import data_parallel, process_group, shared_seed
from ._losses import LOSSES, MaskedLoss, normalize_needed
from ._shrinkage import (
    BASELINE_SCALINGS,
    CROSS_FIT_NETWORKS,
    SHRINKAGE_SCOPES,
    checked_groups,
    choose_shrinkage,
    group_folds,
    lacks_baseline,
    misplaced_cross_fit_options,
    series_shrinkages,
)
from ._side_by_side import drawing_from, generator_after_seeding, run_side_by_side
from ._skorch_plumbing import (
    EpochProgressBar,
    InterruptibleNet,
    OneCycle,
    PatienceStopping,
    StopOnDivergence,
    TailSplit,
    TensorBatches,
    n_batches,
)
from ._torch_module import StackedLSTM

__all__ = ["LSTMForecaster"]

_OPTIMIZERS = {
    "adam": torch.optim.Adam,
    "adamw": torch.optim.AdamW,
    "rmsprop": torch.optim.RMSprop,
    "sgd": torch.optim.SGD,
}
# the named optimizers with torch's fused step (on the CPU and on CUDA)
_FUSED = ("adam", "adamw", "sgd")
_FLOAT32_MAX = float(np.finfo(np.float32).max)
# what the networks of ``nets_`` are built and trained from; warm_start and
# partial_fit refuse to continue them once one of these has changed
_NETWORK_PARAMS = (
    "hidden_sizes",
    "head_sizes",
    "linear_skip",
    "dropout",
    "normalize",
    "loss",
    "quantile",
    "level_window",
    "sp",
    "ensemble_size",
    "missing_targets",
    "optimizer",
    "weight_decay",
    "lr_schedule",
    "validation_fraction",
    "patience",
    "gradient_clip",
)

# parameters that are shares, sizes or counts, where a bool is a mistake
_NUMBERS = (
    "dropout",
    "quantile",
    "level_window",
    "sp",
    "ensemble_size",
    "shrinkage",
    "max_epochs",
    "max_steps",
    "lr",
    "batch_size",
    "weight_decay",
    "validation_fraction",
    "patience",
    "gradient_clip",
    "n_jobs",
    "n_threads",
)


def _check_float32_range(values: np.ndarray, name: str) -> None:
    largest = float(np.max(np.abs(values), initial=0.0))
    if largest > _FLOAT32_MAX:
        raise InputError(
            f"`{name}` has values too large for float32 (largest magnitude "
            f"{largest:.3g} > {_FLOAT32_MAX:.3g}); rescale the data, e.g. divide "
            "by a constant or take logs. (Features such as WindowTransformer's "
            "rolling variance grow as the square of the data: series above "
            "about 1e19 overflow it.)"
        )


def _one_step_for_all_tensors(optimizer):
    """The skorch keyword that makes a named ``optimizer`` update all of a
    network's tensors at once instead of one after another (torch's default
    on the CPU): one fused kernel (``fused=True``) for Adam, AdamW and SGD,
    which torch has on the CPU and on CUDA (the devices LSTMForecaster
    takes), one kernel call per operation (``foreach=True``) for RMSprop;
    none for an optimizer class, which is built with its own defaults.

    The fused step takes 4 to 10 % less of a small network's training time
    than the multi-tensor one (``benchmarks/bench_training_loop.py``); it
    rounds differently, so the networks differ from the other steps' in the
    last bits, which training carries on (as a change of seed would).

    Examples
    --------
    >>> _one_step_for_all_tensors("adam")
    {'optimizer__fused': True}
    >>> _one_step_for_all_tensors("rmsprop")
    {'optimizer__foreach': True}
    """
    if not isinstance(optimizer, str):
        return {}
    if optimizer in _FUSED:
        return {"optimizer__fused": True}
    return {"optimizer__foreach": True}


def _takes_weight_decay(optimizer):
    """Whether ``optimizer`` (a name or an optimizer class) is built with a
    ``weight_decay`` keyword.

    Examples
    --------
    >>> _takes_weight_decay("sgd"), _takes_weight_decay(torch.optim.LBFGS)
    (True, False)
    """
    if isinstance(optimizer, str):
        return True
    parameters = inspect.signature(optimizer).parameters.values()
    return any(
        p.name == "weight_decay" or p.kind is inspect.Parameter.VAR_KEYWORD
        for p in parameters
    )


def _check_weight_decay(optimizer, weight_decay, lr):
    """Refuse a ``weight_decay`` the optimizer has no keyword for, and one
    that AdamW (every step multiplies the weights by ``1 - lr *
    weight_decay``) would turn into a sign flip of every weight."""
    if weight_decay is None:
        return
    if not _takes_weight_decay(optimizer):
        raise InputError(
            f"The optimizer {optimizer.__name__} takes no `weight_decay`; "
            "leave weight_decay=None or pick an optimizer that has one "
            "(e.g. optimizer='adamw')."
        )
    decoupled = issubclass(_OPTIMIZERS.get(optimizer, optimizer), torch.optim.AdamW)
    if decoupled and lr * weight_decay >= 1:
        raise InputError(
            "With AdamW every step multiplies the weights by 1 - lr * "
            f"weight_decay, here 1 - {lr:g} * {weight_decay:g} <= 0; pass "
            f"a `weight_decay` below 1 / lr ({1 / lr:g}) or a lower `lr`."
        )


def _device_key(device):
    """A device's kind and number, the first GPU for a bare "cuda"."""
    device = torch.device(device)
    return device.type, device.index or 0


def _check_device(device: str) -> None:
    try:
        kind = torch.device(device).type
    except RuntimeError:
        raise InputError(
            f"`device` ({device!r}) is not a torch device; pass 'cpu' or 'cuda'."
        ) from None
    if kind not in ("cpu", "cuda"):
        raise InputError(
            f"`device` ({device!r}) is not supported by LSTMForecaster; pass "
            "'cpu' or 'cuda' (or 'cuda:N')."
        )
    if kind == "cuda" and not torch.cuda.is_available():
        raise InputError(
            f"`device` is {device!r} but torch finds no CUDA device here; "
            "pass device='cpu'."
        )


@contextmanager
def torch_threads(n_threads):
    """torch's intra-op threads at ``n_threads`` inside (None: unchanged)."""
    if n_threads is None:
        yield
        return
    before = torch.get_num_threads()
    torch.set_num_threads(n_threads)
    try:
        yield
    finally:
        torch.set_num_threads(before)


def _draw_seed(random_state) -> int:
    """A torch seed from ``random_state`` that leaves NumPy's global RNG alone."""
    if random_state is None:
        return int(np.random.default_rng().integers(2**31))
    if isinstance(random_state, Integral):
        return int(random_state)
    return int(random_state.randint(2**31))


class LSTMForecaster(RegressorMixin, BaseEstimator):
    """Stacked-LSTM regressor from windows of history to the next values.

    Each sample is one window of history, ``X[i]`` of shape
    ``(n_steps, n_features)`` (or ``(n_steps,)`` for one feature per step,
    as from :func:`~lstmreg.make_windows`), and ``y[i]`` the value or the
    ``horizon`` values that follow it: one network predicts all steps at once.
    The network is a stack of :class:`torch.nn.LSTM` layers of individual
    widths and a dense head, trained by a fresh
    :class:`skorch.NeuralNetRegressor` (``net_``) on every call to ``fit``;
    ``ensemble_size`` > 1 trains that many from different seeds and forecasts
    their median.

    Parameters
    ----------
    hidden_sizes : tuple of int, default=(35, 10)
        Width of each LSTM layer, first to last.
    head_sizes : tuple of int, default=()
        Widths of ReLU layers between the last LSTM state and the linear
        output layer; ``()`` maps the state to the outputs directly.
    linear_skip : bool, default=False
        If True, the whole normalised window also passes through one linear
        layer straight to the outputs, started at zero and added to the
        LSTM's output (LSTNet's "highway"): the network is a linear
        autoregression plus what the LSTM learns beyond it. With few
        windows (a short seasonal series) the linear part learns what the
        LSTM learns slowly, such as the value one season back.
    dropout : float, default=0.0
        Dropout on the output of every LSTM and head layer while training,
        in ``[0, 1)``.
    normalize : {"window", "log", "last", "seasonal", "auto"} or None, \
default="window"
        How each window is scaled, so that one network serves series of any
        magnitude; predictions are scaled back. Both options scale the
        targets like the first per-step feature, which must therefore be the
        target's own history (as :class:`~lstmreg.WindowTransformer` orders
        its output).

        - ``"window"`` standardises every window by its own mean and standard
          deviation over time (each feature separately). For any real-valued
          series, including negative ones.
        - ``"log"`` takes ``log1p`` of the history and subtracts the median of
          its last ``level_window`` log values; targets likewise. The network
          learns relative changes from a robust recent level, and an output
          of 0 forecasts that level (the moving median). For counts and
          other non-negative series, spiky ones and ones that grow
          multiplicatively. Other features are standardised as by
          ``"window"``.
        - ``"last"`` subtracts each window's last value and divides by the
          standard deviation of its first differences; targets likewise. An
          output of 0 forecasts the last value (the naive forecast), so the
          network learns changes from it. For real-valued series that
          wander or trend, where a window's own mean is a poor anchor. Other
          features are standardised as by ``"window"``.
        - ``"seasonal"`` scales the inputs as ``"last"`` does, but each
          target relative to the value at the same step of the window's
          last season (``sp`` steps before it, or a multiple): an output of
          0 forecasts the seasonal naive forecast, so the network learns
          corrections to it instead of having to carry a value across a
          season, which an LSTM learns slowly (hourly series with a daily
          season). Windows shorter than ``sp`` and ``sp=1`` as ``"last"``.
        - ``"auto"`` chooses at ``fit`` between ``"seasonal"`` and
          ``"last"`` the one whose baseline forecast (the network's output
          of 0) has the smaller absolute error on the training windows'
          targets, each in units of its window's typical step: the
          seasonal naive forecast where the season explains the next
          ``n_outputs`` steps better than the last value does, the last
          value elsewhere (``normalize_`` says which).
        - ``None`` feeds the values as they are.
    loss : {"squared_error", "absolute_error", "huber", "quantile", \
"relative_error"}, default="squared_error"
        The training objective, on the normalised scale.

        - ``"squared_error"``: forecasts the mean.
        - ``"absolute_error"``: forecasts the median; robust to spikes.
        - ``"huber"``: squared near 0, absolute beyond 1 (one window spread
          or one log unit); a compromise between the two.
        - ``"quantile"``: the pinball loss of the ``quantile``-th quantile,
          for a deliberately low or high forecast.
        - ``"relative_error"``: the squared relative error
          ``((S - T) / T) ** 2`` of forecast ``S`` and truth ``T``, the
          music contest's per-day error, which punishes over-forecasting.
          Needs ``normalize="log"``. A target more than 20 times below its
          forecast (a day without plays, an outage) counts as 20 times
          below and teaches nothing, so it cannot drag other series down.
    quantile : float, default=0.5
        The quantile of ``loss="quantile"``, in ``(0, 1)``.
    level_window : int, default=14
        Steps whose median is the level with ``normalize="log"`` (all of a
        window's steps where it has fewer: 28 on windows of 21 is 21).
    sp : int, default=1
        The windows' seasonal period in steps, for ``normalize="seasonal"``
        (24 for hourly values with a daily season);
        :class:`~lstmreg.WindowForecaster` sets it on its default network.
    missing_targets : {"error", "mask"}, default="error"
        What a NaN in ``y`` means. ``"error"``: a mistake, refused with a
        message. ``"mask"``: a target that is unknown, such as the steps
        after the end of the data of a window whose horizon runs past it
        (:func:`~lstmreg.make_windows` with ``partial=True``,
        :class:`~lstmreg.WindowForecaster` with ``partial_windows=True``):
        it is left out of the loss, which is the mean over the known
        targets. ``X`` must still be finite.
    ensemble_size : int, default=1
        Number of networks trained from different seeds (drawn from
        ``random_state``); the prediction is their median, which is steadier
        than any one network when there are few training windows.
    shrinkage : float in [0, 1], "cross_fit" or None, default=None
        How far the network's corrections to its baseline forecast are
        pulled back toward that baseline, with ``normalize="log"`` (the
        moving median), ``"last"`` (the last value) or ``"seasonal"`` (the
        seasonal naive forecast), where an output of 0
        forecasts the baseline: the outputs are scaled by ``1 - shrinkage``
        before the scaling is undone. ``None`` or 0 keeps them, 1 forecasts
        the baseline. ``"cross_fit"`` chooses it at ``fit`` from 0, 0.1,
        ..., 1 on the training data, by the training loss of forecasts made
        for series the forecasting network did not see: ``fit`` takes
        ``groups`` (the series of every window;
        :class:`~lstmreg.WindowForecaster` passes them) and deals the series
        into ``ensemble_size`` folds (at most one a series). Member i of the
        ensemble trains on every fold but fold i and forecasts fold i — no
        extra training; each member sees the other folds' share of the
        series (``cross_fit_networks`` can train extra networks instead).
        With ``ensemble_size=1``, two extra networks, one per half
        of the series, make the held-out forecasts and are dropped. The best
        shrinkage differs between data sets (see the music page), which is
        why it is chosen on the user's own series.
    shrinkage_scope : {"global", "series", "halfway"}, default="global"
        With ``shrinkage="cross_fit"``: one shrinkage for all series
        (``"global"``), one per series chosen on that series' held-out
        windows alone (``"series"``), or per series the grid value nearest
        halfway between its own and the global one (``"halfway"``), kept
        in ``series_shrinkage_``; ``predict(X, groups=...)`` applies each
        row's series' shrinkage, and the global one to rows of series not
        seen in ``fit`` (:class:`~lstmreg.WindowForecaster` passes its
        series). Measured on real plays in :doc:`/choosing_defaults`.
    cross_fit_networks : {"members", "extra"}, default="members"
        Which networks make ``shrinkage="cross_fit"``'s held-out forecasts:
        the ensemble's own members, member i trained without fold i (no
        extra training; each member sees the other folds' share of the
        series), or ``ensemble_size`` extra networks, one per fold, trained
        without it and dropped, while every member trains on all series
        (twice the training). An ensemble of one always uses two extra
        networks.
    max_epochs : int, default=200
        Maximum number of passes over the training data.
    max_steps : int or None, default=None
        A cap on the gradient steps per network, whatever the number of
        windows: when ``max_epochs`` full passes would take more, every
        epoch trains on a fresh random sample of ``ceil(max_steps /
        max_epochs)`` batches instead of all windows. Training time then
        stops growing with the data (for many long series, where
        consecutive windows of one series are nearly the same); ``None``:
        full passes.
    lr : float, default=3e-3
        Learning rate of the optimizer (with ``lr_schedule="one_cycle"``, its
        peak).
    lr_schedule : {"constant", "one_cycle"}, default="constant"
        ``"constant"`` keeps ``lr`` throughout. ``"one_cycle"`` runs torch's
        :class:`~torch.optim.lr_scheduler.OneCycleLR` over the steps of every
        ``fit``: up from ``lr / 25`` over the first 30 %, then down to
        ``lr / 25e4`` — it converges in fewer steps (with ``max_steps``).
    batch_size : int, default=32
        Windows per gradient step.
    optimizer : {"adam", "adamw", "rmsprop", "sgd"} or torch optimizer class, \
default="adam"
        The optimizer, by name or as a :class:`torch.optim.Optimizer` subclass.
        A name steps all of a network's tensors at once, faster than one
        tensor at a time: ``"adam"``, ``"adamw"`` and ``"sgd"`` in one
        fused kernel (torch's ``fused=True``, on the CPU and on CUDA;
        rounded a little differently), ``"rmsprop"`` in one kernel call per
        operation (``foreach=True``; the same numbers). A class is built
        with its own defaults.
    weight_decay : float or None, default=None
        The optimizer's weight decay (torch's ``weight_decay``); ``None``
        keeps the optimizer's own (0, or 0.01 for ``"adamw"``). With
        ``"adamw"`` every step shrinks the weights by ``lr * weight_decay``
        of themselves, apart from the gradient; with the other optimizers it
        adds ``weight_decay`` times the weights to the gradient (an L2
        penalty). With a ``normalize`` that starts from a baseline
        (``"last"``, ``"seasonal"``, ``"auto"``, ``"log"``), whose output
        layer starts at zero, the decay pulls the network's corrections back
        toward that baseline wherever the data do not hold them up (measured
        in :doc:`/choosing_defaults`).
    validation_fraction : float, default=0.2
        Share of the windows, taken from the end (the most recent, as rows
        are in time order), held out to monitor the validation loss for
        early stopping. ``0`` trains on all windows without validation.
    patience : int or None, default=50
        Stop after this many epochs without improvement of the validation
        loss and restore the best weights. ``None`` disables early stopping.
        Ignored when ``validation_fraction=0``.
    gradient_clip : float or None, default=1.0
        Clip the norm of all gradients to this value; ``None`` disables it.
    warm_start : bool, default=False
        If True, ``fit`` continues training the fitted networks (and their
        optimizer's state) instead of starting from fresh weights, for the
        ``max_epochs`` (or ``max_steps``), ``batch_size``, ``lr`` and
        ``verbose`` set now. The parameters the networks were built and
        trained with (their sizes, loss, optimizer, ...) and their ``device``
        must stay as they were.
    random_state : int, RandomState instance or None, default=None
        Seeds the weights, shuffling and dropout. The same int gives the same
        predictions; the caller's global torch and NumPy random states are
        left untouched.
    device : str, default="cpu"
        torch device to train and predict on, e.g. ``"cuda"``. A fitted
        model unpickled where that device is missing moves to the CPU.
    n_jobs : int or None, default=None
        Networks of the ensemble trained (and predicting) side by side, one
        Python thread each, on the CPU (torch computes outside Python's
        lock, so the threads keep as many cores busy). ``None`` means 1 unless in a
        :func:`joblib.parallel_config` context; ``-1`` means all cores (at
        most ``ensemble_size`` threads either way). Each thread trains with
        ``n_threads`` intra-op threads (``None``: 1), and every network draws
        its shuffles and dropout masks from its own generator, so the
        forecasts are those of ``n_jobs=1`` with the same ``n_threads``. On
        a GPU, and inside a ``torch.distributed`` process group (whose
        processes are the parallelism), the networks train one after
        another. Two networks side by side take about half the time of one
        network on two intra-op threads (:doc:`/performance`).
    n_threads : int or None, default=None
        torch's intra-op threads while training and predicting (restored
        after); ``None`` leaves torch's setting (as many as cores), or 1 in
        each of ``n_jobs`` threads. Pass 1 on a machine other work shares:
        one thread cannot thrash (measured on :doc:`/performance`). The
        thread count moves float sums, so the same seed gives the same
        predictions across machines only with the same ``n_threads``.
    verbose : int, default=0
        If positive, show a progress bar over epochs with the latest losses.

    Attributes
    ----------
    nets_ : list of skorch.NeuralNetRegressor
        The trained networks, ``ensemble_size`` of them.
    net_ : skorch.NeuralNetRegressor
        The first of ``nets_``; ``net_.history`` holds the losses per epoch.
    n_features_in_ : int
        Number of time steps per window seen in ``fit`` (``X.shape[1]``).
    n_features_per_step_ : int
        Number of features per time step (1 for 2-D ``X``).
    n_outputs_ : int
        Number of predicted values per window.
    normalize_ : str or None
        The scaling in use: ``normalize``, or the one ``"auto"`` chose.
    n_epochs_ : int
        Number of epochs trained in total.
    shrinkage_ : float
        The shrinkage applied to the corrections (``shrinkage`` as given, 0
        for None, or the one ``"cross_fit"`` chose).
    shrinkage_scores_ : dict or None
        With ``shrinkage="cross_fit"``, the training loss of the held-out
        forecasts at every candidate shrinkage; else None.
    series_shrinkage_ : dict or None
        With ``shrinkage_scope`` "series" or "halfway", the shrinkage of
        every series of the ``groups`` passed to ``fit`` (label ->
        shrinkage); else None.

    See Also
    --------
    WindowTransformer : Turns history rows into per-step features.
    make_windows : Frames series as ``(X, y)`` windows.

    Notes
    -----
    Training runs in float32. Rows are taken to be in time order: the
    validation tail is the last ``validation_fraction`` of them, never
    skorch's default random split, which on windows validates on the past.
    A loss that becomes NaN or infinite stops training with a
    :class:`~lstmreg.DivergenceError`.

    Inside an initialised ``torch.distributed`` process group of several
    processes (e.g. started by ``torchrun``), ``fit`` trains one model
    data-parallel with ``DistributedDataParallel``: every process must call
    it, with the same ``X`` and ``y``; each trains on its share of every
    batch of ``batch_size`` windows and all end with the same networks
    (see the user guide's distributed training page).

    Examples
    --------
    >>> import numpy as np
    >>> from lstmreg import LSTMForecaster, make_windows
    >>> series = np.sin(np.arange(200) / 5)
    >>> X, y = make_windows(series, lookback=20, horizon=3)
    >>> model = LSTMForecaster(hidden_sizes=(8,), max_epochs=5, random_state=0)
    >>> model.fit(X, y).predict(X[-2:]).shape
    (2, 3)
    """

    _parameter_constraints: dict = {
        "hidden_sizes": [tuple, list],
        "head_sizes": [tuple, list],
        "linear_skip": ["boolean"],
        "dropout": [Interval(Real, 0, 1, closed="left")],
        "normalize": [
            StrOptions({"window", "log", "last", "seasonal", "auto"}),
            None,
        ],
        "loss": [StrOptions(set(LOSSES))],
        "quantile": [Interval(Real, 0, 1, closed="neither")],
        "level_window": [Interval(Integral, 1, None, closed="left")],
        "sp": [Interval(Integral, 1, None, closed="left")],
        "missing_targets": [StrOptions({"error", "mask"})],
        "ensemble_size": [Interval(Integral, 1, None, closed="left")],
        "shrinkage": [
            Interval(Real, 0, 1, closed="both"),
            StrOptions({"cross_fit"}),
            None,
        ],
        "shrinkage_scope": [StrOptions(set(SHRINKAGE_SCOPES))],
        "cross_fit_networks": [StrOptions(set(CROSS_FIT_NETWORKS))],
        "max_epochs": [Interval(Integral, 1, None, closed="left")],
        "max_steps": [Interval(Integral, 1, None, closed="left"), None],
        "lr": [Interval(Real, 0, None, closed="neither")],
        "lr_schedule": [StrOptions({"constant", "one_cycle"})],
        "batch_size": [Interval(Integral, 1, None, closed="left")],
        "optimizer": [StrOptions(set(_OPTIMIZERS)), type],
        "weight_decay": [Interval(Real, 0, None, closed="left"), None],
        "validation_fraction": [Interval(Real, 0, 1, closed="left")],
        "patience": [Interval(Integral, 1, None, closed="left"), None],
        "gradient_clip": [Interval(Real, 0, None, closed="neither"), None],
        "warm_start": ["boolean"],
        "random_state": ["random_state"],
        "device": [str],
        "n_jobs": [Integral, None],
        "n_threads": [Interval(Integral, 1, None, closed="left"), None],
        "verbose": ["verbose"],
    }

    def __init__(
        self,
        hidden_sizes=(35, 10),
        *,
        head_sizes=(),
        linear_skip=False,
        dropout=0.0,
        normalize="window",
        loss="squared_error",
        quantile=0.5,
        level_window=14,
        sp=1,
        missing_targets="error",
        ensemble_size=1,
        shrinkage=None,
        shrinkage_scope="global",
        cross_fit_networks="members",
        max_epochs=200,
        max_steps=None,
        lr=3e-3,
        lr_schedule="constant",
        batch_size=32,
        optimizer="adam",
        weight_decay=None,
        validation_fraction=0.2,
        patience=50,
        gradient_clip=1.0,
        warm_start=False,
        random_state=None,
        device="cpu",
        n_jobs=None,
        n_threads=None,
        verbose=0,
    ):
        self.hidden_sizes = hidden_sizes
        self.head_sizes = head_sizes
        self.linear_skip = linear_skip
        self.dropout = dropout
        self.normalize = normalize
        self.loss = loss
        self.quantile = quantile
        self.level_window = level_window
        self.sp = sp
        self.missing_targets = missing_targets
        self.ensemble_size = ensemble_size
        self.shrinkage = shrinkage
        self.shrinkage_scope = shrinkage_scope
        self.cross_fit_networks = cross_fit_networks
        self.max_epochs = max_epochs
        self.max_steps = max_steps
        self.lr = lr
        self.lr_schedule = lr_schedule
        self.batch_size = batch_size
        self.optimizer = optimizer
        self.weight_decay = weight_decay
        self.validation_fraction = validation_fraction
        self.patience = patience
        self.gradient_clip = gradient_clip
        self.warm_start = warm_start
        self.random_state = random_state
        self.device = device
        self.n_jobs = n_jobs
        self.n_threads = n_threads
        self.verbose = verbose

    @_fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, y, groups=None):
        """Train the network on windows ``X`` and targets ``y``.

        Starts from fresh weights unless ``warm_start=True`` (which keeps the
        shrinkage ``"cross_fit"`` chose before).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_steps) or \
(n_samples, n_steps, n_features)
            Windows of history, oldest step first, rows in time order.
        y : array-like of shape (n_samples,) or (n_samples, n_outputs)
            The value(s) following each window.
        groups : array-like of shape (n_samples,), default=None
            The series each window comes from; used (and needed) only by
            ``shrinkage="cross_fit"``.

        Returns
        -------
        self : LSTMForecaster
            The fitted estimator.
        """
        continuing = self.warm_start and hasattr(self, "nets_")
        return self._train(X, y, reset=not continuing, epochs=None, groups=groups)

    @_fit_context(prefer_skip_nested_validation=True)
    def partial_fit(self, X, y):
        """Train for one more epoch, starting from fresh weights on first call.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_steps) or \
(n_samples, n_steps, n_features)
            Windows of history, oldest step first, rows in time order.
        y : array-like of shape (n_samples,) or (n_samples, n_outputs)
            The value(s) following each window.

        Returns
        -------
        self : LSTMForecaster
            The updated estimator.
        """
        first = not hasattr(self, "nets_")
        if first and self.shrinkage == "cross_fit":
            raise InputError(
                "shrinkage='cross_fit' is chosen by fit, from whole training "
                "runs; call fit(X, y, groups=...) first (partial_fit then keeps "
                "its choice), or pass a number as `shrinkage`."
            )
        return self._train(X, y, reset=first, epochs=1)

    def predict(self, X, groups=None):
        """Predict the value(s) following each window.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_steps) or \
(n_samples, n_steps, n_features)
            Windows shaped like those passed to ``fit``.
        groups : array-like of shape (n_samples,), default=None
            The series of every window, labelled as in ``fit``. With a
            shrinkage per series (``shrinkage_scope``), each row gets its
            series' shrinkage, or ``shrinkage_`` for a series not seen in
            ``fit`` (and for every row without ``groups``); ignored
            otherwise.

        Returns
        -------
        y_pred : ndarray of shape (n_samples,) or (n_samples, n_outputs)
            Same number of dimensions as the ``y`` passed to ``fit``.
        """
        check_is_fitted(self)
        X = self._validate_X(X, reset=False)
        X32, _, unscale = self._to_network_scale(X)
        keep = 1.0 - self._row_shrinkage(groups, len(X32))
        with torch_threads(self.n_threads):
            outputs = self._on_each(
                lambda net: partial(self._outputs, net, X32), self.nets_
            )
        y_pred = np.median([unscale(keep * out) for out in outputs], axis=0)
        if not np.isfinite(y_pred).all():
            raise InputError(
                "The network produced non-finite predictions; refit with a lower "
                f"`lr` (now {self.lr}) or with `normalize='window'`."
            )
        return y_pred.ravel() if self._y_1d else y_pred

    def _row_shrinkage(self, groups, n_rows):
        """The shrinkage of every row: ``shrinkage_``, or with a shrinkage
        per series and ``groups``, a column of each row's series' one."""
        chosen = getattr(self, "series_shrinkage_", None)
        if chosen is None or groups is None:
            return self.shrinkage_
        labels = checked_groups(groups, n_rows).tolist()
        rows = [chosen.get(label, self.shrinkage_) for label in labels]
        return np.array(rows)[:, None]

    @staticmethod
    def _outputs(net, X32):
        """One network's outputs for windows ``X32`` (without the padding)."""
        return net.predict(X32)[: len(X32)].astype(np.float64)

    def _train(self, X, y, *, reset, epochs, groups=None):
        optimizer = self.optimizer
        if isinstance(optimizer, type) and not issubclass(
            optimizer, torch.optim.Optimizer
        ):
            raise InvalidParameterError(
                "The 'optimizer' parameter must be a name such as 'adam' or a "
                f"torch.optim.Optimizer subclass. Got {optimizer!r} instead."
            )
        refuse_bools(self, _NUMBERS)
        _check_weight_decay(optimizer, self.weight_decay, self.lr)
        check_positive_int_tuple("hidden_sizes", self.hidden_sizes)
        check_positive_int_tuple("head_sizes", self.head_sizes, allow_empty=True)
        _check_device(self.device)
        needed = normalize_needed(self.loss, self.normalize)
        if needed:
            raise InputError(
                f"loss={self.loss!r} compares forecasts on a {needed} scale; pass "
                f"normalize={needed!r} with it (got normalize={self.normalize!r})."
            )
        misplaced = misplaced_cross_fit_options(self)
        if misplaced:
            name, value = misplaced[0]
            raise InputError(
                f"{name}={value!r} sets how shrinkage='cross_fit' makes or uses "
                f"its held-out forecasts; pass shrinkage='cross_fit' (now "
                f"{self.shrinkage!r}) or leave {name} at its default."
            )
        if lacks_baseline(self.shrinkage, self.normalize):
            raise InputError(
                f"shrinkage={self.shrinkage!r} pulls the network's corrections "
                "toward its baseline forecast, which only normalize='log' (the "
                "moving median), normalize='last' (the last value) and "
                "normalize='seasonal' (the seasonal naive forecast) have; got "
                f"normalize={self.normalize!r}. Pass one of them, or shrinkage=None."
            )
        if not reset:
            self._check_same_networks()
        X, y = self._validate_X(X, y, reset=reset)
        y2d = y.reshape(len(y), -1)  # never let a 1-D y broadcast in the loss
        if reset:
            self._y_1d = y.ndim == 1
            self.n_outputs_ = y2d.shape[1]
        elif y2d.shape[1] != self.n_outputs_:
            raise InputError(
                f"`y` has {y2d.shape[1]} output(s) per sample but the model was "
                f"fitted with {self.n_outputs_}; pass targets of the fitted shape "
                "or refit with warm_start=False."
            )
        _check_float32_range(y2d, "y")
        if reset:
            self.normalize_ = self._chosen_normalize(X, y2d)
        X32, y_scaled, _ = self._to_network_scale(X, y2d)
        if self.normalize is not None:
            _check_float32_range(y_scaled, "y scaled by each window's spread")
        y32 = y_scaled.astype(np.float32)

        cuda = list(range(torch.cuda.device_count()))
        with torch.random.fork_rng(devices=cuda), torch_threads(self.n_threads):
            seed = shared_seed(_draw_seed(self.random_state))
            cross_fit = self.shrinkage == "cross_fit" and reset and epochs is None
            if cross_fit:  # checked before any training
                n_folds = max(2, self.ensemble_size)
                folds = group_folds(groups, len(X32), n_folds, seed)
            if reset:
                self.nets_ = [self._build_net() for _ in range(self.ensemble_size)]
                self._networks = self._network_params()
            # with two or more members, member i trains without fold i and
            # forecasts it: the held-out forecasts cost no extra training;
            # an ensemble of one trains an extra network per fold
            members_fold = (
                cross_fit
                and self.ensemble_size > 1
                and self.cross_fit_networks == "members"
            )
            jobs = [
                (net, folds != i if members_fold else slice(None), seed + i)
                for i, net in enumerate(self.nets_)
            ]
            if cross_fit and not members_fold:
                first = seed + self.ensemble_size
                jobs += [
                    (self._build_net(), folds != j, first + j) for j in range(n_folds)
                ]
            if not reset:
                self._continue_with_new_budget()
            try:
                self._train_nets(X32, y32, jobs, reset, epochs)
                if cross_fit:
                    held_out = self._held_out_outputs(
                        X32, y32, folds, [net for net, _, _ in jobs[-n_folds:]]
                    )
                    criterion = self.net_.criterion_
                    scores = choose_shrinkage(held_out, y32, criterion)
                    self.shrinkage_, self.shrinkage_scores_ = scores
                    self.series_shrinkage_ = series_shrinkages(
                        held_out,
                        y32,
                        groups,
                        self.shrinkage_,
                        self.shrinkage_scope,
                        criterion,
                    )
            except BaseException:  # Ctrl-C, a diverging network
                if reset:  # leave no half-trained model that looks fitted
                    for name in [n for n in vars(self) if n.endswith("_")]:
                        delattr(self, name)
                raise
        if self.shrinkage != "cross_fit":
            self.shrinkage_ = float(self.shrinkage or 0.0)
            self.shrinkage_scores_ = self.series_shrinkage_ = None
        self.n_epochs_ = len(self.net_.history)
        return self

    def _held_out_outputs(self, X32, y32, folds, nets):
        """Network outputs for every window, fold j's from ``nets[j]``, which
        trained without it (member j, or an ensemble of one's extra network;
        with fewer series than members, the last folds are empty)."""
        outputs = np.empty_like(y32)
        for j, net in enumerate(nets):
            held = folds == j
            if held.any():
                outputs[held] = self._outputs(net, X32[held])
        return outputs

    def _train_nets(self, X32, y32, jobs, initialize, epochs):
        """Train every ``(net, rows, seed)`` of ``jobs`` on those rows for
        ``epochs`` epochs (None: ``max_epochs``), from fresh weights if
        ``initialize``: in ``n_jobs`` threads, or one after another.

        Each network is seeded and initialised here, in order, and then
        draws its shuffles and dropout masks from a generator of its own
        (:mod:`~lstmreg.nn._side_by_side`): the same networks either way.
        """

        def prepared(net, rows, seed):
            torch.manual_seed(seed)
            if initialize:
                net.initialize()
            X, y = X32[rows], y32[rows]
            if self.lr_schedule == "one_cycle":  # spans the steps of this call
                steps = self._batches_per_epoch(len(X)) * (epochs or self.max_epochs)
                net.set_params(callbacks__lr_schedule__total_steps=steps)
            generator = generator_after_seeding()

            def train():
                with drawing_from(generator), data_parallel(net):
                    net.partial_fit(X, y, epochs=epochs)

            return train

        self._on_each(lambda job: prepared(*job), jobs)

    def _on_each(self, prepare, items):
        """Run the task ``prepare(item)`` returns for every item: one after
        another, or in ``n_jobs`` threads (``n_threads`` intra-op threads
        each, 1 by default). Every ``prepare`` runs in this thread, in
        order (it may seed torch's global generator); the results in order."""
        n_jobs = self._threads_side_by_side(len(items))
        if n_jobs == 1:
            return [prepare(item)() for item in items]
        tasks = [prepare(item) for item in items]
        return run_side_by_side(tasks, n_jobs, threads_each=self.n_threads or 1)

    def _threads_side_by_side(self, n_nets):
        """The threads that train or run ``n_nets`` networks (``n_jobs``)."""
        if self.n_jobs == 0:
            raise InputError(
                "`n_jobs` is 0, which trains nothing; pass None or 1 for one "
                "network at a time, a number of threads, or -1 for all cores."
            )
        if torch.device(self.device).type != "cpu":
            return 1  # CUDA's dropout draws from torch's global generator
        if process_group() is not None:
            return 1  # the processes are the parallelism
        return max(1, min(n_nets, effective_n_jobs(self.n_jobs)))

    def _batches_per_epoch(self, n_windows):
        """Gradient steps per epoch on ``n_windows`` windows."""
        if self.validation_fraction > 0:
            n_windows = TailSplit(self.validation_fraction).n_train(n_windows)
        return n_batches(n_windows, self.batch_size, self._max_batches())

    def _max_batches(self):
        if self.max_steps is None:
            return None
        return math.ceil(self.max_steps / self.max_epochs)

    def _continue_with_new_budget(self):
        """Give continued networks this fit's ``max_epochs``, ``max_steps``,
        ``batch_size``, ``lr`` and ``verbose`` (the optimizer keeps its
        state)."""
        for net in self.nets_:
            net.set_params(
                max_epochs=self.max_epochs, batch_size=self.batch_size, lr=self.lr
            )
            # an attribute as skorch's set_params stores it, which raises for
            # iterator parameters of an initialized net (skorch 1.1)
            net.iterator_train__max_batches = self._max_batches()
            # every callback starts afresh at the beginning of training, so
            # new ones (a progress bar now, or none) lose nothing
            net.callbacks = self._callbacks()
            net.initialize_callbacks()

    def _network_params(self):
        """The parameters the networks are built and trained with (a continued
        fit must keep them)."""
        return {name: getattr(self, name) for name in _NETWORK_PARAMS}

    def _check_same_networks(self):
        """Refuse to continue training networks built from other parameters,
        or on another device than ``device``."""
        where = torch.device(self.nets_[0].device)
        if _device_key(self.device) != _device_key(where):
            raise InputError(
                f"`device` is {self.device!r} but the fitted networks are on "
                f"{str(where)!r}; warm_start and partial_fit continue those "
                "networks where they are. Fit with warm_start=False to train new "
                f"ones on {self.device!r}, or set device={str(where)!r}."
            )
        before = getattr(self, "_networks", self._network_params())
        for name, value in self._network_params().items():
            if value != before[name]:
                raise InputError(
                    f"`{name}` is {value!r} but the fitted networks were built "
                    f"with {before[name]!r}; warm_start and partial_fit continue "
                    "those networks. Fit with warm_start=False to train new ones, "
                    f"or set {name}={before[name]!r} back."
                )

    @property
    def net_(self):
        """The first (with ``ensemble_size=1`` the only) trained network."""
        return self.nets_[0]

    def _validate_X(self, X, y="no_validation", *, reset):
        kwargs = dict(allow_nd=True, dtype=np.float64, reset=reset)
        if isinstance(y, str) and y == "no_validation":
            X = validate_numbers(self, X, **kwargs)
        else:
            refuse_text(y, "y")  # scikit-learn converts objects only
            unknown = self._unknown_targets(y)
            X, y = validate_numbers(
                self,
                X,
                y if unknown is None else np.where(unknown, 0.0, y),
                multi_output=True,
                y_numeric=True,
                ensure_min_samples=2,
                **kwargs,
            )
            if unknown is not None:
                y = np.where(unknown.reshape(y.shape), np.nan, y)
        if X.ndim > 3:
            raise InputError(
                "`X` must be 2-D (n_samples, n_steps) or 3-D (n_samples, n_steps, "
                f"n_features); got {X.ndim}-D with shape {X.shape}."
            )
        n_per_step = 1 if X.ndim == 2 else X.shape[2]
        if reset:
            self.n_features_per_step_ = n_per_step
        elif n_per_step != self.n_features_per_step_:
            raise InputError(
                f"`X` has {n_per_step} feature(s) per time step but "
                f"{type(self).__name__} was fitted with "
                f"{self.n_features_per_step_}; pass windows built the same way."
            )
        _check_float32_range(X, "X")
        return X if isinstance(y, str) else (X, y)

    def _unknown_targets(self, y):
        """Where ``y`` is NaN, as a float64 array's mask, when
        ``missing_targets="mask"`` lets it be; None where nothing is
        unknown. A NaN otherwise is refused with what to do."""
        values = np.asarray(y)
        if values.dtype.kind not in "fc":
            return None
        unknown = np.isnan(values)
        if not unknown.any():
            return None
        if self.missing_targets != "mask":
            raise InputError(
                "`y` contains NaN. Fill or drop the missing targets, or pass "
                "missing_targets='mask' to leave them out of the loss (for "
                "windows whose horizon runs past the end of the data)."
            )
        if unknown.all():
            raise InputError(
                "`y` is NaN everywhere: with missing_targets='mask' at least one "
                "target must be known."
            )
        return unknown

    def _chosen_normalize(self, X, y2d):
        """``normalize``, or for "auto" the one of "seasonal" and "last"
        whose baseline is nearer the targets (ties: "last")."""
        if self.normalize != "auto":
            return self.normalize
        X3 = X.reshape(*X.shape[:2], -1)
        _, from_season, _, scale = seasonal_windows(
            X3, y2d, sp=self.sp, n_outputs=y2d.shape[1]
        )
        from_last = (y2d - X3[:, -1:, 0]) / scale  # "last"'s targets, same scale
        closer = np.nanmean(np.abs(from_season)) < np.nanmean(np.abs(from_last))
        return "seasonal" if closer else "last"

    def _to_network_scale(self, X, y=None):
        """3-D float32 windows, ``y`` scaled like them, and the inverse scaling.

        The inverse maps network outputs back to the scale of ``y``.
        """
        X3 = X.reshape(*X.shape[:2], -1)
        normalize = self.normalize_
        if normalize is None:
            return X3.astype(np.float32), y, lambda out: out
        if normalize == "log":
            X3, y, level = log_level_windows(X3, y, level_window=self.level_window)
            return X3.astype(np.float32), y, lambda out: unscale_log_level(out, level)
        if normalize == "seasonal":
            n_outputs = self.n_outputs_ if y is None else y.shape[1]
            X3, y, loc, scale = seasonal_windows(X3, y, sp=self.sp, n_outputs=n_outputs)
        else:
            scaler = last_value_windows if normalize == "last" else scale_windows
            X3, y, loc, scale = scaler(X3, y)
        return X3.astype(np.float32), y, lambda out: unscale_targets(out, loc, scale)

    def _callbacks(self):
        """The skorch callbacks a network trains with, from the parameters."""
        callbacks = [("divergence", StopOnDivergence())]
        if self.gradient_clip is not None:
            callbacks.append(("clip", GradientNormClipping(self.gradient_clip)))
        if self.validation_fraction > 0 and self.patience is not None:
            stopper = PatienceStopping(patience=self.patience, load_best=True)
            callbacks.append(("early_stopping", stopper))
        if self.lr_schedule == "one_cycle":
            callbacks.append(("lr_schedule", OneCycle()))
        if self.verbose:
            callbacks.append(("progress", EpochProgressBar()))
        return callbacks

    def _build_net(self):
        optimizer = _OPTIMIZERS.get(self.optimizer, self.optimizer)
        optimizer_options = _one_step_for_all_tensors(self.optimizer)
        if self.weight_decay is not None:
            optimizer_options["optimizer__weight_decay"] = self.weight_decay
        validate = self.validation_fraction > 0
        if self.missing_targets == "mask":
            criterion = {
                "criterion": MaskedLoss,
                "criterion__loss": self.loss,
                "criterion__quantile": self.quantile,
            }
        else:
            criterion = {"criterion": LOSSES[self.loss]}
            if self.loss == "quantile":
                criterion["criterion__quantile"] = self.quantile
        return InterruptibleNet(
            StackedLSTM,
            **criterion,
            module__n_features=self.n_features_per_step_,
            module__hidden_sizes=tuple(self.hidden_sizes),
            module__n_outputs=self.n_outputs_,
            module__dropout=self.dropout,
            module__head_sizes=tuple(self.head_sizes),
            module__zero_output=self.normalize_ in BASELINE_SCALINGS,
            module__skip_inputs=(
                self.n_features_in_ * self.n_features_per_step_
                if self.linear_skip
                else 0
            ),
            optimizer=optimizer,
            **optimizer_options,
            lr=self.lr,
            max_epochs=self.max_epochs,
            batch_size=self.batch_size,
            train_split=TailSplit(self.validation_fraction) if validate else None,
            iterator_train=TensorBatches,
            iterator_train__shuffle=True,
            iterator_train__max_batches=self._max_batches(),
            iterator_valid=TensorBatches,
            callbacks=self._callbacks(),
            # progress is EpochProgressBar's; skorch's table printer, which
            # formats every epoch's row even when it prints nothing, is off
            callbacks__print_log=None,
            device=self.device,
            verbose=0,
        )

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.three_d_array = True
        tags.target_tags.multi_output = True
        return tags
