package io.github.biattention.deblur.metrics;

import java.util.Map;

/**
 * The deterministic test images of {@code tools/reference_images.py}, rebuilt bit for bit: all integer arithmetic,
 * then one conversion to float that numpy's float32 performs identically. Keep the two files in step.
 */
public final class ReferenceImages {

    /** Integer blur kernels by name, as {@code KERNELS} in the Python module. */
    public static final Map<String, int[][]> KERNELS = Map.of(
            "box3", new int[][] {{1, 1, 1}, {1, 1, 1}, {1, 1, 1}},
            "binomial5", binomial5(),
            "disk7", disk7(),
            "motion9", motion9());

    private ReferenceImages() {}

    /** lowbias32 (C. Wellons); int overflow is the 32-bit masking the Python side does explicitly. */
    static long mix(long value) {
        int v = (int) value;
        v ^= v >>> 16;
        v *= 0x7FEB352D;
        v ^= v >>> 15;
        v *= 0x846CA68B;
        v ^= v >>> 16;
        return Integer.toUnsignedLong(v);
    }

    static long hash3(int x, int y, int seed) {
        return mix(x + 4099L * y + 1000003L * seed);
    }

    /** Integer scene, row-major, values in [0, 65000]. */
    public static int[] scene(int w, int h, int seed) {
        int m = Math.min(w, h);
        int cx = w / 3 + (int) (mix(seed * 7L + 1) % (w / 3));
        int cy = h / 3 + (int) (mix(seed * 7L + 2) % (h / 3));
        int r = m / 5 + (int) (mix(seed * 7L + 3) % (m / 8 + 1));
        int[] img = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = 4000 + (24000 * x) / w + (8000 * y) / h;
                if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r) {
                    v += 18000;
                }
                if (w / 8 <= x && x < w / 8 + w / 4 && h / 2 <= y && y < h / 2 + h / 3) {
                    v -= 4000;
                }
                if (x >= (3 * w) / 4 && ((x + y) / 2) % 2 == 0) {
                    v += 8000;
                }
                v += (int) (hash3(x, y, seed) % 3001);
                img[y * w + x] = v;
            }
        }
        return img;
    }

    public static int[] noisy(int[] img, int w, int seed, int amp) {
        int[] out = new int[img.length];
        for (int i = 0; i < img.length; i++) {
            int n = (int) (hash3(i % w, i / w, seed + 500) % (2 * amp + 1)) - amp;
            out[i] = Math.min(65535, Math.max(0, img[i] + n));
        }
        return out;
    }

    /** True convolution, edges replicated, rounded as {@code (sum + S / 2) / S} (all terms non-negative). */
    public static int[] blur(int[] img, int w, int h, int[][] kernel) {
        return blur(img, w, h, kernel, false);
    }

    /**
     * @param zeroEdges outside pixels are 0 (as scipy.signal.convolve(mode='same') assumes) instead of repeating the
     *     nearest edge pixel
     */
    public static int[] blur(int[] img, int w, int h, int[][] kernel, boolean zeroEdges) {
        int k = kernel.length;
        int r = k / 2;
        int s = 0;
        for (int[] row : kernel) {
            for (int c : row) {
                s += c;
            }
        }
        int[] out = new int[img.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                long acc = 0;
                for (int j = 0; j < k; j++) {
                    int yy = y - (j - r);
                    if (zeroEdges && (yy < 0 || yy >= h)) {
                        continue;
                    }
                    yy = Math.min(h - 1, Math.max(0, yy));
                    for (int i = 0; i < k; i++) {
                        int c = kernel[j][i];
                        int xx = x - (i - r);
                        if (c != 0 && (!zeroEdges || (xx >= 0 && xx < w))) {
                            acc += (long) c * img[yy * w + Math.min(w - 1, Math.max(0, xx))];
                        }
                    }
                }
                out[y * w + x] = (int) ((acc + s / 2) / s);
            }
        }
        return out;
    }

    /** 'noise' (amount = amplitude), 'blur:NAME' or 'blur:NAME+noise'. */
    public static int[] variant(int[] img, int w, int h, int seed, String kind, int amount) {
        if (kind.equals("noise")) {
            return noisy(img, w, seed, amount);
        }
        if (kind.startsWith("blur:")) {
            String name = kind.substring(5);
            boolean addNoise = name.endsWith("+noise");
            int[][] kernel = KERNELS.get(addNoise ? name.substring(0, name.length() - 6) : name);
            if (kernel == null) {
                throw new IllegalArgumentException(kind);
            }
            int[] out = blur(img, w, h, kernel);
            return addNoise ? noisy(out, w, seed, amount) : out;
        }
        throw new IllegalArgumentException(kind);
    }

    /** 'unit' = v / 65535 (one float division, as numpy float32), 'u16' = v, 'u8' = v >> 8. */
    public static float[] toFloat(int[] img, String scale) {
        float[] out = new float[img.length];
        for (int i = 0; i < img.length; i++) {
            switch (scale) {
                case "unit":
                    out[i] = (float) img[i] / 65535f;
                    break;
                case "u16":
                    out[i] = img[i];
                    break;
                case "u8":
                    out[i] = img[i] >> 8;
                    break;
                default:
                    throw new IllegalArgumentException(scale);
            }
        }
        return out;
    }

    /** An integer kernel as floats (for {@code Kernel.normalized}). */
    public static float[] kernelWeights(int[][] kernel) {
        int k = kernel.length;
        float[] w = new float[k * k];
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < k; i++) {
                w[j * k + i] = kernel[j][i];
            }
        }
        return w;
    }

    private static int[][] binomial5() {
        int[] b = {1, 4, 6, 4, 1};
        int[][] k = new int[5][5];
        for (int j = 0; j < 5; j++) {
            for (int i = 0; i < 5; i++) {
                k[j][i] = b[j] * b[i];
            }
        }
        return k;
    }

    private static int[][] disk7() {
        int[][] k = new int[7][7];
        for (int j = 0; j < 7; j++) {
            for (int i = 0; i < 7; i++) {
                k[j][i] = (i - 3) * (i - 3) + (j - 3) * (j - 3) <= 10 ? 1 : 0;
            }
        }
        return k;
    }

    private static int[][] motion9() {
        int[][] k = new int[9][9];
        for (int j = 0; j < 9; j++) {
            for (int i = 0; i < 9; i++) {
                k[j][i] = i == j ? 2 : Math.abs(i - j) == 1 ? 1 : 0;
            }
        }
        return k;
    }
}
