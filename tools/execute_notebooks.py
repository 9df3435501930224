"""Re-execute notebooks in place so their stored outputs are what the code gives today.

Usage: python tools/execute_notebooks.py [NOTEBOOK ...]   (default: every chapter notebook)

Each notebook runs top to bottom in a fresh ``python3`` kernel with its own folder as the
working directory (as nbval and JupyterLab run it). Widget state, widget views and timing
metadata are not stored (the static book must never try to load a widget manager), and
stdout chunks are joined, so re-running an unchanged notebook changes nothing.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: the repository root is not on the path
    sys.path.insert(0, str(ROOT))
from tools.kernels import BookKernelManager  # noqa: E402

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}


def merge_streams(outputs: list) -> list:
    """Join consecutive stdout (or stderr) chunks: how the kernel split them is chance."""
    merged: list = []
    for out in outputs:
        previous = merged[-1] if merged else None
        if (
            out.output_type == "stream"
            and previous is not None
            and previous.output_type == "stream"
            and previous.name == out.name
        ):
            previous.text += out.text
        else:
            merged.append(out)
    return merged


def execute(path: Path) -> None:
    nb = nbformat.read(path, as_version=4)
    nb.metadata.pop("widgets", None)
    nb.metadata.pop("jupytext", None)
    nb.metadata["kernelspec"] = KERNELSPEC
    # The kernel nbval checks these outputs with (tools/kernels.py: Unix sockets, one BLAS
    # thread), so what is stored is what nbval will compute.
    manager = BookKernelManager(kernel_name="python3")
    client = NotebookClient(
        nb,
        km=manager,
        kernel_name="python3",
        timeout=600,
        resources={"metadata": {"path": str(path.parent)}},
        store_widget_state=False,
        record_timing=False,
    )
    try:
        client.execute()
    finally:  # NotebookClient neither stops a kernel it was given nor closes its sockets
        if client.kc is not None:
            client.kc.stop_channels()
        manager.shutdown_kernel(now=True)
    nb.metadata.pop("widgets", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        if cell.cell_type == "code":
            cell.outputs = merge_streams(cell.outputs)
            for out in cell.outputs:
                # A stored widget view points at a model that no longer exists (and has a
                # random id): drop it, so a notebook opened without a kernel shows the
                # static figure (text/html); running the cell brings the live widget back.
                out.get("data", {}).pop(WIDGET_VIEW, None)
    nbformat.write(nb, path)


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or sorted((ROOT / "chapters").glob("*/*.ipynb"))
    for path in paths:
        shown = path.relative_to(ROOT) if path.is_relative_to(ROOT) else path
        print(f"executing {shown}", flush=True)
        execute(path.resolve())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
