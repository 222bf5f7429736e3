"""The music contest: its files, readers, generator, model presets and the
``lstmreg`` command line."""

from ._files import read_submission, write_submission
from ._generate import generate_contest_data
from ._models import contest_forecaster, contest_inputs, forecast_plays
from ._plays_table import read_plays_table
from ._read import ContestData, ReadReport, read_contest_data

__all__ = [
    "ContestData",
    "ReadReport",
    "contest_forecaster",
    "contest_inputs",
    "forecast_plays",
    "generate_contest_data",
    "read_contest_data",
    "read_plays_table",
    "read_submission",
    "write_submission",
]
