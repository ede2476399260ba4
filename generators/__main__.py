"""`python -m generators ...`: the command line; Ctrl-C while it starts up is as quiet as later."""

import sys

try:
    from generators.cli import run
except KeyboardInterrupt:
    sys.stderr.write("interrupted\n")
    sys.exit(130)

run()
