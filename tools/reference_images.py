"""Deterministic test images shared by tools/metrics_reference.py and tools/rl_reference.py.

Everything is integer arithmetic (32-bit hashing, integer division, integer convolution), so the Java tests
(src/test/java/io/github/biattention/deblur/metrics/ReferenceImages.java) rebuild bit-identical images: a Java
float of an integer below 2^24, or of such an integer divided by 65535 (one IEEE division), equals numpy's float32.

Images are lists of rows of integers in [0, 65535].
"""

MASK = 0xFFFFFFFF


def mix(v):
    """lowbias32 integer hash (C. Wellons): a 32-bit unsigned integer to another."""
    v &= MASK
    v ^= v >> 16
    v = (v * 0x7FEB352D) & MASK
    v ^= v >> 15
    v = (v * 0x846CA68B) & MASK
    v ^= v >> 16
    return v


def hash3(x, y, seed):
    """Hash of a pixel position and a seed (0 <= x, y < 4099, 0 <= seed < 1000)."""
    return mix(x + 4099 * y + 1000003 * seed)


def scene(w, h, seed):
    """Ramps, a disc, a darker rectangle, fine diagonal stripes and a little texture; values in [0, 65000]."""
    m = min(w, h)
    cx = w // 3 + mix(seed * 7 + 1) % (w // 3)
    cy = h // 3 + mix(seed * 7 + 2) % (h // 3)
    r = m // 5 + mix(seed * 7 + 3) % (m // 8 + 1)
    img = []
    for y in range(h):
        row = []
        for x in range(w):
            v = 4000 + (24000 * x) // w + (8000 * y) // h
            if (x - cx) ** 2 + (y - cy) ** 2 <= r * r:
                v += 18000
            if w // 8 <= x < w // 8 + w // 4 and h // 2 <= y < h // 2 + h // 3:
                v -= 4000
            if x >= (3 * w) // 4 and ((x + y) // 2) % 2 == 0:
                v += 8000
            v += hash3(x, y, seed) % 3001
            row.append(v)
        img.append(row)
    return img


def noisy(img, seed, amp):
    """Adds uniform integer noise in [-amp, amp] (hash of position and seed + 500), clipped to [0, 65535]."""
    out = []
    for y, row in enumerate(img):
        out.append([min(65535, max(0, v + hash3(x, y, seed + 500) % (2 * amp + 1) - amp))
                    for x, v in enumerate(row)])
    return out


def blur(img, kernel, edge="replicate"):
    """True convolution with an odd square integer kernel, rounded: (sum + S // 2) // S.

    edge: 'replicate' (outside pixels repeat the nearest edge pixel) or 'zero' (outside pixels are 0, as
    scipy.signal.convolve(mode='same') assumes).
    """
    h, w = len(img), len(img[0])
    k = len(kernel)
    r = k // 2
    s = sum(sum(row) for row in kernel)
    out = []
    for y in range(h):
        row = []
        for x in range(w):
            acc = 0
            for j in range(k):
                yy = y - (j - r)
                if edge == "zero" and not 0 <= yy < h:
                    continue
                yy = min(h - 1, max(0, yy))
                for i in range(k):
                    c = kernel[j][i]
                    xx = x - (i - r)
                    if c and (edge != "zero" or 0 <= xx < w):
                        acc += c * img[yy][min(w - 1, max(0, xx))]
            row.append((acc + s // 2) // s)
        out.append(row)
    return out


def _binomial5():
    b = [1, 4, 6, 4, 1]
    return [[a * c for c in b] for a in b]


def _disk7():
    return [[1 if (i - 3) ** 2 + (j - 3) ** 2 <= 10 else 0 for i in range(7)] for j in range(7)]


def _motion9():
    return [[2 if i == j else 1 if abs(i - j) == 1 else 0 for i in range(9)] for j in range(9)]


KERNELS = {
    "box3": [[1] * 3 for _ in range(3)],
    "binomial5": _binomial5(),
    "disk7": _disk7(),
    "motion9": _motion9(),
}


def to_float(img, scale):
    """numpy float32 array: 'unit' = v / 65535 (float32 division), 'u16' = v, 'u8' = v >> 8."""
    import numpy as np
    a = np.array(img, dtype=np.int64)
    if scale == "unit":
        return a.astype(np.float32) / np.float32(65535)
    if scale == "u16":
        return a.astype(np.float32)
    if scale == "u8":
        return (a >> 8).astype(np.float32)
    raise ValueError(scale)


def variant(img, seed, kind, amount):
    """'noise' (amount = noise amplitude), 'blur:<kernel>' or 'blur:<kernel>+noise'."""
    if kind == "noise":
        return noisy(img, seed, amount)
    if kind.startswith("blur:"):
        name = kind[5:]
        add_noise = name.endswith("+noise")
        out = blur(img, KERNELS[name[:-6] if add_noise else name])
        return noisy(out, seed, amount) if add_noise else out
    raise ValueError(kind)
