"""Reference values for tests/TextInpaint.Tests/Evaluation/Metrics/ImageQualityTests.cs.

Run with Debian's python3-skimage (0.19): /usr/bin/python3 tests/reference/metrics_reference.py
The images are made from formulas that the C# test repeats exactly (uint8 by floor(v + 0.5)).
"""
import numpy as np
from skimage.metrics import peak_signal_noise_ratio, structural_similarity

W, H = 24, 20
y, x, c = np.meshgrid(np.arange(H), np.arange(W), np.arange(3), indexing="ij")
truth = np.floor(127.5 + 120 * np.sin(0.37 * x + 0.23 * y + 1.1 * c) + 0.5)
result = np.clip(truth + np.floor(30 * np.sin(0.7 * x - 0.45 * y + 0.9 * c) + 0.5), 0, 255)
truth, result = truth.astype(np.uint8), result.astype(np.uint8)
hole = np.zeros((H, W), bool)
hole[5:15, 6:18] = True  # x 6..17, y 5..14

a, b = truth / 255.0, result / 255.0
kw = dict(gaussian_weights=True, sigma=1.5, use_sample_covariance=False, data_range=1)
ssim, full = structural_similarity(a, b, channel_axis=-1, full=True, **kw)
inner = np.zeros((H, W), bool)
inner[5:H - 5, 5:W - 5] = True
hole_ssim = np.mean([full[..., k][hole & inner].mean() for k in range(3)])
hole_mse = ((a - b) ** 2)[hole].mean()
ga = 0.299 * a[..., 0] + 0.587 * a[..., 1] + 0.114 * a[..., 2]
gb = 0.299 * b[..., 0] + 0.587 * b[..., 1] + 0.114 * b[..., 2]
print(f"psnr {peak_signal_noise_ratio(a, b, data_range=1):.9f}")
print(f"ssim {ssim:.9f}")
print(f"l1 {np.abs(a - b).mean():.9f}")
print(f"hole_psnr {10 * np.log10(1 / hole_mse):.9f}")
print(f"hole_ssim {hole_ssim:.9f}")
print(f"hole_l1 {np.abs(a - b)[hole].mean():.9f}")
print(f"gray_psnr {peak_signal_noise_ratio(ga, gb, data_range=1):.9f}")
print(f"gray_ssim {structural_similarity(ga, gb, **kw):.9f}")
print(f"gray_relative_l1 {np.abs(ga - gb).sum() / (ga + gb).sum():.9f}")
