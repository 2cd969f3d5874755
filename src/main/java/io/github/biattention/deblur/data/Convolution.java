package io.github.biattention.deblur.data;

/** Spatial convolution of planes with kernels. */
public final class Convolution {
    private Convolution() {
    }

    /**
     * The "valid" part of the true (kernel-flipped) convolution {@code image * k}: only output
     * pixels whose kernel footprint lies entirely inside the image, so no border handling is
     * invented. Output pixel {@code (x, y)} corresponds to input pixel {@code (x + r, y + r)} with
     * {@code r = (k.size() - 1) / 2}; a kernel whose only weight sits at offset {@code (+1, 0)} from
     * the centre therefore moves image content one pixel to the right.
     *
     * @return a {@code (w - k + 1) × (h - k + 1)} plane
     * @throws IllegalArgumentException when the image is smaller than the kernel
     */
    public static Plane valid(Plane image, Kernel k) {
        int ks = k.size();
        int w = image.width();
        int ow = w - ks + 1;
        int oh = image.height() - ks + 1;
        if (ow < 1 || oh < 1) {
            throw new IllegalArgumentException(
                    "image " + w + "x" + image.height() + " is smaller than the " + ks + "x" + ks + " kernel");
        }
        float[] kw = k.weights();
        // Flip once so the inner loop is a plain correlation: out(x,y) = sum flipped(i,j) * in(x+i, y+j).
        float[] flipped = new float[kw.length];
        for (int i = 0; i < kw.length; i++) {
            flipped[kw.length - 1 - i] = kw[i];
        }
        float[] in = image.pixels();
        float[] out = new float[ow * oh];
        for (int y = 0; y < oh; y++) {
            int orow = y * ow;
            for (int j = 0; j < ks; j++) {
                int irow = (y + j) * w;
                for (int i = 0; i < ks; i++) {
                    float c = flipped[j * ks + i];
                    if (c == 0) {
                        continue; // motion kernels are mostly zeros
                    }
                    int base = irow + i;
                    // Contiguous row update: the JIT vectorises this loop.
                    for (int x = 0; x < ow; x++) {
                        out[orow + x] += c * in[base + x];
                    }
                }
            }
        }
        return new Plane(ow, oh, out);
    }
}
