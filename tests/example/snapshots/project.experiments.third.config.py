from project.modules.pipeline import (
    PipelineConfig,
    Pipeline,
    ClusterEnv,
    ModelConfig,
    Activation,
    OptimizerConfig,
    DataConfig,
)

# NOTE: This code is not intended to run. It is for reading and looking up type definitions.
# If you want to run or inspect these objects, import the config from where it is defined.

PipelineConfig(
    constructable_type=Pipeline,  # ClassVar (omit from config)
    environment=ClusterEnv(
        world_size=1,
        rank=0,
    ),  # Environment, read at build (omit from config)
    model=ModelConfig(width=256, depth=8, activation=Activation.gelu),
    optimizer=OptimizerConfig(lr=0.0003, weight_decay=0.01),
    train_data=DataConfig(path="/data/train", workers=4),
    eval_data=DataConfig(path="/data/eval", workers=2),
    batch_size=128,
    per_device_batch=128,  # Pinned (omit from config)
)
