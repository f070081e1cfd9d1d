"""`python -m builder`, the package's own name, as `python -m builder.cli` is: the `builder` command where the console
script is not on PATH."""

from builder.cli import main

main()
