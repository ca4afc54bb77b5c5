"""The public API stays flat and honest: every name in __all__ exists and is documented."""

from __future__ import annotations

import subprocess
import sys

import searchlib


def test_all_names_resolve() -> None:
    for name in searchlib.__all__:
        assert getattr(searchlib, name) is not None, name


def test_all_is_sorted_and_unique() -> None:
    assert searchlib.__all__ == sorted(set(searchlib.__all__))


def test_public_names_have_docstrings_or_are_data() -> None:
    for name in searchlib.__all__:
        obj = getattr(searchlib, name)
        if callable(obj):
            assert obj.__doc__, name


def test_errors_share_one_root() -> None:
    errors = [getattr(searchlib, n) for n in searchlib.__all__ if n.endswith("Error")]
    assert errors and all(issubclass(e, searchlib.SearchlibError) for e in errors)


def test_import_does_not_load_whoosh() -> None:
    code = "import sys, searchlib; print('whoosh' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_unknown_attribute() -> None:
    try:
        searchlib.nothing_here  # noqa: B018
    except AttributeError as exc:
        assert "nothing_here" in str(exc)
    else:  # pragma: no cover
        raise AssertionError("expected AttributeError")
