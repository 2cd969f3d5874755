#!/usr/bin/python3
"""Reference PSNR/SSIM from scikit-image for MetricsReferenceTest.

Run with Debian's python3-skimage (0.19.3 here):
    /usr/bin/python3 tools/metrics_reference.py > src/test/resources/io/github/biattention/deblur/metrics/skimage_reference.csv

Each row: channels, width, height, seed, variant, amount, scale, data_range, psnr, ssim.
The reference is scene(width, height, seed + c) for channel c, the test image is variant(...) of it (see
tools/reference_images.py), both converted to floats by 'scale'. Metrics are computed on float64 copies of the float32
images with skimage.metrics.peak_signal_noise_ratio(data_range=...) and structural_similarity(data_range=...,
default 7x7 uniform window, channel_axis=-1 for 3 channels).
"""
import os
import sys

import numpy as np
import skimage
from skimage.metrics import peak_signal_noise_ratio, structural_similarity

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import reference_images as ri  # noqa: E402

CASES = [
    # channels, width, height, seed, variant, amount, scale, data_range
    (1, 64, 48, 1, "noise", 1000, "unit", 1.0),
    (1, 64, 48, 2, "noise", 8000, "unit", 1.0),
    (1, 64, 48, 3, "blur:box3", 0, "unit", 1.0),
    (1, 64, 48, 4, "blur:binomial5+noise", 2000, "unit", 1.0),
    (1, 64, 48, 5, "noise", 3000, "u16", 65535.0),
    (1, 64, 48, 6, "noise", 4000, "u8", 255.0),
    (1, 64, 48, 7, "noise", 1000, "unit", 2.0),
    (1, 64, 48, 8, "blur:disk7", 0, "u16", 65535.0),
    (1, 37, 29, 9, "noise", 2000, "unit", 1.0),
    (1, 7, 7, 10, "noise", 2000, "unit", 1.0),
    (3, 40, 32, 11, "noise", 3000, "unit", 1.0),
    (3, 40, 32, 12, "blur:box3", 0, "u8", 255.0),
    (3, 40, 32, 13, "blur:motion9+noise", 6000, "u16", 65535.0),
]


def main():
    print("# scikit-image %s, numpy %s" % (skimage.__version__, np.__version__))
    print("channels,width,height,seed,variant,amount,scale,data_range,psnr,ssim")
    for channels, w, h, seed, kind, amount, scale, data_range in CASES:
        refs, tests = [], []
        for c in range(channels):
            sharp = ri.scene(w, h, seed + c)
            refs.append(ri.to_float(sharp, scale).astype(np.float64))
            tests.append(ri.to_float(ri.variant(sharp, seed + c, kind, amount), scale).astype(np.float64))
        if channels == 1:
            ref, test = refs[0], tests[0]
            ssim = structural_similarity(ref, test, data_range=data_range)
        else:
            ref, test = np.stack(refs, axis=-1), np.stack(tests, axis=-1)
            ssim = structural_similarity(ref, test, data_range=data_range, channel_axis=-1)
        psnr = peak_signal_noise_ratio(ref, test, data_range=data_range)
        print("%d,%d,%d,%d,%s,%d,%s,%r,%.10f,%.10f" % (channels, w, h, seed, kind, amount, scale, data_range,
                                                         psnr, ssim))


if __name__ == "__main__":
    main()
