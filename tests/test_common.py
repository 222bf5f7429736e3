"""scikit-learn's own estimator checks on every estimator of lstmreg."""

from sklearn.utils.estimator_checks import parametrize_with_checks

from lstmreg import LSTMForecaster, WindowTransformer

# Default constructor arguments; only the number of epochs is lowered for speed.
ESTIMATORS = [
    WindowTransformer(),
    LSTMForecaster(max_epochs=50),
    LSTMForecaster(
        hidden_sizes=(32, 16),
        head_sizes=(16,),
        dropout=0.1,
        normalize=None,
        max_epochs=50,
        lr=1e-2,
        validation_fraction=0.0,
        optimizer="adamw",
        gradient_clip=None,
    ),
]


@parametrize_with_checks(ESTIMATORS)
def test_sklearn_compatible_estimator(estimator, check):
    """Check that each estimator passes scikit-learn's estimator checks."""
    check(estimator)
