package io.github.biattention.deblur.network;

import java.util.Objects;

/**
 * The architecture of a {@link BiAttentionNet}: immutable, so small and large variants (and the attention
 * ablations) are the same code with different numbers.
 *
 * <p>With {@code unshuffle} = 1 the network works at full resolution; with 2 the image is first rearranged losslessly
 * into 4 half-resolution channels per input channel (pixel unshuffle) and the prediction rearranged back (pixel
 * shuffle), which divides the cost of the convolutions by about 4 and that of criss-cross attention by about 8,
 * because attention's cost per pixel grows with the side of the feature map. Level widths are {@code width}, 2x, 4x
 * and 8x at the working resolution and 1/2, 1/4, 1/8 of it.
 */
public final class NetworkConfig {

    /**
     * Bounds of the architecture values: the widest network has 8 x 128 = 1024 channels at its deepest level, about
     * 0.5 GB of parameters with 8 blocks per level, and attention passes beyond 4 add nothing that 2 do not (two
     * already reach every pixel). Model files are checked against them before anything is allocated.
     */
    public static final int MAX_WIDTH = 128;
    public static final int MAX_BLOCKS_PER_LEVEL = 8;
    public static final int MAX_RECURRENCE = 4;

    /** Down-scaling of the three encoder stages. */
    public static final int ENCODER_SCALE = 8;

    private final int inputChannels;
    private final int width;
    private final int blocksPerLevel;
    private final int recurrence;
    private final boolean shallowAttention;
    private final boolean reconstructionAttention;
    private final int unshuffle;

    /**
     * @param inputChannels 1 (grayscale) or 3 (RGB)
     * @param width channels at full resolution (8 to {@value #MAX_WIDTH})
     * @param blocksPerLevel residual blocks per encoder/decoder level (0 to {@value #MAX_BLOCKS_PER_LEVEL})
     * @param recurrence passes of each criss-cross attention module (1 to {@value #MAX_RECURRENCE})
     * @param shallowAttention whether criss-cross attention follows the shallow convolution
     * @param reconstructionAttention whether criss-cross attention refines the decoder's output
     * @param unshuffle 1 (work at full resolution) or 2 (work at half resolution after a pixel unshuffle)
     */
    public NetworkConfig(int inputChannels, int width, int blocksPerLevel, int recurrence,
            boolean shallowAttention, boolean reconstructionAttention, int unshuffle) {
        if (inputChannels != 1 && inputChannels != 3) {
            throw new IllegalArgumentException("inputChannels must be 1 or 3, was " + inputChannels);
        }
        if (width < 8 || width > MAX_WIDTH) {
            throw new IllegalArgumentException("width must be 8 to " + MAX_WIDTH + " (wider networks need gigabytes"
                    + " of memory and are far too slow on a CPU), was " + width);
        }
        if (blocksPerLevel < 0 || blocksPerLevel > MAX_BLOCKS_PER_LEVEL) {
            throw new IllegalArgumentException("blocksPerLevel must be 0 to " + MAX_BLOCKS_PER_LEVEL
                    + " (deeper levels need gigabytes of memory), was " + blocksPerLevel);
        }
        if (recurrence < 1 || recurrence > MAX_RECURRENCE) {
            throw new IllegalArgumentException("recurrence must be 1 to " + MAX_RECURRENCE + " (two attention passes"
                    + " already reach every pixel; each more costs time), was " + recurrence);
        }
        if (unshuffle != 1 && unshuffle != 2) {
            throw new IllegalArgumentException("unshuffle must be 1 or 2, was " + unshuffle);
        }
        this.unshuffle = unshuffle;
        this.inputChannels = inputChannels;
        this.width = width;
        this.blocksPerLevel = blocksPerLevel;
        this.recurrence = recurrence;
        this.shallowAttention = shallowAttention;
        this.reconstructionAttention = reconstructionAttention;
    }

    /** The paper's design (both attention modules, recurrence 2) at half working resolution. */
    public static NetworkConfig biAttention(int inputChannels, int width, int blocksPerLevel) {
        return new NetworkConfig(inputChannels, width, blocksPerLevel, 2, true, true, 2);
    }

    /** This configuration with other attention modules (for ablations). */
    public NetworkConfig withAttention(boolean shallow, boolean reconstruction) {
        return new NetworkConfig(inputChannels, width, blocksPerLevel, recurrence, shallow, reconstruction,
                unshuffle);
    }

    public int inputChannels() { return inputChannels; }
    public int width() { return width; }
    public int blocksPerLevel() { return blocksPerLevel; }
    public int recurrence() { return recurrence; }
    public boolean shallowAttention() { return shallowAttention; }
    public boolean reconstructionAttention() { return reconstructionAttention; }
    public int unshuffle() { return unshuffle; }

    /** Image sides are padded to a multiple of this. */
    public int sizeMultiple() {
        return ENCODER_SCALE * unshuffle;
    }

    /** Channels at encoder level {@code level} (0 = full resolution). */
    public int channels(int level) {
        return width << level;
    }

    /**
     * Floating-point operations (multiply and add counted separately) per input pixel of one forward pass, for a
     * square tile of side {@code tileSide}: convolutions exactly, criss-cross attention as its projections, energies,
     * exponentials and aggregation (its cost per pixel grows with the tile side). Bias additions and activations
     * are left out.
     */
    public double flopsPerPixel(int tileSide) {
        double u2 = unshuffle * unshuffle;
        int cin = inputChannels * unshuffle * unshuffle;
        double c0 = channels(0);
        double c1 = channels(1);
        double c2 = channels(2);
        double c3 = channels(3);
        double b = blocksPerLevel;
        double macs = 9 * cin * c0 + 9 * c0 * cin; // shallow and output convolutions
        macs += 9 * c0 * c1 / 4 + 9 * c1 * c2 / 16 + 9 * c2 * c3 / 64; // encoder down-scaling
        macs += b * 18 * (c1 * c1 / 4 + c2 * c2 / 16 + c3 * c3 / 64); // encoder residual blocks
        macs += 9 * c1 * c2 / 16 + c3 * 4 * c2 / 64 + 3 * c2 * c2 / 16; // fusion
        macs += b * 18 * c2 * c2 / 16; // bottleneck
        macs += c2 * 4 * c1 / 16 + b * 18 * c1 * c1 / 4; // decoder at 1/2
        macs += c1 * 4 * c0 / 4 + b * 18 * c0 * c0; // decoder at full working resolution
        double side = (double) tileSide / unshuffle;
        double reduced = Math.max(1, channels(0) / 8);
        // Per pass: Q, K, V projections; energies and aggregation over the row and the column; the exponentials.
        double attentionPass = c0 * (2 * reduced + c0) + 2 * side * reduced + 2 * side * c0 + 2 * side;
        int modules = (shallowAttention ? 1 : 0) + (reconstructionAttention ? 1 : 0);
        macs += modules * recurrence * attentionPass;
        return 2 * macs / u2;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof NetworkConfig)) {
            return false;
        }
        NetworkConfig c = (NetworkConfig) o;
        return inputChannels == c.inputChannels && width == c.width && blocksPerLevel == c.blocksPerLevel
                && recurrence == c.recurrence && shallowAttention == c.shallowAttention
                && reconstructionAttention == c.reconstructionAttention && unshuffle == c.unshuffle;
    }

    @Override
    public int hashCode() {
        return Objects.hash(inputChannels, width, blocksPerLevel, recurrence, shallowAttention,
                reconstructionAttention, unshuffle);
    }

    @Override
    public String toString() {
        String attention = shallowAttention && reconstructionAttention ? "both attention modules"
                : shallowAttention ? "shallow attention only" : reconstructionAttention ? "reconstruction attention only"
                : "no attention";
        return (inputChannels == 1 ? "grey" : "RGB") + " input, width " + width + ", " + blocksPerLevel
                + (blocksPerLevel == 1 ? " block" : " blocks") + " per level, " + attention
                + (shallowAttention || reconstructionAttention ? " (" + recurrence + " passes)" : "")
                + (unshuffle == 2 ? ", at half resolution (pixel unshuffle)" : ", at full resolution");
    }
}
