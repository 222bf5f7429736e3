"""sktime's own estimator checks on WindowForecaster."""

import pytest
from sktime.utils.estimator_checks import check_estimator

from lstmreg import WindowForecaster


@pytest.mark.filterwarnings("ignore::FutureWarning", "ignore::UserWarning")
def test_sktime_check_estimator():
    """Check that WindowForecaster passes every sktime forecaster check."""
    results = check_estimator(WindowForecaster, raise_exceptions=False)
    failed = {name: result for name, result in results.items() if result != "PASSED"}
    assert not failed, failed
