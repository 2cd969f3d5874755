package io.github.biattention.deblur.inference;

import io.github.biattention.deblur.classical.PsfRefinement;
import io.github.biattention.deblur.model.DeviceChoice;
import io.github.biattention.deblur.model.Devices;
import io.github.biattention.deblur.model.ModelMetadata;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * How to deblur: tiling, intensity normalisation and device. Immutable and thread-safe; build with
 * {@link #builder()} or start from {@link #defaults()}.
 *
 * <ul>
 *   <li>{@code tileSize}: side of the square tiles the network sees, in pixels ({@value #DEFAULT_TILE_SIZE} by
 *       default, {@value #MIN_TILE_SIZE}..{@value #MAX_TILE_SIZE}); tiles are cut to the image where it is smaller.
 *       Memory per tile grows with its area, time per pixel slightly with its side (attention).</li>
 *   <li>{@code overlap}: minimum overlap of neighbouring tiles, also the length of the blending ramp
 *       ({@value #DEFAULT_OVERLAP} by default, {@code 0 <= overlap < tileSize / 2}).</li>
 *   <li>{@code lowPercentile}, {@code highPercentile}: intensity percentiles (in percent) mapped to 0 and 1 before
 *       the network; unset means "the model's defaults" ({@link ModelMetadata.NormalizationDefaults}, normally 1 and
 *       99.8).</li>
 *   <li>{@code device}: {@link DeviceChoice#AUTO} by default; used by callers when loading the model (see
 *       {@link Devices}); the engine itself runs on the device of the model it is given.</li>
 *   <li>{@code perPlaneNormalization}: fit the percentiles on every plane separately instead of once per channel over
 *       the whole stack (false by default: one fit per channel keeps intensities comparable across Z and T).</li>
 *   <li>{@code ensemble}: run every tile in its 8 flips and rotations and average the outputs
 *       ({@link DihedralEnsemble}; false by default): slightly better, about 6 to 8 times slower.</li>
 * </ul>
 */
public final class DeblurSettings {

    public static final int DEFAULT_TILE_SIZE = 256;
    public static final int DEFAULT_OVERLAP = 32;
    /** Smallest tile: the network pads to multiples of 16, smaller tiles would be mostly padding. */
    public static final int MIN_TILE_SIZE = 16;
    /** Largest tile: bounds the memory of one forward pass (criss-cross attention grows with H * W * (H + W)). */
    public static final int MAX_TILE_SIZE = 4096;

    private static final DeblurSettings DEFAULTS = builder().build();

    private final int tileSize;
    private final int overlap;
    private final Double lowPercentile;
    private final Double highPercentile;
    private final DeviceChoice device;
    private final boolean perPlaneNormalization;
    private final PsfRefinement refinement;
    private final boolean ensemble;

    private DeblurSettings(Builder b) {
        tileSize = b.tileSize;
        overlap = b.overlap;
        lowPercentile = b.lowPercentile;
        highPercentile = b.highPercentile;
        device = b.device;
        perPlaneNormalization = b.perPlaneNormalization;
        refinement = b.refinement;
        ensemble = b.ensemble;
    }

    /** All defaults: tile 256, overlap 32, the model's percentiles, AUTO device, one normalisation per channel. */
    public static DeblurSettings defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.tileSize = tileSize;
        b.overlap = overlap;
        b.lowPercentile = lowPercentile;
        b.highPercentile = highPercentile;
        b.device = device;
        b.perPlaneNormalization = perPlaneNormalization;
        b.refinement = refinement;
        b.ensemble = ensemble;
        return b;
    }

    public int tileSize() {
        return tileSize;
    }

    public int overlap() {
        return overlap;
    }

    /** The lower percentile if set explicitly; empty means the model's default. */
    public OptionalDouble lowPercentile() {
        return lowPercentile == null ? OptionalDouble.empty() : OptionalDouble.of(lowPercentile);
    }

    /** The upper percentile if set explicitly; empty means the model's default. */
    public OptionalDouble highPercentile() {
        return highPercentile == null ? OptionalDouble.empty() : OptionalDouble.of(highPercentile);
    }

    public DeviceChoice device() {
        return device;
    }

    public boolean perPlaneNormalization() {
        return perPlaneNormalization;
    }

    /** Whether every tile is averaged over its 8 flips and rotations ({@link DihedralEnsemble}). */
    public boolean ensemble() {
        return ensemble;
    }

    /** The optics-aware step after the network, when the user gave the PSF; empty for the blind network alone. */
    public Optional<PsfRefinement> refinement() {
        return Optional.ofNullable(refinement);
    }

    /**
     * The percentiles to use with a model: the explicit ones, else the model's.
     *
     * @return {low, high} in percent
     * @throws IllegalArgumentException if the combination is not {@code 0 <= low < high <= 100} (possible when only
     *                                  one is set and the model's other one does not fit)
     */
    public double[] percentilesFor(ModelMetadata metadata) {
        ModelMetadata.NormalizationDefaults defaults = metadata.normalization == null
                ? new ModelMetadata.NormalizationDefaults() : metadata.normalization;
        double low = lowPercentile == null ? defaults.lowPercentile : lowPercentile;
        double high = highPercentile == null ? defaults.highPercentile : highPercentile;
        checkPercentiles(low, high, "(settings combined with the model's defaults)");
        return new double[] {low, high};
    }

    private static void checkPercentiles(double low, double high, String context) {
        if (!(low >= 0 && low < high && high <= 100)) {
            throw new IllegalArgumentException("Percentiles must satisfy 0 <= low < high <= 100, got low " + low
                    + " and high " + high + (context.isEmpty() ? "" : " " + context));
        }
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof DeblurSettings)) {
            return false;
        }
        DeblurSettings s = (DeblurSettings) o;
        return tileSize == s.tileSize && overlap == s.overlap && Objects.equals(lowPercentile, s.lowPercentile)
                && Objects.equals(highPercentile, s.highPercentile) && device == s.device
                && perPlaneNormalization == s.perPlaneNormalization && Objects.equals(refinement, s.refinement)
                && ensemble == s.ensemble;
    }

    @Override
    public int hashCode() {
        return Objects.hash(tileSize, overlap, lowPercentile, highPercentile, device, perPlaneNormalization,
                refinement, ensemble);
    }

    @Override
    public String toString() {
        return "DeblurSettings[tileSize=" + tileSize + ", overlap=" + overlap + ", lowPercentile="
                + (lowPercentile == null ? "model default" : lowPercentile) + ", highPercentile="
                + (highPercentile == null ? "model default" : highPercentile) + ", device=" + device
                + ", perPlaneNormalization=" + perPlaneNormalization
                + (refinement == null ? "" : ", refinement=" + refinement) + (ensemble ? ", ensemble" : "") + "]";
    }

    /** Collects settings; {@link #build()} validates them. Not thread-safe. */
    public static final class Builder {
        private int tileSize = DEFAULT_TILE_SIZE;
        private int overlap = DEFAULT_OVERLAP;
        private Double lowPercentile;
        private Double highPercentile;
        private DeviceChoice device = DeviceChoice.AUTO;
        private boolean perPlaneNormalization;
        private PsfRefinement refinement;
        private boolean ensemble;

        private Builder() {}

        /** Averages every tile over its 8 flips and rotations: 8 network passes per tile. */
        public Builder ensemble(boolean ensemble) {
            this.ensemble = ensemble;
            return this;
        }

        /** Refines the network's output with a known PSF (null: none). */
        public Builder refinement(PsfRefinement refinement) {
            this.refinement = refinement;
            return this;
        }

        public Builder tileSize(int tileSize) {
            this.tileSize = tileSize;
            return this;
        }

        public Builder overlap(int overlap) {
            this.overlap = overlap;
            return this;
        }

        /** Lower percentile in percent (mapped to 0). */
        public Builder lowPercentile(double percent) {
            this.lowPercentile = percent;
            return this;
        }

        /** Upper percentile in percent (mapped to 1). */
        public Builder highPercentile(double percent) {
            this.highPercentile = percent;
            return this;
        }

        /** Forget explicit percentiles: use the model's defaults. */
        public Builder modelPercentiles() {
            this.lowPercentile = null;
            this.highPercentile = null;
            return this;
        }

        public Builder device(DeviceChoice device) {
            this.device = Objects.requireNonNull(device, "device");
            return this;
        }

        public Builder perPlaneNormalization(boolean perPlane) {
            this.perPlaneNormalization = perPlane;
            return this;
        }

        /**
         * @throws IllegalArgumentException with a message naming the offending value when the tile size is outside
         *                                  {@value #MIN_TILE_SIZE}..{@value #MAX_TILE_SIZE}, the overlap is negative
         *                                  or not below half the tile size, or a percentile is outside 0..100 or
         *                                  low is not below high (when both are set)
         */
        public DeblurSettings build() {
            if (tileSize < MIN_TILE_SIZE || tileSize > MAX_TILE_SIZE) {
                throw new IllegalArgumentException("Tile size must be between " + MIN_TILE_SIZE + " and "
                        + MAX_TILE_SIZE + " pixels, got " + tileSize);
            }
            if (overlap < 0) {
                throw new IllegalArgumentException("Tile overlap must be >= 0 pixels, got " + overlap);
            }
            if (2L * overlap >= tileSize) {
                throw new IllegalArgumentException("Tile overlap must be less than half the tile size ("
                        + tileSize + "), got " + overlap);
            }
            checkPercent(lowPercentile, "Low percentile");
            checkPercent(highPercentile, "High percentile");
            if (lowPercentile != null && highPercentile != null) {
                checkPercentiles(lowPercentile, highPercentile, "");
            }
            return new DeblurSettings(this);
        }

        private static void checkPercent(Double p, String what) {
            if (p != null && !(p >= 0 && p <= 100)) {
                throw new IllegalArgumentException(what + " must be between 0 and 100, got " + p);
            }
        }
    }
}
