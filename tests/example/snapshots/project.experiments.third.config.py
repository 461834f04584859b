from project.modules.pipeline import (
    PipelineConfig,
    ModelConfig,
    Activation,
    OptimizerConfig,
    DataConfig,
)

# environment read at build: WORLD_SIZE=1, RANK=0
config = PipelineConfig(
    model=ModelConfig(width=256, depth=8, activation=Activation.gelu),
    optimizer=OptimizerConfig(lr=0.0003, weight_decay=0.01),
    train_data=DataConfig(path="/data/train", workers=4),
    eval_data=DataConfig(path="/data/eval", workers=2),
    batch_size=128,
)

# Derived values when this snapshot was written (the pconfigs pytest plugin compares them):
# per_device_batch = 128
