package io.github.biattention.deblur.metrics;

/**
 * Peak signal-to-noise ratio, as scikit-image's {@code peak_signal_noise_ratio} with {@code data_range} given.
 * Agreement with scikit-image 0.19 to 0.01 dB is checked by {@code MetricsReferenceTest} against the numbers printed
 * by {@code tools/metrics_reference.py}.
 */
public final class Psnr {

    private Psnr() {}

    /**
     * @param reference the true image
     * @param test the image to score, same length
     * @param dataRange the intensity range (e.g. 1 for images in [0, 1], 255 for 8-bit)
     * @return 10 log10(range^2 / MSE) in dB; {@code +Infinity} for identical images
     */
    public static double compute(float[] reference, float[] test, double dataRange) {
        return fromMse(squaredError(reference, test) / reference.length, dataRange);
    }

    /**
     * Several channels (e.g. R, G, B) scored together, as scikit-image scores an RGB array: one MSE over all values
     * of all channels, not the mean of per-channel PSNRs.
     *
     * @param reference the channels of the true image, all of the same non-zero length
     * @param test the channels of the image to score, same count and length
     * @return 10 log10(range^2 / MSE) in dB; {@code +Infinity} for identical images
     */
    public static double compute(float[][] reference, float[][] test, double dataRange) {
        if (reference.length != test.length || reference.length == 0) {
            throw new IllegalArgumentException("images must have the same, non-zero number of channels");
        }
        double sum = 0;
        for (int c = 0; c < reference.length; c++) {
            if (reference[c].length != reference[0].length) {
                throw new IllegalArgumentException("channels must be of equal size");
            }
            sum += squaredError(reference[c], test[c]);
        }
        return fromMse(sum / ((double) reference.length * reference[0].length), dataRange);
    }

    private static double squaredError(float[] reference, float[] test) {
        if (reference.length != test.length || reference.length == 0) {
            throw new IllegalArgumentException("images must be non-empty and of equal size");
        }
        double sum = 0;
        for (int i = 0; i < reference.length; i++) {
            double d = (double) reference[i] - test[i];
            sum += d * d;
        }
        return sum;
    }

    private static double fromMse(double mse, double dataRange) {
        return 10 * Math.log10(dataRange * dataRange / mse);
    }
}
