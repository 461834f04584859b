"""Everything used through the `pconfigs` namespace, as some projects write it."""

import pconfigs
from lib.trainer import TrainerConfig


@pconfigs.pconfig
class ShardConfig:
    shards: int
    shard_size: pconfigs.Pinned[int]

    @pconfigs.pproperty
    def shard_size(self) -> int:
        return 1024 // self.shards


pconfigs.pdefaults += ShardConfig(shards=4, shard_size=pconfigs.Pinned)
config = ShardConfig(shards=8, shard_size=pconfigs.Pin(64))
reveal_type(config.shard_size)  # reveal: int
trainer_default = pconfigs.pdefaults(TrainerConfig)
