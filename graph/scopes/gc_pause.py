"""Building big structures without the garbage collector's full passes in the middle.

Reading and analysing a scope of 5,000 people creates a few hundred thousand dicts, tuples and
small objects, none of them garbage. CPython's collector counts allocations and, every so often,
walks every tracked object the process holds -- including the cached analyses of other scopes
-- only to find nothing to free, a noticeable share of a large deal's analysis
(``benchmarks/RESULTS-deal-analysis.md``). The collector is paused while such a structure is
built and resumed after, when the process makes garbage again at its usual pace. Reference
counting frees memory as usual meanwhile; only cycles wait for the next pass.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["gc_paused"]

_lock = threading.Lock()
_holders = 0
_resume = False


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector for the block (nested and threaded uses are fine).

    The collector resumes when the last block ends, and only if it was running when the first
    began.

    Examples
    --------
    >>> with gc_paused():
    ...     table = [{"id": i} for i in range(100_000)]
    >>> gc.isenabled()
    True
    """
    global _holders, _resume
    with _lock:
        if _holders == 0:
            _resume = gc.isenabled()
            gc.disable()
        _holders += 1
    try:
        yield
    finally:
        with _lock:
            _holders -= 1
            if _holders == 0 and _resume:
                gc.enable()
