package io.github.biattention.deblur.data;

import java.util.Objects;

/**
 * A grey-level or colour image as float channels in its file's intensity scale, with the data range the metrics use:
 * 255 for 8-bit and RGB, 65535 for 16-bit, 1 for 32-bit images in [0, 1]. Holds its arrays without copying; treat
 * them as read-only.
 */
public final class ChannelImage {

    private final int width;
    private final int height;
    private final float[][] channels;
    private final double dataRange;
    private final boolean integral;

    /**
     * @param channels one row-major array of {@code width * height} values per channel (1 for grey, 3 for RGB)
     * @param dataRange the largest value the file type can hold (its smallest being 0)
     * @param integral whether the file holds integers (8/16-bit, RGB), so a restored image is rounded before scoring
     * @throws IllegalArgumentException for non-positive sizes or range, no channel, or an array of the wrong length
     */
    public ChannelImage(int width, int height, float[][] channels, double dataRange, boolean integral) {
        Objects.requireNonNull(channels, "channels");
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("Image size must be positive, got " + width + "x" + height);
        }
        if (channels.length == 0) {
            throw new IllegalArgumentException("An image needs at least one channel");
        }
        for (float[] channel : channels) {
            if (channel.length != (long) width * height) {
                throw new IllegalArgumentException("A channel of a " + width + "x" + height + " image has "
                        + channel.length + " values");
            }
        }
        if (!(dataRange > 0) || Double.isInfinite(dataRange)) {
            throw new IllegalArgumentException("Data range must be positive, got " + dataRange);
        }
        this.width = width;
        this.height = height;
        this.channels = channels;
        this.dataRange = dataRange;
        this.integral = integral;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Number of channels: 1 for grey, 3 for RGB. */
    public int channelCount() {
        return channels.length;
    }

    /** The channels, not copied. */
    public float[][] channels() {
        return channels;
    }

    public double dataRange() {
        return dataRange;
    }

    public boolean integral() {
        return integral;
    }

    /** "24x20" for grey, "24x20x3" for colour. */
    public String size() {
        return width + "x" + height + (channels.length > 1 ? "x" + channels.length : "");
    }

    /**
     * The same image with other pixel values, stored as a file of this image's type would store them: clipped to
     * [0, data range] and, for integer types, rounded. NaN stays NaN.
     */
    public ChannelImage quantized(float[][] values) {
        float[][] out = new float[values.length][];
        float max = (float) dataRange;
        for (int c = 0; c < values.length; c++) {
            out[c] = new float[values[c].length];
            for (int i = 0; i < out[c].length; i++) {
                float v = Math.min(max, Math.max(0f, values[c][i])); // NaN passes through min and max
                out[c][i] = integral && !Float.isNaN(v) ? Math.round(v) : v;
            }
        }
        return new ChannelImage(width, height, out, dataRange, integral);
    }
}
