"""``python -m tests.load``: see :mod:`tests.load.run`."""

from tests.load.run import main

main()
