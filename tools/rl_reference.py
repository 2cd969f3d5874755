#!/usr/bin/python3
"""Reference Richardson-Lucy results from scikit-image for RichardsonLucyReferenceTest.

Run with Debian's python3-skimage (0.19.3 here) from the repository root:
    /usr/bin/python3 tools/rl_reference.py > src/test/resources/io/github/biattention/deblur/classical/rl_reference.csv

For each case the sharp image is scene(width, height, seed) and the blurred input is
noisy(blur(scene, KERNELS[kernel], edge), seed, noise) (tools/reference_images.py), both as 'unit' floats (v / 65535).
The PSF is the integer kernel divided by its sum. skimage.restoration.richardson_lucy runs on float64 copies with
num_iter=iterations and clip=False (clipping to [-1, 1] is a display convenience of skimage, not part of the
method); its output is written as little-endian float32, row-major, to rl_<name>.f32 beside the CSV, and PSNR
against the sharp image (data_range=1) is printed, over the whole image and over the interior (a margin of the
kernel's size left out: skimage's zero boundary brightens the border pixels strongly, which dominates the first).
"""
import os
import sys

import numpy as np
import skimage
from skimage.metrics import peak_signal_noise_ratio
from skimage.restoration import richardson_lucy

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import reference_images as ri  # noqa: E402

OUT = os.path.join(HERE, "..", "src", "test", "resources", "io", "github", "biattention", "deblur", "classical")

CASES = [
    # name, width, height, seed, kernel, edge, noise amplitude (of 65535), iterations
    # 'zero' edges blur as skimage's RL models it (scipy.signal.convolve mode='same'); 'replicate' edges break that
    # model, RL then brightens the border strongly, which makes a harder numerical comparison.
    ("binomial", 64, 48, 21, "binomial5", "zero", 300, 30),
    ("disk", 64, 48, 22, "disk7", "zero", 0, 20),
    ("motion", 64, 48, 23, "motion9", "zero", 600, 50),
    ("odd", 37, 29, 24, "binomial5", "replicate", 300, 10),
]


def main():
    print("# scikit-image %s, numpy %s; richardson_lucy(float64, clip=False)" % (skimage.__version__,
                                                                                np.__version__))
    print("name,width,height,seed,kernel,edge,noise,iterations,psnr_blurred,psnr_rl,psnr_rl_interior")
    for name, w, h, seed, kernel, edge, noise, iterations in CASES:
        sharp_int = ri.scene(w, h, seed)
        blurred_int = ri.noisy(ri.blur(sharp_int, ri.KERNELS[kernel], edge), seed, noise)
        sharp = ri.to_float(sharp_int, "unit").astype(np.float64)
        blurred = ri.to_float(blurred_int, "unit").astype(np.float64)
        k = np.array(ri.KERNELS[kernel], dtype=np.float64)
        psf = k / k.sum()
        restored = richardson_lucy(blurred, psf, num_iter=iterations, clip=False)
        restored.astype("<f4").tofile(os.path.join(OUT, "rl_%s.f32" % name))
        m = len(ri.KERNELS[kernel])
        interior = (slice(m, h - m), slice(m, w - m))
        print("%s,%d,%d,%d,%s,%s,%d,%d,%.10f,%.10f,%.10f" % (
            name, w, h, seed, kernel, edge, noise, iterations,
            peak_signal_noise_ratio(sharp, blurred, data_range=1.0),
            peak_signal_noise_ratio(sharp, restored, data_range=1.0),
            peak_signal_noise_ratio(sharp[interior], restored[interior], data_range=1.0)))


if __name__ == "__main__":
    main()
