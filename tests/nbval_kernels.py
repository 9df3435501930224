"""A pytest plugin for the nbval runs (the Makefile's NBVAL flags load it with ``-p``): nbval
starts each notebook's kernel with tools/kernels.py's manager (Unix sockets, one BLAS
thread), as `make outputs` does.
"""

from __future__ import annotations

import nbval.kernel

from tools.kernels import BookKernelManager

nbval.kernel.KernelManager = BookKernelManager
