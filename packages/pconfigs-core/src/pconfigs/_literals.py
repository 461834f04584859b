"""Literal text for scalar values, written the way black writes it, and line width the way black measures it.

The printer promises output that black leaves unchanged, without importing black. For scalars that means:

* strings and bytes in double quotes unless single quotes need fewer backslashes (black's own rule, ties going to
  double quotes); printable text, non-ASCII included, stays as it is; everything else is escaped, with lower-case
  hex digits;
* floats as their `repr`, which round-trips exactly, with the exponent's `+` dropped (`1e22`) and non-finite values
  as `float("inf")`, `float("-inf")`, `float("nan")`;
* ints as their `repr`; an int wider than 14,000 bits (about 4,200 digits) in upper-case hexadecimal, `0x1D4...`.
  CPython refuses to convert more than 4,300 decimal digits by default, also when it compiles a literal, and has no
  such limit for hexadecimal. The choice goes by size, never by trying `repr`, so the text compiles in a process
  with the default limit whatever limit the printing process has set.

Width is counted per character: two columns for East Asian wide and fullwidth characters, one for the rest, which
is how black decides whether a line passes 88 columns.
"""

from __future__ import annotations

import math

__all__ = ["str_literal", "bytes_literal", "float_literal", "int_literal", "width", "LINE_LENGTH"]

LINE_LENGTH = 88

_SHORT_ESCAPES = {"\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _quote_for(text: str | bytes) -> str:
    if isinstance(text, str):
        double, single = text.count('"'), text.count("'")
    else:
        double, single = text.count(b'"'), text.count(b"'")
    return "'" if single < double else '"'


def str_literal(value: str) -> str:
    """A string literal for `value` that black leaves unchanged."""
    quote = _quote_for(value)
    if value.isascii() and value.isprintable() and "\\" not in value and quote not in value:
        return quote + value + quote
    out = []
    for ch in value:
        escaped = _SHORT_ESCAPES.get(ch)
        if escaped is not None:
            out.append(escaped)
        elif ch == quote:
            out.append("\\" + ch)
        elif ch.isprintable():
            out.append(ch)
        else:
            code = ord(ch)
            if code < 0x100:
                out.append(f"\\x{code:02x}")
            elif code < 0x10000:
                out.append(f"\\u{code:04x}")
            else:
                out.append(f"\\U{code:08x}")
    return quote + "".join(out) + quote


def bytes_literal(value: bytes) -> str:
    """A bytes literal for `value` that black leaves unchanged."""
    quote = _quote_for(value)
    out = []
    for code in value:
        ch = chr(code)
        escaped = _SHORT_ESCAPES.get(ch)
        if escaped is not None:
            out.append(escaped)
        elif ch == quote:
            out.append("\\" + ch)
        elif 0x20 <= code < 0x7F:
            out.append(ch)
        else:
            out.append(f"\\x{code:02x}")
    return "b" + quote + "".join(out) + quote


def float_literal(value: float) -> str:
    """The `repr` of a float as black writes it; non-finite values as `float("...")` calls."""
    if math.isfinite(value):
        text = repr(float(value))
        return text.replace("e+", "e") if "e+" in text else text
    if math.isnan(value):
        return 'float("nan")'
    return 'float("inf")' if value > 0 else 'float("-inf")'


_DECIMAL_BITS = 14_000
"""Widest int written in decimal: one below 2**14000 has at most 4,215 digits, under CPython's default of 4,300."""


def int_literal(value: int) -> str:
    """An int literal for `value` (an exact int) that black leaves unchanged and any CPython compiles."""
    if value.bit_length() <= _DECIMAL_BITS:
        return int.__repr__(value)
    return ("-" if value < 0 else "") + "0x" + format(abs(value), "X")


def width(text: str) -> int:
    """Columns `text` takes in an editor, as black counts them (wide East Asian characters count two)."""
    if text.isascii():
        return len(text)
    return sum(_char_width(ch) for ch in text)


_wide: dict[str, int] = {}


def _char_width(ch: str) -> int:
    if ch.isascii():
        return 1
    known = _wide.get(ch)
    if known is None:
        import unicodedata

        known = _wide[ch] = 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return known
