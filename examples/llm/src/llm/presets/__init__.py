"""Experiments, each built from the one before: `small` -> `llama_8b` -> `llama_70b`."""
