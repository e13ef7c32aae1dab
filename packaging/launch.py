"""Entry point of the frozen app (PyInstaller). The worker process is started with the
"spawn" method, which in a frozen app re-runs this executable: freeze_support() turns
that run into the worker instead of a second app."""

import multiprocessing
import sys

if __name__ == "__main__":
    multiprocessing.freeze_support()
    from planner.cli import main

    sys.exit(main())
