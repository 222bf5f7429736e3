"""Matplotlib figures of history, truth and forecasts (imported on demand)."""

from pathlib import Path

from .._utils._atomic import replacing

__all__ = ["forecast_grid"]


def forecast_grid(panels, n_cols, title=None, path=None):
    """A grid of forecast plots, one per panel; saved to ``path`` if given.

    Parameters
    ----------
    panels : list of dict
        Each with ``"title"``, ``"history"`` (pandas Series), ``"truth"``
        (pandas Series or None) and ``"forecasts"`` (name -> pandas Series).
    n_cols : int
        Panels per row.
    title : str or None
        Title of the figure.
    path : str, path-like or None
        Where to save the figure (the format follows the suffix; without
        one, matplotlib's ``savefig.format``, PNG by default), whole or not
        at all: a file already there is replaced only once the new one is
        written.

    Returns
    -------
    matplotlib.figure.Figure
        Titles and names are drawn as plain text (a ``$`` in a series name is
        not read as mathtext).
    """
    import matplotlib as mpl

    with mpl.rc_context({"text.parse_math": False}):
        return _forecast_grid(panels, n_cols, title, path)


def _forecast_grid(panels, n_cols, title, path):
    import matplotlib.pyplot as plt

    n_rows = -(-len(panels) // n_cols)
    fig, axes = plt.subplots(
        n_rows,
        n_cols,
        figsize=(4.2 * n_cols, 2.6 * n_rows),
        squeeze=False,
        layout="constrained",
    )
    for ax, panel in zip(axes.ravel(), panels, strict=False):
        ax.plot(_x(panel["history"]), panel["history"].to_numpy(), color="0.55", lw=1)
        if panel["truth"] is not None:
            truth = panel["truth"]
            ax.plot(_x(truth), truth.to_numpy(), color="black", lw=1.3, label="truth")
        for name, forecast in panel["forecasts"].items():
            ax.plot(_x(forecast), forecast.to_numpy(), lw=1.2, label=name)
        ax.set_title(panel["title"], fontsize=9)
        ax.tick_params(labelsize=7)
        ax.tick_params(axis="x", labelrotation=30)
    for ax in axes.ravel()[len(panels) :]:
        ax.set_visible(False)
    handles, labels = axes.ravel()[0].get_legend_handles_labels()
    if handles:
        fig.legend(handles, labels, loc="outside lower center", ncols=len(labels))
    if title:
        fig.suptitle(title)
    if path is not None:
        # the temporary name's suffix is not the format: the path's is, or
        # matplotlib's default format for a path without one
        kind = Path(path).suffix[1:] or plt.rcParams["savefig.format"]
        with replacing(path) as temporary:
            fig.savefig(temporary, dpi=110, format=kind)
    return fig


def _x(series):
    """A time index matplotlib can draw (periods become timestamps)."""
    index = series.index
    return index.to_timestamp() if hasattr(index, "to_timestamp") else index
