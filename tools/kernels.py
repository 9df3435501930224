"""The kernel every notebook of the book is run in by our tools and tests: `make outputs`
(tools/execute_notebooks.py), nbval (tests/nbval_kernels.py) and tests/test_handouts.py.

Two choices, the same everywhere, so the outputs `make outputs` stores are made the way
nbval checks them:

* **Unix sockets, not TCP ports.** Over TCP, jupyter_client picks ports that are free when
  it looks and the kernel binds them a moment later (seconds, on a busy machine); `make
  test` runs nbval beside the browser tests, whose Chromium opens connections from the same
  range of local ports, and a Korean notebook's kernel once died at start ("Kernel died
  before replying to kernel_info"). A socket file in a folder of our own cannot be taken,
  and there is no "Kernel is running over TCP without encryption" warning to give. (The
  socket paths are absolute: the kernel runs in the notebook's folder, the client in ours.)
* **One BLAS thread.** The notebooks' matrices are small; OpenBLAS's second thread only
  waits, and spins, when the other core is busy: nbval's kernels used 40 % less CPU with
  one thread in a `make test` (all 328 cells passed either way). It also makes the stored
  outputs independent of how many cores the machine that stored them had.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import uuid
from pathlib import Path

from jupyter_client.manager import KernelManager

SOCKETS = Path(tempfile.mkdtemp(prefix="book-kernels-"))
atexit.register(shutil.rmtree, SOCKETS, ignore_errors=True)
ONE_THREAD = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


class BookKernelManager(KernelManager):
    """A KernelManager whose kernel listens on ``SOCKETS/<id>-<n>`` and runs BLAS on one
    thread (``ONE_THREAD`` added to the environment it is started with)."""

    def __init__(self, **kwargs):
        super().__init__(transport="ipc", ip=str(SOCKETS / uuid.uuid4().hex), **kwargs)

    def start_kernel(self, **kwargs):
        kwargs["env"] = {**(kwargs.get("env") or os.environ), **ONE_THREAD}
        return super().start_kernel(**kwargs)
