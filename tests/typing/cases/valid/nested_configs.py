"""Sub-configs built in place, one of them optional (the walkthrough's third experiment)."""

from lib.pipeline import Activation, DataConfig, ModelConfig, PipelineConfig

config = PipelineConfig(  # pyright-standard: reportCallIssue
    model=ModelConfig(activation=Activation.gelu, depth=8),  # pyright-standard: reportCallIssue
    eval_data=DataConfig(path="/data/eval", workers=2),
    batch_size=128,
)
no_eval = PipelineConfig(config, eval_data=None)  # pyright-standard: reportCallIssue
