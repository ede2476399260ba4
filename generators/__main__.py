"""`python -m generators ...`: the command line."""

from generators.cli import main

main()
