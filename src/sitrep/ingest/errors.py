"""The one exception readers raise; its message is the one-line error a user sees."""

from __future__ import annotations


class InputError(Exception):
    """An input (or a record inside it) that cannot be read.

    The message is shown to the user as is, so it says what is wrong in one line
    (``"invalid JSON on line 3: Expecting ',' delimiter"``).
    """
