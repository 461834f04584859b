"""A `@penum` class that derives from `enum.Enum`: its members are members to every checker."""

from lib.pipeline import Dtype, ModelConfig

model = ModelConfig(dtype=Dtype.fp32)  # pyright-standard: reportCallIssue
reveal_type(Dtype.fp32.value)  # reveal: Literal['fp32']
for dtype in Dtype:
    print(dtype.name)
