"""A `Pin` holds its value, which pattern matching and `.value` read."""

from pconfigs import Pin

pin = Pin([1e-3, 1e-4])
reveal_type(pin.value)  # reveal: list[float]
match pin:
    case Pin(value):
        print(value)
