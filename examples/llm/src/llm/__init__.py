"""An LLM pre-training setup configured with pconfigs.

One config class per part of a pre-training run (`model`, `optim`, `data`, `parallel`, `checkpoint`, `tracking`,
`evaluation`), a top config that holds them (`pretrain`), and presets built from each other in `llm.presets`:
`small` -> `llama_8b` -> `llama_70b`. Nothing here imports torch: `Pretrainer.main` prints what a real trainer
would compute at start-up.
"""
