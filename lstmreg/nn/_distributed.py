"""Data-parallel training over a ``torch.distributed`` process group.

When a process group is initialised with more than one process (``torchrun``
starts them; each calls ``torch.distributed.init_process_group``),
:class:`~lstmreg.LSTMForecaster` trains one model on all of them: every
process holds the same windows, takes its share of each shuffled batch
(:func:`shard`), and PyTorch's ``DistributedDataParallel`` averages the
gradients (:func:`data_parallel`). The seed is rank 0's, so every process
shuffles alike and all end with the same weights. Nothing here is
lstmreg's own protocol: the launch, the process group and the gradient
averaging are PyTorch's.
"""

from contextlib import contextmanager

import torch
import torch.distributed as dist
from torch.nn.parallel import DistributedDataParallel

__all__ = ["data_parallel", "process_group", "shard", "shared_seed"]


def process_group():
    """``(rank, world_size)`` of the initialised process group, or None
    when there is none or it has one process."""
    if not (dist.is_available() and dist.is_initialized()):
        return None
    world = dist.get_world_size()
    return None if world == 1 else (dist.get_rank(), world)


def shared_seed(seed):
    """``seed`` as rank 0 drew it, on every process of the group."""
    if process_group() is None:
        return seed
    box = [seed]
    dist.broadcast_object_list(box, src=0)
    return box[0]


def shard(rows):
    """This process's share of a batch's ``rows`` (indices or a slice):
    every ``world_size``-th row from its rank on; None when the batch has
    fewer rows than processes (every process skips it alike)."""
    group = process_group()
    if group is None:
        return rows
    rank, world = group
    if isinstance(rows, slice):
        rows = torch.arange(rows.start, rows.stop)
    if len(rows) < world:
        return None
    return rows[rank::world]


@contextmanager
def data_parallel(net):
    """Train the skorch ``net``'s module under ``DistributedDataParallel``
    while in the block, when a process group is initialised; the plain
    module is back afterwards (for predicting, pickling and saving)."""
    if process_group() is None:
        yield
        return
    module = net.module_
    device = next(module.parameters()).device
    # the LSTM has no buffers, so no collective runs in a forward pass: the
    # validation and prediction passes of one process need no partner
    net.module_ = DistributedDataParallel(
        module, device_ids=[device.index] if device.type == "cuda" else None
    )
    try:
        yield
    finally:
        net.module_ = module
