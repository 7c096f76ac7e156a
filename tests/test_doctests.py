"""The examples in the docstrings run and hold."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import searchlib

MODULES = sorted(
    name
    for _, name, _ in pkgutil.walk_packages(searchlib.__path__, "searchlib.")
    if name != "searchlib.__main__"
)


@pytest.mark.parametrize("name", ["searchlib", *MODULES])
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0


def test_public_api() -> None:
    for name in searchlib.__all__:
        assert hasattr(searchlib, name), name
    assert searchlib.__version__ == "0.1.0"
    assert issubclass(searchlib.QueryError, searchlib.SearchlibError)
    assert issubclass(searchlib.QueryError, ValueError)
    assert issubclass(searchlib.IndexCorruptedError, searchlib.SearchIndexError)
    assert issubclass(searchlib.CorpusError, searchlib.SearchlibError)
