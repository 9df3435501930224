"""The kernel our tools and tests run the book's notebooks in: `make outputs`
(tools/execute_notebooks.py), `make test`'s nbval (tests/nbval_kernels.py), test_handouts and
`make bench`'s nbval timings (bench/run.py).

Two choices, the same everywhere, so the outputs `make outputs` stores are made the way
nbval checks them:

* **Unix sockets, not TCP ports.** Over TCP, jupyter_client picks ports that are free when
  it looks and the kernel binds them a moment later (seconds, on a busy machine); `make
  test` runs nbval beside the browser tests, whose Chromium opens connections from the same
  range of local ports, and a Korean notebook's kernel once died at start ("Kernel died
  before replying to kernel_info"), most likely because a port was taken in between. A
  socket file in a folder of our own cannot be taken, and there is no "Kernel is running over
  TCP without encryption" warning to give. (The socket paths are absolute, as the kernel runs
  in the notebook's folder and the client in ours, and short: macOS allows 104 bytes.)
* **One BLAS thread.** The notebooks' matrices are small: with two threads each product
  waits for the second, which on a busy machine is often not scheduled at once, and
  OpenBLAS's threads spin while they wait. nbval of all 328 cells (both editions) took 121
  core-seconds with one thread against 163 with two, at load 5-7, all passing either way. It
  also makes the stored outputs independent of how many cores the storing machine has.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import uuid
from pathlib import Path

from jupyter_client.manager import KernelManager

SOCKETS = Path(tempfile.mkdtemp(prefix="bk-"))
atexit.register(shutil.rmtree, SOCKETS, ignore_errors=True)
ONE_THREAD = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


class BookKernelManager(KernelManager):
    """A KernelManager whose kernel listens on ``SOCKETS/<8 hex digits>-<n>`` and runs BLAS on
    one thread (``ONE_THREAD`` added to the environment it is started with)."""

    def __init__(self, **kwargs):
        super().__init__(transport="ipc", ip=str(SOCKETS / uuid.uuid4().hex[:8]), **kwargs)

    def start_kernel(self, **kwargs):
        kwargs["env"] = {**(kwargs.get("env") or os.environ), **ONE_THREAD}
        return super().start_kernel(**kwargs)
