"""`python -m generators ...`: the command line; Ctrl-C while it starts up is as quiet as later."""

import os
import signal
import sys


def _quit_starting_up(signum: int, frame: object) -> None:
    # Importing writes nothing, so there is nothing to finish. Exiting at once (rather than raising
    # KeyboardInterrupt) matters: an interrupt raised inside a class body being built reaches us as another
    # error (Python wraps what __set_name__ raises in RuntimeError) and would print a traceback.
    sys.stderr.write("interrupted\n")
    sys.stderr.flush()
    os._exit(130)


signal.signal(signal.SIGINT, _quit_starting_up)
from generators.cli import run  # noqa: E402  (after the handler: the imports take most of start-up)

signal.signal(signal.SIGINT, signal.default_int_handler)
run()
