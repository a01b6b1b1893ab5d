"""Independent reference for the DAMSM loss (docs/method.md section 4), written from the formulas.

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

GAMMA2, GAMMA3 = 5.0, 10.0
EPS = 1e-8


def formula(shape, scale, offset, fn):
    count = math.prod(shape)
    values = [fn(scale * i + offset) for i in range(count)]
    return torch.tensor(values, dtype=torch.float64).reshape(shape)


def cosine(a, b):
    """cos along the first axis: dot / max(|a||b|, eps)."""
    dot = (a * b).sum(0)
    return dot / (a.norm(dim=0) * b.norm(dim=0)).clamp(min=EPS)


def same_class_mask(class_ids):
    n = len(class_ids)
    mask = torch.zeros(n, n, dtype=torch.bool)
    for i in range(n):
        for j in range(n):
            mask[i, j] = i != j and class_ids[i] == class_ids[j]
    return mask


def word_scores(regions, words, lengths, gamma1):
    """scores[j, i] = gamma3 * log sum_t exp(gamma2 * cos(e_it, c_t)) for image j, caption i."""
    n = regions.shape[0]
    scores = torch.zeros(n, n, dtype=torch.float64)
    for i in range(n):
        e = words[i, :, :lengths[i]]                      # D x n_i, real words only
        for j in range(n):
            v = regions[j]                                # D x R
            s = v.t() @ e                                 # R x n_i
            over_words = torch.softmax(s, dim=1)          # per region, over words
            over_regions = torch.softmax(gamma1 * over_words, dim=0)  # per word, over regions
            context = v @ over_regions                    # D x n_i, c_t = sum_r alpha_tr v_r
            cos = cosine(e, context)                      # n_i
            scores[j, i] = GAMMA3 * torch.log(torch.exp(GAMMA2 * cos).sum())
    return scores


def sentence_scores(global_image, sentence):
    n = global_image.shape[0]
    scores = torch.zeros(n, n, dtype=torch.float64)
    for j in range(n):
        for i in range(n):
            scores[j, i] = GAMMA3 * cosine(global_image[j], sentence[i])
    return scores


def both_directions(scores, class_ids):
    scores = scores.masked_fill(same_class_mask(class_ids), float("-inf"))
    labels = torch.arange(scores.shape[0])
    image_to_text = torch.nn.functional.cross_entropy(scores, labels)      # rows: images
    text_to_image = torch.nn.functional.cross_entropy(scores.t(), labels)  # rows: captions
    return image_to_text.item(), text_to_image.item()


def run(name, B, D, R, T, lengths, class_ids, gamma1):
    regions = formula((B, D, R), 0.37, 0.11, math.sin)      # v
    global_image = formula((B, D), 0.53, 0.30, math.sin)    # v-bar
    words = formula((B, D, T), 0.29, 0.07, math.cos)        # e (padding positions hold values too)
    sentence = formula((B, D), 0.41, 0.20, math.cos)        # e-bar
    w0, w1 = both_directions(word_scores(regions, words, lengths, gamma1), class_ids)
    s0, s1 = both_directions(sentence_scores(global_image, sentence), class_ids)
    print(f"{name}: B={B} D={D} R={R} T={T} lengths={lengths} class_ids={class_ids} gamma1={gamma1}")
    print(f"  word_image_to_text {w0:.8f}")
    print(f"  word_text_to_image {w1:.8f}")
    print(f"  sentence_image_to_text {s0:.8f}")
    print(f"  sentence_text_to_image {s1:.8f}")


# Fewer regions than channels; images 0 and 2 share a class, so their cross entries are masked.
run("case A", B=4, D=6, R=5, T=4, lengths=[4, 2, 1, 3], class_ids=[1, 2, 1, 3], gamma1=5.0)
# More regions than channels, AttnGAN's birds gamma1.
run("case B", B=3, D=4, R=7, T=3, lengths=[3, 1, 2], class_ids=[1, 1, 2], gamma1=4.0)
