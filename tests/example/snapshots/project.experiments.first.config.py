from project.modules.trainer import TrainerConfig, Trainer

# NOTE: This code is not intended to run. It is for reading and looking up type definitions.
# If you want to run or inspect these objects, import the config from where it is defined.

TrainerConfig(
    constructable_type=Trainer,  # ClassVar (omit from config)
    steps=3,
    base_lr=0.0003,
    total_steps=6,
    min_lr_ratio=0.1,
    grad_accum_steps=4,
    num_devices=2,
    effective_batch_size=8,  # Pinned (omit from config)
    lr_schedule=[
        0.0002999999999999999,
        0.00027421729424061787,
        0.00020671729424061788,
        0.0001232827057593821,
        5.5782705759382104e-05,
        2.9999999999999997e-05,
    ],  # Pinned (omit from config)
)
