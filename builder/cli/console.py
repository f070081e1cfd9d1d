"""Where the CLI prints: records and errors on stdout (for pipes), tables and progress on stderr."""

from __future__ import annotations

from rich.console import Console, ConsoleDimensions
from rich.text import Text

UNWRAPPED_WIDTH = 4096
"""Columns a console has when it writes to no terminal (a CI log, a pipe, a file). Rich would take 80 there, or
the width of whichever other standard stream is a terminal, and squeeze a wider table into it, cutting values
to "ukraine-…". Nothing reads such output on a screen of a set width, so there tables keep their natural width
(a table takes only the width it needs) and long lines are not wrapped. A number, as rich needs one."""


class CliConsole(Console):
    """A rich console that is as wide as its terminal, or `UNWRAPPED_WIDTH` when its output is not a terminal.

    Whether it is one is asked of the file itself at each print, not of `is_terminal`: FORCE_COLOR (set by some CI
    for colour in logs) makes rich call a log a terminal, and stderr may go to a file while stdout is a terminal.
    A width given explicitly (`COLUMNS`, or `width=`) is kept either way.
    """

    @property
    def size(self) -> ConsoleDimensions:
        size = super().size
        if self._width is not None or _is_tty(self.file):
            return size
        return ConsoleDimensions(UNWRAPPED_WIDTH, size.height)

    @size.setter
    def size(self, new_size: tuple[int, int]) -> None:
        self._width, self._height = new_size


def _is_tty(file: object) -> bool:
    isatty = getattr(file, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # a closed file
        return False


out = CliConsole(highlight=False, soft_wrap=True)
err = CliConsole(stderr=True, highlight=False)


def complain(message: str) -> None:
    """An error for a person, printed as is: messages quote patterns like `[a-z]`, which are not markup."""
    err.print(Text(message, style="red"), soft_wrap=True)


def warn(message: str) -> None:
    """A warning for a person: what the run did not refuse but should not pass unseen."""
    err.print(Text(f"warning: {message}", style="yellow"), soft_wrap=True)
