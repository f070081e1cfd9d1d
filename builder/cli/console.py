"""Where the CLI prints: records and errors on stdout (for pipes), tables and progress on stderr."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False)


def complain(message: str) -> None:
    """An error for a person, printed as is: messages quote patterns like `[a-z]`, which are not markup."""
    err.print(Text(message, style="red"), soft_wrap=True)
