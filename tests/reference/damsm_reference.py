"""Independent reference for the DAMSM loss (MMFL.md section 4), written from the formulas.

Not part of the project: it prints the four loss terms for fixed inputs so that
tests/TextInpaint.Tests/Losses/DamsmLossTests.cs can compare the C# implementation with them.
Run with Debian's PyTorch:  /usr/bin/python3 tests/reference/damsm_reference.py

Inputs come from closed formulas (no random numbers) over the row-major flat index i, so the C#
test builds identical tensors. Word features at padding positions are deliberately NOT zero: the
reference only ever reads a caption's real words, so a match shows the C# code ignores padding.
This reference walks caption by caption in float64; the C# code is batched in float32.
"""
import math

import torch

B, D, R, T = 4, 6, 5, 4
LENGTHS = [4, 2, 1, 3]
CLASS_IDS = [0, 1, 0, 2]  # images 0 and 2 share a class: their cross entries are masked
GAMMA1, GAMMA2, GAMMA3 = 5.0, 5.0, 10.0
EPS = 1e-8


def formula(shape, scale, offset, fn):
    count = math.prod(shape)
    values = [fn(scale * i + offset) for i in range(count)]
    return torch.tensor(values, dtype=torch.float64).reshape(shape)


regions = formula((B, D, R), 0.37, 0.11, math.sin)      # v
global_image = formula((B, D), 0.53, 0.30, math.sin)    # v-bar
words = formula((B, D, T), 0.29, 0.07, math.cos)        # e (padding positions hold values too)
sentence = formula((B, D), 0.41, 0.20, math.cos)        # e-bar


def cosine(a, b):
    """cos along the first axis: dot / max(|a||b|, eps)."""
    dot = (a * b).sum(0)
    return dot / (a.norm(dim=0) * b.norm(dim=0)).clamp(min=EPS)


def same_class_mask():
    mask = torch.zeros(B, B, dtype=torch.bool)
    for i in range(B):
        for j in range(B):
            mask[i, j] = i != j and CLASS_IDS[i] == CLASS_IDS[j]
    return mask


def word_scores():
    """scores[j, i] = gamma3 * log sum_t exp(gamma2 * cos(e_it, c_t)) for image j, caption i."""
    scores = torch.zeros(B, B, dtype=torch.float64)
    for i in range(B):
        e = words[i, :, :LENGTHS[i]]                      # D x n, real words only
        for j in range(B):
            v = regions[j]                                # D x R
            s = v.t() @ e                                 # R x n
            over_words = torch.softmax(s, dim=1)          # per region, over words
            over_regions = torch.softmax(GAMMA1 * over_words, dim=0)  # per word, over regions
            context = v @ over_regions                    # D x n, c_t = sum_r alpha_tr v_r
            cos = cosine(e, context)                      # n
            scores[j, i] = GAMMA3 * torch.log(torch.exp(GAMMA2 * cos).sum())
    return scores


def sentence_scores():
    scores = torch.zeros(B, B, dtype=torch.float64)
    for j in range(B):
        for i in range(B):
            scores[j, i] = GAMMA3 * cosine(global_image[j], sentence[i])
    return scores


def both_directions(scores):
    scores = scores.masked_fill(same_class_mask(), float("-inf"))
    labels = torch.arange(B)
    image_to_text = torch.nn.functional.cross_entropy(scores, labels)      # rows: images
    text_to_image = torch.nn.functional.cross_entropy(scores.t(), labels)  # rows: captions
    return image_to_text.item(), text_to_image.item()


w0, w1 = both_directions(word_scores())
s0, s1 = both_directions(sentence_scores())
print(f"word_image_to_text {w0:.8f}")
print(f"word_text_to_image {w1:.8f}")
print(f"sentence_image_to_text {s0:.8f}")
print(f"sentence_text_to_image {s1:.8f}")
