"""A deterministic generator of realistic music-contest tables."""

from pathlib import Path

import numpy as np
import pandas as pd
from tqdm.auto import tqdm

from .._utils._atomic import replacing
from .._utils._validation import check_positive_int
from ..exceptions import InputError
from ._files import (
    ACTIONS,
    ACTIONS_COLUMNS,
    ACTIONS_FILE,
    DAILY_FILE,
    FUTURE,
    HISTORY,
    SONGS_COLUMNS,
    SONGS_FILE,
    TRUTH_FILE,
    format_day,
    write_submission,
)

__all__ = ["generate_contest_data"]

_SHARE = {"2": 0.02, "3": 0.05}  # downloads and collects per play, on average
_LEVEL_SIGMA = 1.2  # of the log of the artists' levels
_TREND_PER_DAY = (-0.0005, 0.0038)  # mean and spread of the daily log growth
# growth every artist shares: the real artists' median level rises by about
# a third through March and early April, then stays (the platform grew)
_SPRING = (0.25, 28.0, 5.0)  # log rise, its midpoint (days from 03-01), width
_WEEKLY_AMPLITUDE = (0.01, 0.08)  # of the weekly rhythm, drawn per artist
_SPIKE_DECAY_DAYS = (1.0, 6.0)  # time constant of a release's spike
# A release's size is heavy-tailed (log-normal about 1.5x the artist's level):
# most add a little, a few lift an artist severalfold, as the real artists'
# largest moves (a step up of 1.1-1.4 in log plays within a week or two);
# a share of the spike stays as lasting interest that fades over months
_RELEASE_SIZE = (1.5, 1.2)  # median (in artist levels) and log spread
_LASTING = (0.05, 0.5)  # share of the spike that stays
_LASTING_DAYS = (20.0, 150.0)  # its time constant, log-uniform
# Larger artists move less: the real artists' six-week wander falls with their
# level (slope -0.52 of its log on log plays). The trend's spread and the
# releases' sizes are scaled by (plays a day / 300) ** -0.3, at most 3x
_MOVES = (300.0, 0.3, 3.0)  # reference plays a day, exponent, cap
# The daily mood's squared spread (log scale) is about k / expected plays + c,
# k and c log-uniform per artist: plays come in sessions of a few plays, so
# an artist's day-to-day roughness shrinks with its size, as the real artists'
# does (spread ~ plays ** -0.27) and persists; a little carries to the next day
_MOOD_SESSION = (0.5, 30.0)  # k, plays per independent listening session
_MOOD_FLOOR = (0.0003, 0.01)  # c, the spread left for the largest artists
_MOOD_PERSISTENCE = 0.25  # day-to-day correlation of the mood's log
_RELEASES = 1.1  # new songs per artist in the eight months, on average
_BLIPS = (0.003, 2.0, 5.0)  # share of artist-days with a one-day burst, its size


def _ids(rng, n):
    """32-character hexadecimal ids, like the contest's md5 hashes."""
    return np.array([rng.bytes(16).hex() for _ in range(n)])


def _expected_plays(rng, n_artists, scale, days):
    """Expected daily plays per song, and the artist of every song.

    Each artist has a heavy-tailed (log-normal) level, the shared spring
    rise and a slow trend of its own, a weekly rhythm and a catalogue of old
    songs sharing the level; new songs released during the period add a
    spike of heavy-tailed size that decays over days, and a lasting interest
    of 5-50 % of it that fades over weeks to months. Larger artists' trends
    and releases move them less (``_MOVES``).
    """
    t = np.arange(len(days))
    # Calibrated to the real contest plays (benchmarks/bench_generator.py):
    # log-normal levels, 10th / 90th percentiles ~0.2x / ~6x the median;
    # the floor keeps the smallest artists above a few plays
    level = scale * np.maximum(np.exp(rng.normal(0.0, _LEVEL_SIGMA, n_artists)), 0.01)
    # a shared rise in spring, then each artist's own slow trend, widely
    # spread (less for larger artists): ~ +30 % over the half-year at the
    # median, as the real artists
    rise, middle, width = _SPRING
    spring = rise / (1 + np.exp(-(t - middle) / width))
    spring -= spring[: len(HISTORY)].mean()  # the level is the history's
    reference, exponent, cap = _MOVES
    moves = np.minimum((level / reference) ** -exponent, cap)
    mean, spread = _TREND_PER_DAY
    rate = rng.normal(mean, spread * moves)
    trend = np.exp(np.outer(rate, t) + spring)
    # a weekly rhythm of a few per cent
    amplitude = rng.uniform(*_WEEKLY_AMPLITUDE, n_artists)
    peak = rng.integers(0, 7, n_artists)
    weekly = 1 + amplitude[:, None] * np.cos(
        2 * np.pi * (days.dayofweek.to_numpy()[None, :] - peak[:, None]) / 7
    )
    base = level[:, None] * trend * weekly  # (artists, days)

    rates, artist_of_song, release = [], [], []
    for a in range(n_artists):
        n_old = 1 + rng.poisson(4 + 2 * np.log1p(level[a] / scale))
        shares = rng.dirichlet(np.full(n_old, 0.6))
        rates.append(shares[:, None] * base[a])
        artist_of_song += [a] * n_old
        release += [None] * n_old
        for day in np.sort(rng.choice(len(t), rng.poisson(_RELEASES), replace=False)):
            size = level[a] * moves[a] * _RELEASE_SIZE[0]
            size *= np.exp(rng.normal(0.0, _RELEASE_SIZE[1]))
            decay = rng.uniform(*_SPIKE_DECAY_DAYS)
            lasting = rng.uniform(*_LASTING)
            fading = np.exp(rng.uniform(*np.log(_LASTING_DAYS)))
            after = np.clip(t - day, 0, None)
            spike = np.exp(-after / decay) + lasting * np.exp(-after / fading)
            spike *= size * (t >= day)
            rates.append(spike[None, :] * weekly[a])
            artist_of_song.append(a)
            release.append(day)
    return np.vstack(rates), np.array(artist_of_song), release


def generate_contest_data(
    path,
    n_artists=50,
    *,
    seed=0,
    scale=250.0,
    header=False,
    overwrite=False,
    verbose=False,
    tables="raw",
):
    """Write realistic, deterministic tables in the music contest's format.

    Simulates ``n_artists`` artists over 2015-03-01 .. 2015-10-30: each has a
    heavy-tailed popularity, the rise all artists share in spring and a slow
    trend of its own, a weekly rhythm, a catalogue of songs, and new releases
    of heavy-tailed size whose plays spike, decay, and leave an interest that
    fades over months; daily counts are over-dispersed (Poisson
    around a log-normal daily mood, rougher for smaller artists, carrying a
    little from day to day) with rare one-day bursts. The distributions are
    calibrated to real contest plays: ``benchmarks/bench_generator.py``
    prints the statistics side by side (see the music data page of the
    documentation). It writes

    * ``mars_tianchi_songs.csv`` (``song_id, artist_id, publish_time,
      song_init_plays, Language, Gender``),
    * ``mars_tianchi_user_actions.csv`` (``user_id, song_id, gmt_create,
      action_type, Ds``): one row per play (1), download (2) and collect (3)
      over the 183 days of history, 2015-03-01 .. 2015-08-30,
    * ``mars_tianchi_artist_plays_truth.csv``: the true daily plays of the 61
      days after it (2015-08-31 .. 2015-10-30), in submission format, so
      forecasts can be scored.

    With ``tables="daily"`` it writes, instead of the songs and actions, the
    daily counts they add up to (``artist_daily.csv``:
    ``artist_id,Ds,plays,downloads,collects`` with a header, the layout of
    real contest aggregates that :func:`read_plays_table` reads): the same
    plays for a few hundred kB instead of hundreds of MB of action rows.

    Parameters
    ----------
    path : str or path-like
        Directory to write into (created if needed).
    n_artists : int, default=50
        Number of artists (the contest had 50 in its first season and 100
        in its second; 1,000 and more work).
    seed : int, default=0
        The same seed writes the same files.
    scale : float, default=250.0
        Median daily plays of an artist; the mean is about twice that. The
        action table has about ``n_artists * 183 * 2.5 * scale`` rows (a
        fifth more at ``scale=30``, whose artists move more). Larger artists
        are smoother from day to day and move less over weeks, as real ones
        do: at ``scale`` 3,900 (like the contest's hidden artists) the
        typical day-to-day change is about half that at 330.
    header : bool, default=False
        Write a header row (the released files have none).
    overwrite : bool, default=False
        Replace contest tables already in ``path``; by default they are kept
        and a ``FileExistsError`` is raised before anything is written.
    verbose : bool, default=False
        Show a progress bar while writing the actions.
    tables : {"raw", "daily"}, default="raw"
        The contest's raw tables, or the daily counts per artist.

    Returns
    -------
    dict
        Paths of the ``"songs"``, ``"actions"`` and ``"truth"`` files (with
        ``tables="daily"``: ``"daily"`` and ``"truth"``).

    Examples
    --------
    >>> import tempfile
    >>> from lstmreg import generate_contest_data
    >>> files = generate_contest_data(tempfile.mkdtemp(), n_artists=2, seed=1)
    >>> from pathlib import Path
    >>> Path(files["songs"]).read_text().splitlines()[0].count(",")
    5
    """
    check_positive_int("n_artists", n_artists)
    if not 1 <= scale < 1e7:
        raise InputError(
            f"`scale` (median daily plays) must be between 1 and 1e7; got {scale!r}."
        )
    files = _target_files(Path(path), tables, overwrite)
    rng = np.random.default_rng(seed)
    days = HISTORY.append(FUTURE)
    rates, artist_of_song, release = _expected_plays(rng, n_artists, scale, days)
    artist_ids, song_ids = _ids(rng, n_artists), _ids(rng, len(rates))
    plays = _song_plays(rng, rates, artist_of_song, n_artists, len(days))
    counts = {
        "1": plays,
        "2": rng.poisson(_SHARE["2"] * plays),
        "3": rng.poisson(_SHARE["3"] * plays),
    }

    if tables == "daily":
        _write_daily(files["daily"], counts, artist_of_song, artist_ids)
    else:
        songs = _songs(rng, song_ids, artist_ids, artist_of_song, release)
        with replacing(files["songs"]) as temporary:
            songs.to_csv(temporary, header=header, index=False)
        _write_actions(
            files["actions"], rng, counts, song_ids, n_artists, header, verbose
        )
    truth = pd.DataFrame(
        np.zeros((len(FUTURE), n_artists), dtype=np.int64),
        index=FUTURE,
        columns=artist_ids,
    )
    future_plays = plays[:, len(HISTORY) :]
    for a in range(n_artists):
        truth.iloc[:, a] = future_plays[artist_of_song == a].sum(axis=0)
    write_submission(truth, files["truth"])
    return {name: str(file) for name, file in files.items()}


def _target_files(path, tables, overwrite):
    """The files of ``tables`` under ``path`` (created), after refusing a
    file in its place, an unknown ``tables`` and, unless ``overwrite``,
    files already there: nothing is written before these checks."""
    if path.exists() and not path.is_dir():
        raise NotADirectoryError(
            f"{path} is a file; generate into a folder (it is created if it does "
            "not exist). Nothing was written."
        )
    if tables not in ("raw", "daily"):
        raise InputError(f"`tables` must be 'raw' or 'daily'; got {tables!r}.")
    files = (
        {"songs": path / SONGS_FILE, "actions": path / ACTIONS_FILE}
        if tables == "raw"
        else {"daily": path / DAILY_FILE}
    ) | {"truth": path / TRUTH_FILE}
    existing = [str(f) for f in files.values() if f.exists()]
    if existing and not overwrite:
        raise FileExistsError(
            f"{existing[0]} already exists; generate into another folder, or "
            "pass overwrite=True (--force on the command line) to replace it."
        )
    path.mkdir(parents=True, exist_ok=True)
    return files


def _song_plays(rng, rates, artist_of_song, n_artists, n_days):
    """Daily plays of every song: its expected plays times its artist's
    day-to-day mood (with one-day bursts), Poisson-drawn."""
    # songs are listed artist by artist
    starts = np.flatnonzero(np.r_[True, np.diff(artist_of_song) != 0])
    expected = np.add.reduceat(rates, starts, axis=0)  # (artists, days)
    mood = _mood(rng, expected)
    share, low, high = _BLIPS  # one-day bursts: a playlist, a mention, a bot
    blips = rng.random(mood.shape) < share
    mood[blips] *= rng.uniform(low, high, int(blips.sum()))
    return rng.poisson(rates * mood[artist_of_song])


def _mood(rng, expected):
    """Log-normal daily moods of mean 1, AR(1) from day to day, whose spread
    shrinks with the artist's expected plays (see ``_MOOD_SESSION``)."""
    n_artists, n_days = expected.shape
    session = np.exp(rng.uniform(*np.log(_MOOD_SESSION), size=(n_artists, 1)))
    floor = np.exp(rng.uniform(*np.log(_MOOD_FLOOR), size=(n_artists, 1)))
    s2 = np.log1p(session / np.maximum(expected, 1.0) + floor)
    rho = _MOOD_PERSISTENCE
    z = rng.normal(size=(n_days, n_artists))  # day-major: each step one row
    for t in range(1, n_days):
        z[t] = rho * z[t - 1] + np.sqrt(1 - rho**2) * z[t]
    mood = z.T  # in place: four (artists, days) arrays at most
    mood *= np.sqrt(s2)
    s2 /= 2
    mood -= s2
    return np.exp(mood, out=mood)


def _write_daily(path, counts, artist_of_song, artist_ids):
    """The history's daily counts per artist, as a plays table."""
    n_days = len(HISTORY)
    totals = {}
    for code, name in ACTIONS.items():
        table = np.zeros((len(artist_ids), n_days), dtype=np.int64)
        np.add.at(table, artist_of_song, counts[code][:, :n_days])
        totals[name] = table.ravel()
    frame = pd.DataFrame(
        {
            "artist_id": np.repeat(artist_ids, n_days),
            "Ds": np.tile(format_day(HISTORY), len(artist_ids)),
            **totals,
        }
    )
    with replacing(path) as temporary:
        frame.to_csv(temporary, index=False)


def _songs(rng, song_ids, artist_ids, artist_of_song, release):
    """The songs table: ids, artist, release day and the other columns."""
    days = HISTORY.append(FUTURE)
    n_songs = len(song_ids)
    published = [
        days[r] if r is not None else HISTORY[0] - pd.Timedelta(days=int(d))
        for r, d in zip(release, rng.integers(1, 2000, n_songs), strict=True)
    ]
    return pd.DataFrame(
        {
            "song_id": song_ids,
            "artist_id": artist_ids[artist_of_song],
            "publish_time": format_day(pd.DatetimeIndex(published)),
            "song_init_plays": rng.geometric(0.001, n_songs) - 1,
            "Language": rng.choice([0, 1, 2, 3, 4, 11, 12, 14, 100], n_songs),
            "Gender": rng.choice([1, 2, 3], len(artist_ids))[artist_of_song],
        }
    )[SONGS_COLUMNS]


def _write_actions(path, rng, counts, song_ids, n_artists, header, verbose):
    """One action row per play, download and collect of the history's days."""
    days = HISTORY.append(FUTURE)
    users = _ids(rng, max(1000, 40 * n_artists))
    user_weight = rng.pareto(1.5, len(users)) + 1
    user_weight /= user_weight.sum()
    with (
        replacing(path) as temporary,
        open(temporary, "w", newline="") as file,
    ):
        if header:
            file.write(",".join(ACTIONS_COLUMNS) + "\n")
        for d in tqdm(range(len(HISTORY)), desc="generate", disable=not verbose):
            _write_day(file, rng, d, days[d], counts, song_ids, users, user_weight)


def _write_day(file, rng, d, day, counts, song_ids, users, user_weight):
    """Append one day's action rows, shuffled, to the open actions file."""
    rows = []
    for action, table in counts.items():
        n = table[:, d]
        song = np.repeat(np.arange(len(n)), n)
        rows.append((song, np.full(len(song), action)))
    song = np.concatenate([s for s, _ in rows])
    action = np.concatenate([a for _, a in rows])
    order = rng.permutation(len(song))
    midnight = int((day - pd.Timestamp("1970-01-01")).total_seconds()) - 8 * 3600
    frame = pd.DataFrame(
        {
            "user_id": users[rng.choice(len(users), len(song), p=user_weight)],
            "song_id": song_ids[song[order]],
            "gmt_create": midnight + np.sort(rng.integers(0, 86400, len(song))),
            "action_type": action[order],
            "Ds": day.strftime("%Y%m%d"),
        }
    )
    frame.to_csv(file, header=False, index=False)
