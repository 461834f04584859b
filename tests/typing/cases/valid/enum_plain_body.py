"""A `@penum` class with a plain body: its members are enum members at run time."""

from lib.pipeline import Activation, ModelConfig

model = ModelConfig(activation=Activation.gelu)  # pyright-standard: reportCallIssue
name: str = Activation.relu.value  # pyright-standard: reportAttributeAccessIssue
