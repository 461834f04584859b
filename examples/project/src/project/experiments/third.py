from project.modules.pipeline import Activation, DataConfig, ModelConfig, PipelineConfig

config = PipelineConfig(
    model=ModelConfig(activation=Activation.gelu, depth=8),  # the rest from ModelConfig's default
    eval_data=DataConfig(path="/data/eval", workers=2),  # optional: the default has none
    batch_size=128,
)
