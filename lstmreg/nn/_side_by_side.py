"""Networks of an ensemble trained side by side, one Python thread each.

torch releases the GIL inside its kernels, so two threads that each train a
network with one intra-op thread keep two cores busy — about twice the
throughput of one network on two intra-op threads, whose small LSTM
matrices leave the second thread mostly waiting (and spinning, which
thrashes on a machine other work shares; see the performance page).

torch's global random generator is one for all threads, so each network
draws its shuffles (:class:`~lstmreg.nn._skorch_plumbing.TensorBatches`) and
its dropout masks (:class:`Dropout`) from the generator of the thread that
trains it (:func:`drawing_from`): a copy of the global generator's state
right after that network was seeded and initialised. The draws are then
the ones the global generator would have made, whichever thread trains the
network and whatever trains beside it, so the same seed gives the same
networks side by side or one after another.
"""

import threading
from concurrent.futures import ThreadPoolExecutor, wait
from contextlib import contextmanager

import torch
from torch import nn

__all__ = [
    "Dropout",
    "Stopped",
    "check_stop",
    "current_generator",
    "drawing_from",
    "generator_after_seeding",
    "run_side_by_side",
]

_local = threading.local()


def current_generator():
    """The CPU generator this thread's training draws from (None: torch's
    global generator)."""
    return getattr(_local, "generator", None)


class Stopped(Exception):
    """Raised in a thread's training when the networks beside it must stop."""


def check_stop():
    """Raise :class:`Stopped` when training in this thread should end: a
    network beside it failed, or the caller was interrupted."""
    stop = getattr(_local, "stop", None)
    if stop is not None and stop.is_set():
        raise Stopped


@contextmanager
def drawing_from(generator):
    """Draw this thread's shuffles and CPU dropout masks from ``generator``
    inside the block."""
    before = current_generator()
    _local.generator = generator
    try:
        yield
    finally:
        _local.generator = before


def generator_after_seeding():
    """A CPU generator in the global generator's present state: it goes on
    drawing what the global generator would draw next."""
    generator = torch.Generator()
    generator.set_state(torch.get_rng_state())
    return generator


class Dropout(nn.Dropout):
    """``torch.nn.Dropout`` drawing its CPU masks from :func:`current_generator`.

    The same computation as ``torch.dropout`` on the CPU (a Bernoulli mask
    of ``1 - p``, divided by ``1 - p``, times the input), so with the global
    generator's state it gives the same masks, values and gradients. On
    other devices, or with no generator set, it is ``torch.nn.Dropout``.
    """

    def forward(self, X):
        generator = current_generator()
        on_cpu = X.device.type == "cpu"  # the generator is a CPU one
        if not self.training or self.p == 0 or generator is None or not on_cpu:
            return super().forward(X)
        noise = torch.empty_like(X).bernoulli_(1 - self.p, generator=generator)
        noise.div_(1 - self.p)
        return X * noise


def run_side_by_side(tasks, n_jobs, threads_each):
    """Run the callables ``tasks`` in ``n_jobs`` threads, each with
    ``threads_each`` intra-op torch threads; their results in order.

    When a task fails (or the caller gets Ctrl-C) the others stop at their
    next batch (:func:`check_stop`); the first task's error is raised once
    all have ended. torch's thread count is restored afterwards.
    """
    before = torch.get_num_threads()
    stop = threading.Event()

    def run(task):
        torch.set_num_threads(threads_each)
        _local.stop = stop
        try:
            return task()
        except BaseException:
            stop.set()
            raise

    try:
        with ThreadPoolExecutor(n_jobs, thread_name_prefix="lstmreg") as pool:
            futures = []
            try:  # Ctrl-C even between two submissions stops those running
                futures.extend(pool.submit(run, task) for task in tasks)
                wait(futures)
            except BaseException:  # Ctrl-C: the pool's exit waits for them
                stop.set()
                for future in futures:
                    future.cancel()
                raise
        errors = [f.exception() for f in futures]
        for error in errors:
            if error is not None and not isinstance(error, Stopped):
                raise error
        return [future.result() for future in futures]
    finally:
        torch.set_num_threads(before)
