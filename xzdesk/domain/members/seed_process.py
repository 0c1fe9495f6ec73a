"""Seeded members' rows made in a second process while the writer stores the previous batch.

Making a row is Python work that holds the interpreter lock, so a second thread only made the
writer wait (tried in the fifth round); a second process runs on the other core. It is started
with `spawn` (the only start method on Windows, and safe in a process that runs Qt threads),
continues the seed's random stream from the plan and sends each batch pickled through a pipe; the
pipe holds little, so it stays about one batch ahead. The process never sees the database, its key
or the blind-index key.

It is ended whenever the writer stops (done, cancelled or failed). Should it die or fail to start,
the batches not yet received are made in the writer's process from the same plan: the same rows.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import pickle
from collections.abc import Iterator
from multiprocessing.connection import Connection

from xzdesk.domain.members.seed_rows import Batch, Plan, member_batches

log = logging.getLogger(__name__)

_END = b""  # sent after the last batch


def _serve(plan: Plan, sending: Connection) -> None:
    """The second process: every batch, then the end mark."""
    try:
        for batch in member_batches(plan):
            sending.send_bytes(pickle.dumps(batch, protocol=pickle.HIGHEST_PROTOCOL))
        sending.send_bytes(_END)
    except (BrokenPipeError, ConnectionResetError):
        pass  # the writer stopped (cancelled or failed) and closed its end
    finally:
        sending.close()


def _received(plan: Plan, receiving: Connection) -> Iterator[Batch]:
    got = 0
    try:
        while data := receiving.recv_bytes():
            got += 1
            yield pickle.loads(data)
        return
    except (EOFError, OSError):
        log.warning("seeding: the row process ended early; the rest is made here")
    for n, batch in enumerate(member_batches(plan)):
        if n >= got:
            yield batch


@contextlib.contextmanager
def member_batches_elsewhere(plan: Plan) -> Iterator[Iterator[Batch]]:
    """`member_batches(plan)`, made in a second process that ends with the block."""
    context = multiprocessing.get_context("spawn")
    receiving, sending = context.Pipe(duplex=False)
    process = context.Process(target=_serve, args=(plan, sending), name="xzdesk-seed-rows", daemon=True)
    try:
        process.start()
    except OSError:
        log.warning("seeding: no second process; the rows are made here")
        receiving.close()
        sending.close()
        yield member_batches(plan)
        return
    sending.close()  # the child's end: its exit is seen here as the end of the pipe
    try:
        yield _received(plan, receiving)
    finally:
        receiving.close()
        if process.is_alive():
            process.terminate()
        process.join()
