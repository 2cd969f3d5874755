package io.github.biattention.deblur.metrics;

/** Peak signal-to-noise ratio, as scikit-image's {@code peak_signal_noise_ratio} with {@code data_range} given. */
public final class Psnr {

    private Psnr() {}

    /**
     * @param reference the true image
     * @param test the image to score, same length
     * @param dataRange the intensity range (e.g. 1 for images in [0, 1], 255 for 8-bit)
     * @return 10 log10(range^2 / MSE) in dB; {@code +Infinity} for identical images
     */
    public static double compute(float[] reference, float[] test, double dataRange) {
        if (reference.length != test.length || reference.length == 0) {
            throw new IllegalArgumentException("images must be non-empty and of equal size");
        }
        double sum = 0;
        for (int i = 0; i < reference.length; i++) {
            double d = (double) reference[i] - test[i];
            sum += d * d;
        }
        double mse = sum / reference.length;
        return 10 * Math.log10(dataRange * dataRange / mse);
    }
}
