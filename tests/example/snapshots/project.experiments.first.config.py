from project.modules.trainer import TrainerConfig

config = TrainerConfig(
    steps=3,
    base_lr=0.0003,
    total_steps=6,
    min_lr_ratio=0.1,
    grad_accum_steps=4,
    num_devices=2,
)

# Derived values when this snapshot was written (the pconfigs pytest plugin compares them):
# effective_batch_size = 8
# lr_schedule = [0.0002999999999999999, 0.00027421729424061787, 0.00020671729424061788, 0.0001232827057593821, 5.5782705759382104e-05, 2.9999999999999997e-05]
