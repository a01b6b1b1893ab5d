"""Reference values for the MMFL loss tests (tests/TextInpaint.Tests/Losses/MmflLossReferenceTests.cs).

Independent implementation of the losses of docs/method.md section 3 in PyTorch, on inputs built from
a deterministic formula (no random numbers) that the C# tests rebuild identically:
pattern(shape, a, b, scale) has value scale * sin(a * n + b) at flat (row-major) index n,
computed in float64 and stored as float32.

Run with Debian's PyTorch:  /usr/bin/python3 tests/reference/mmfl_losses_reference.py
"""
import torch


def pattern(shape, a, b, scale=1.0):
    count = 1
    for s in shape:
        count *= s
    n = torch.arange(count, dtype=torch.float64)
    return (scale * torch.sin(a * n + b)).to(torch.float32).reshape(shape)


# Relativistic-average LSGAN; r = D(x, z_hat), f = D(z_hat, x).
r = pattern((2, 1, 4, 4), 0.37, 0.11)
f = pattern((2, 1, 4, 4), 0.23, -0.5, 0.8)
loss_g = 0.5 * (torch.mean((r - torch.mean(f) + 1) ** 2) + torch.mean((f - torch.mean(r) - 1) ** 2))
loss_d = 0.5 * (torch.mean((r - torch.mean(f) - 1) ** 2) + torch.mean((f - torch.mean(r) + 1) ** 2))

# Text-guided attention loss: mean |A * z_hat - A * x|, A broadcast over channels.
attention = pattern((2, 1, 5, 5), 0.31, 0.2, 0.5) + 0.5
generated = pattern((2, 3, 5, 5), 0.17, 0.3)
target = pattern((2, 3, 5, 5), 0.13, -0.7, 0.9)
loss_tga = torch.nn.functional.l1_loss(attention * generated, attention * target)

# L1 and hole-only L1 (mask = 1 where the pattern is positive).
mask = (pattern((2, 1, 5, 5), 0.41, 0.05) > 0).to(torch.float32)
loss_l1 = torch.nn.functional.l1_loss(generated, target)
hole_l1 = ((generated - target).abs() * mask).sum() / (mask.sum() * 3)

for name, value in [("generator", loss_g), ("discriminator", loss_d), ("tga", loss_tga),
                    ("l1", loss_l1), ("hole_l1", hole_l1)]:
    print(f"{name} {value.item():.7f}")
