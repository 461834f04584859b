"""An optional sub-config set to `None`, and a default's sub-config kept."""

from lib.pipeline import PipelineConfig

config = PipelineConfig(eval_data=None, batch_size=32)  # pyright-standard: reportCallIssue
reveal_type(config.eval_data)  # reveal: DataConfig | None
