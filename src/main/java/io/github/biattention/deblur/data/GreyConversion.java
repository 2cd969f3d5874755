package io.github.biattention.deblur.data;

import ij.ImagePlus;
import ij.process.ImageProcessor;

/** ImageJ processors to grey-level floats in [0, 1]. */
final class GreyConversion {
    private GreyConversion() {
    }

    /**
     * @param type the {@link ImagePlus} type of the image the processor belongs to
     * @return {@code width * height} values in [0, 1]
     */
    static float[] toUnitFloat(ImageProcessor ip, int type) {
        int n = ip.getWidth() * ip.getHeight();
        float[] out = new float[n];
        switch (type) {
            case ImagePlus.GRAY8: {
                byte[] px = (byte[]) ip.getPixels();
                boolean inverted = ip.isInvertedLut(); // display, and hence meaning, is inverted
                for (int i = 0; i < n; i++) {
                    float v = (px[i] & 0xff) / 255f;
                    out[i] = inverted ? 1 - v : v;
                }
                return out;
            }
            case ImagePlus.GRAY16: {
                short[] px = (short[]) ip.getPixels();
                for (int i = 0; i < n; i++) {
                    out[i] = (px[i] & 0xffff) / 65535f;
                }
                return out;
            }
            case ImagePlus.GRAY32: {
                float[] px = (float[]) ip.getPixels();
                float min = Float.POSITIVE_INFINITY;
                float max = Float.NEGATIVE_INFINITY;
                for (float v : px) {
                    if (Float.isFinite(v)) {
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                    }
                }
                float range = max > min ? max - min : 1;
                for (int i = 0; i < n; i++) {
                    float v = px[i];
                    out[i] = Float.isFinite(v) && max > min ? (v - min) / range : 0;
                }
                return out;
            }
            case ImagePlus.COLOR_256:
            case ImagePlus.COLOR_RGB: {
                int[] px = (int[]) (type == ImagePlus.COLOR_RGB ? ip : ip.convertToRGB()).getPixels();
                for (int i = 0; i < n; i++) {
                    int c = px[i];
                    out[i] = (0.299f * ((c >> 16) & 0xff) + 0.587f * ((c >> 8) & 0xff) + 0.114f * (c & 0xff)) / 255f;
                }
                return out;
            }
            default:
                throw new IllegalArgumentException("unsupported ImageJ image type " + type);
        }
    }
}
