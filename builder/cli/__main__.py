"""`python -m builder.cli`, for environments where the console script is not on PATH."""

from builder.cli import main

main()
