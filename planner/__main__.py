import sys

from planner.cli import main

if __name__ == "__main__":  # the worker process imports this module too, and must not start the app
    sys.exit(main())
