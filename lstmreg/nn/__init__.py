"""The network: a stacked PyTorch LSTM, its training objectives, and
:class:`LSTMForecaster`, the scikit-learn regressor over windows (skorch)."""

from ._lstm_regressor import LSTMForecaster
from ._torch_module import StackedLSTM
from ._weights import load_weights, save_weights

__all__ = ["LSTMForecaster", "StackedLSTM", "load_weights", "save_weights"]
