"""A pytest plugin for the nbval runs (the Makefile's NBVAL flags load it with ``-p``): each
notebook's kernel talks to pytest over Unix sockets in a private folder, not TCP ports.

Over TCP, jupyter_client picks ports that are free when it looks, and the kernel binds them
a moment later (seconds, on a busy machine). ``make test`` runs nbval beside the browser
tests, whose Chromium opens connections from the same range of local ports, so a port could
be taken in between and the kernel died at start ("Kernel died before replying to
kernel_info"; seen once in a run of three jobs). A socket file in a folder of our own cannot
be taken. Nothing else changes: the same kernel, the same notebook folder as its working
directory.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
import uuid
from pathlib import Path

import nbval.kernel
from jupyter_client.manager import KernelManager

SOCKETS = Path(tempfile.mkdtemp(prefix="nbval-kernels-"))
atexit.register(shutil.rmtree, SOCKETS, ignore_errors=True)


class UnixSocketKernelManager(KernelManager):
    """A KernelManager whose kernel listens on ``SOCKETS/<id>-<n>`` (absolute paths: the
    kernel runs in the notebook's folder, pytest in the repository's)."""

    def __init__(self, **kwargs):
        super().__init__(transport="ipc", ip=str(SOCKETS / uuid.uuid4().hex), **kwargs)


nbval.kernel.KernelManager = UnixSocketKernelManager
