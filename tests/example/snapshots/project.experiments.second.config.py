from project.modules.trainer import TrainerConfig

config = TrainerConfig(
    steps=5,
    base_lr=0.001,
    total_steps=6,
    min_lr_ratio=0.1,
    grad_accum_steps=4,
    num_devices=2,
)

# Derived values when this snapshot was written (the pconfigs pytest plugin compares them):
# effective_batch_size = 8
# lr_schedule = [0.001, 0.0009140576474687263, 0.0006890576474687264, 0.0004109423525312737, 0.00018594235253127368, 0.0001]
