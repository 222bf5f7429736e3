"""sktime's own estimator checks on lstmreg's forecasters."""

import pytest
from sktime.utils.estimator_checks import check_estimator

from lstmreg import (
    MovingMedian,
    SeasonalMean,
    StatsForecastModel,
    WeekdayProfile,
    WindowForecaster,
)


@pytest.mark.filterwarnings("ignore::FutureWarning", "ignore::UserWarning")
@pytest.mark.parametrize(
    "forecaster",
    [WindowForecaster, StatsForecastModel, MovingMedian, SeasonalMean, WeekdayProfile],
)
def test_sktime_check_estimator(forecaster):
    """Check that the forecaster passes every sktime forecaster check."""
    results = check_estimator(forecaster, raise_exceptions=False)
    failed = {name: result for name, result in results.items() if result != "PASSED"}
    assert not failed, failed
