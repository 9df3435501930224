"""`import lib` is cheap: scikit-learn (and scipy) load only when an estimator is first used."""

import subprocess
import sys

import pytest

import lib


def run_python(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    return done.stdout.strip()


def test_import_lib_does_not_import_sklearn_or_scipy():
    out = run_python(
        "import sys, lib\n"
        "lib.lasso_path([[1.0], [2.0]], [1.0, 0.0], [0.1])\n"  # a function call stays light too
        "print(sorted(m for m in ('sklearn', 'scipy') if m in sys.modules))"
    )
    assert out == "[]"


def test_first_use_of_an_estimator_imports_sklearn():
    out = run_python(
        "import sys, lib\n"
        "from lib import Ridge\n"
        "print('sklearn' in sys.modules, Ridge.__module__, lib.Lasso.__name__)"
    )
    assert out == "True lib.solvers.estimators Lasso"


def test_lazy_names_are_listed_and_resolve():
    for name in ("Ridge", "Lasso", "ElasticNet"):
        assert name in dir(lib) and name in lib.__all__
        assert getattr(lib, name) is getattr(lib.solvers, name)
        assert name in dir(lib.solvers)
    for name in lib.__all__:  # every public name resolves (the lazy ones included)
        assert getattr(lib, name) is not None


def test_missing_lazy_name_is_a_clear_attribute_error(monkeypatch):
    monkeypatch.setitem(lib._LAZY, "not_written_yet", "lib.no_such_module")
    with pytest.raises(AttributeError, match="lib.not_written_yet is provided by lib.no_such"):
        lib.not_written_yet  # noqa: B018
    with pytest.raises(AttributeError, match="has no attribute 'no_such_name'"):
        lib.no_such_name  # noqa: B018
    with pytest.raises(AttributeError, match="lib.solvers' has no attribute"):
        lib.solvers.no_such_name  # noqa: B018


def test_submodules_are_attributes_on_first_use():
    out = run_python(
        "import sys, lib\n"
        "before = 'lib.spectral' in sys.modules\n"
        "print(before, lib.spectral.__name__, lib.training.__name__)"
    )
    assert out == "False lib.spectral lib.training"
