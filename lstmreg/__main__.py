"""``python -m lstmreg``: the ``lstmreg`` command (also under ``torchrun -m``)."""

import sys

from .contest._cli import main

sys.exit(main())
