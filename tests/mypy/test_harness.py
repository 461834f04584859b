"""The harness itself: expectations are parsed as written and every mismatch is reported."""

from __future__ import annotations

import pytest

from .conftest import Checker, Diagnostic, assert_matches, expectations, normalize


def test_reports_missing_and_unexpected_diagnostics(checker: Checker) -> None:
    """A wrong expectation fails with both the diagnostic expected and the one mypy reported."""
    checker.write({"m.py": "x: int = 'a'  # E: Incompatible types in assignment  [assignment]\nreveal_type(1)\n"})
    result = checker.run()
    with pytest.raises(pytest.fail.Exception) as info:
        assert_matches(expectations(checker.root, checker.files), result)
    report = str(info.value)
    assert "expected, not reported:  m.py:1: error: Incompatible types in assignment  [assignment]" in report
    assert (
        'reported, not expected:  m.py:1: error: Incompatible types in assignment (expression has type "str", '
        'variable has type "int")  [assignment]' in report
    )
    assert 'reported, not expected:  m.py:2: note: Revealed type is "Literal[1]?"' in report


def test_several_expectations_on_one_line(tmp_path: object) -> None:
    """Expectations on one line are read in order, each up to the next marker."""
    found = expectations(tmp_path, {"m.py": "f(x)  # E: first  [a]  # N: second\n"})  # type: ignore[arg-type]
    assert found == [Diagnostic("m.py", 1, "error", "first  [a]"), Diagnostic("m.py", 1, "note", "second")]


def test_normalize_spells_unions_one_way() -> None:
    """Unions and builtins printed by older mypy versions compare equal to the newer spelling."""
    assert normalize('"Union[builtins.int, Optional[m.C]]"') == '"int | m.C | None"'
    assert normalize('expected "Optional[dict[str, Union[int, str]]]"') == 'expected "dict[str, int | str] | None"'
