"""Render a simulation's interchanges on several processes, in the same order and bytes.

Control references are assigned in sending order in the parent, so the output is identical
to rendering on one process; the workers only encode. Workers are forked, so they inherit
the traffic instead of receiving it pickled; only the bytes come back.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor

from eport.simulation.batching import Batch
from eport.simulation.render import RenderedInterchange, Rendering

_CHUNK = 200  # interchanges per task: large enough to amortise the round trip

# The forked worker's view of the job, set by `_adopt` in each worker process only.
_job: tuple[tuple[Batch, ...], Rendering] | None = None


def _adopt(batches: tuple[Batch, ...], rendering: Rendering) -> None:
    global _job
    _job = (batches, rendering)


def _encode(task: list[tuple[int, str]]) -> list[bytes]:
    assert _job is not None, "worker started without its job"
    batches, rendering = _job
    return [rendering.encode(batches[index], ref) for index, ref in task]


def render_in_parallel(
    batches: tuple[Batch, ...], rendering: Rendering, workers: int
) -> Iterator[RenderedInterchange]:
    """Like rendering each batch in turn with `rendering`, on `workers` forked processes."""
    assigned = [(i, ref) for i, b in enumerate(batches) if (ref := rendering.assign(b)) is not None]
    tasks = [assigned[start : start + _CHUNK] for start in range(0, len(assigned), _CHUNK)]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=_adopt, initargs=(batches, rendering)
    ) as pool:
        for task, encoded in zip(tasks, pool.map(_encode, tasks), strict=True):
            for (index, ref), data in zip(task, encoded, strict=True):
                batch = batches[index]
                yield RenderedInterchange(batch, ref, data, len(batch.dispatches))
