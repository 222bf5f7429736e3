"""Writing a file whole or not at all: a new temporary file, then a rename."""

import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

__all__ = ["replacing"]


@contextmanager
def replacing(path):
    """Write to a new temporary file beside ``path``, then rename it to ``path``.

    The temporary file is created afresh (``tempfile.mkstemp``: an
    unpredictable name, never an existing file or link). A failure while
    writing leaves ``path`` as it was (absent, or the user's old file) and
    removes the temporary file.
    """
    path = Path(path)
    handle, name = tempfile.mkstemp(
        prefix=f".{path.name[:100]}.", suffix=".tmp", dir=path.parent
    )
    os.close(handle)
    temporary = Path(name)
    try:
        yield temporary
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)  # mkstemp's 0600 is for the writing
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)
