package io.github.biattention.deblur.data;

import java.util.EnumMap;
import java.util.Map;

/**
 * Parameters of the synthetic degradation: patch size, kernel size limit, how often each blur kind
 * is used, and the noise and brightness-jitter ranges. Immutable; build with {@link #builder()} or
 * start from {@link #defaults()} via {@link #toBuilder()}.
 */
public final class DegradationSettings {
    private final int patchSize;
    private final int maxKernelSize;
    private final Map<BlurKind, Double> blurWeights;
    private final double minPhotons;
    private final double maxPhotons;
    private final double noShotNoiseProbability;
    private final double minReadSigma;
    private final double maxReadSigma;
    private final double jitterProbability;
    private final double sharpProbability;
    private final double mildProbability;
    private final double noNoiseProbability;
    private final boolean logReadSigma;

    private DegradationSettings(Builder b) {
        if (b.patchSize < 1) {
            throw new IllegalArgumentException("patchSize must be positive, got " + b.patchSize);
        }
        if (b.maxKernelSize < 3) {
            throw new IllegalArgumentException("maxKernelSize must be at least 3, got " + b.maxKernelSize);
        }
        double total = 0;
        for (double w : b.blurWeights.values()) {
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("blur weights must be finite and >= 0, got " + w);
            }
            total += w;
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("at least one blur kind needs a positive weight");
        }
        if (!(b.minPhotons > 0 && b.minPhotons <= b.maxPhotons && !Double.isInfinite(b.maxPhotons))) {
            throw new IllegalArgumentException("photon range must satisfy 0 < min <= max < inf, got ["
                    + b.minPhotons + ", " + b.maxPhotons + "]");
        }
        if (!(b.minReadSigma >= 0 && b.minReadSigma <= b.maxReadSigma && !Double.isInfinite(b.maxReadSigma))) {
            throw new IllegalArgumentException("read sigma range must satisfy 0 <= min <= max < inf, got ["
                    + b.minReadSigma + ", " + b.maxReadSigma + "]");
        }
        checkProbability("noShotNoiseProbability", b.noShotNoiseProbability);
        checkProbability("jitterProbability", b.jitterProbability);
        checkProbability("sharpProbability", b.sharpProbability);
        checkProbability("mildProbability", b.mildProbability);
        checkProbability("sharpProbability + mildProbability", b.sharpProbability + b.mildProbability);
        checkProbability("noNoiseProbability", b.noNoiseProbability);
        if (b.logReadSigma && !(b.minReadSigma > 0)) {
            throw new IllegalArgumentException("a log-uniform read sigma needs a positive minimum, got "
                    + b.minReadSigma);
        }
        this.patchSize = b.patchSize;
        this.maxKernelSize = b.maxKernelSize;
        this.blurWeights = new EnumMap<>(b.blurWeights);
        this.minPhotons = b.minPhotons;
        this.maxPhotons = b.maxPhotons;
        this.noShotNoiseProbability = b.noShotNoiseProbability;
        this.minReadSigma = b.minReadSigma;
        this.maxReadSigma = b.maxReadSigma;
        this.jitterProbability = b.jitterProbability;
        this.sharpProbability = b.sharpProbability;
        this.mildProbability = b.mildProbability;
        this.noNoiseProbability = b.noNoiseProbability;
        this.logReadSigma = b.logReadSigma;
    }

    /**
     * Patch 128, kernels up to 31, motion 0.5 / defocus 0.25 / Gaussian 0.25, photons at white
     * log-uniform in [100, 3000] with no shot noise 15% of the time, read noise σ uniform in
     * [0, 0.01], brightness/contrast jitter with probability 0.5.
     */
    public static DegradationSettings defaults() {
        return builder().build();
    }

    /**
     * The mix of the photograph models since 2026-12: 10% of the pairs without blur (the target is the input) and
     * 15% with {@link BlurStrength#MILD} blur, so the network learns to leave sharp detail alone; 25% without any
     * noise, the rest with shot noise at 300-30000 photons at white (40% of them without) and read noise σ
     * log-uniform in [0.001, 0.035]: photographs' noise, from none to moderate. Kernels up to 31 px, blur kinds and
     * jitter as in {@link #defaults()}.
     */
    public static DegradationSettings photographMix() {
        return builder().sharpProbability(0.10).mildProbability(0.15).noNoiseProbability(0.25)
                .photonsAtWhite(300, 30000).noShotNoiseProbability(0.4).readSigma(0.001, 0.035).logReadSigma(true)
                .build();
    }

    /** A builder holding the {@link #defaults()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.patchSize = patchSize;
        b.maxKernelSize = maxKernelSize;
        b.blurWeights.clear();
        b.blurWeights.putAll(blurWeights);
        b.minPhotons = minPhotons;
        b.maxPhotons = maxPhotons;
        b.noShotNoiseProbability = noShotNoiseProbability;
        b.minReadSigma = minReadSigma;
        b.maxReadSigma = maxReadSigma;
        b.jitterProbability = jitterProbability;
        b.sharpProbability = sharpProbability;
        b.mildProbability = mildProbability;
        b.noNoiseProbability = noNoiseProbability;
        b.logReadSigma = logReadSigma;
        return b;
    }

    /** Side of the square training patches. */
    public int patchSize() {
        return patchSize;
    }

    /** Largest kernel side; kernels are odd, so the effective limit is the largest odd number ≤ this. */
    public int maxKernelSize() {
        return maxKernelSize;
    }

    /** Relative weight of the blur kind (0 when it is never used). */
    public double blurWeight(BlurKind kind) {
        return blurWeights.getOrDefault(kind, 0.0);
    }

    public double minPhotons() {
        return minPhotons;
    }

    public double maxPhotons() {
        return maxPhotons;
    }

    /** Probability that a sample gets no Poisson (shot) noise at all. */
    public double noShotNoiseProbability() {
        return noShotNoiseProbability;
    }

    public double minReadSigma() {
        return minReadSigma;
    }

    public double maxReadSigma() {
        return maxReadSigma;
    }

    /** Probability of a random brightness/contrast/gamma change applied to both images of a pair. */
    public double jitterProbability() {
        return jitterProbability;
    }

    /** Probability that a pair has no blur at all (the identity kernel). */
    public double sharpProbability() {
        return sharpProbability;
    }

    /** Probability that a pair has {@link BlurStrength#MILD} blur instead of a kernel from the full range. */
    public double mildProbability() {
        return mildProbability;
    }

    /** Probability that a pair gets no noise at all (neither shot nor read noise). */
    public double noNoiseProbability() {
        return noNoiseProbability;
    }

    /** Whether read-noise σ is drawn log-uniformly (true) or uniformly (false) from its range. */
    public boolean logReadSigma() {
        return logReadSigma;
    }

    @Override
    public String toString() {
        return "DegradationSettings[patch=" + patchSize + ", maxKernel=" + maxKernelSize + ", blur=" + blurWeights
                + ", photons=[" + minPhotons + ", " + maxPhotons + "], noShot=" + noShotNoiseProbability
                + ", readSigma=[" + minReadSigma + ", " + maxReadSigma + "]" + (logReadSigma ? " log" : "") + ", jitter="
                + jitterProbability + ", sharp=" + sharpProbability + ", mild=" + mildProbability + ", noNoise="
                + noNoiseProbability + "]";
    }

    private static void checkProbability(String name, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1], got " + p);
        }
    }

    /** Mutable builder; starts at the defaults. */
    public static final class Builder {
        private int patchSize = 128;
        private int maxKernelSize = 31;
        private final Map<BlurKind, Double> blurWeights = new EnumMap<>(BlurKind.class);
        private double minPhotons = 100;
        private double maxPhotons = 3000;
        private double noShotNoiseProbability = 0.15;
        private double minReadSigma = 0;
        private double maxReadSigma = 0.01;
        private double jitterProbability = 0.5;
        private double sharpProbability;
        private double mildProbability;
        private double noNoiseProbability;
        private boolean logReadSigma;

        private Builder() {
            blurWeights.put(BlurKind.MOTION, 0.5);
            blurWeights.put(BlurKind.DEFOCUS, 0.25);
            blurWeights.put(BlurKind.GAUSSIAN, 0.25);
        }

        public Builder patchSize(int size) {
            this.patchSize = size;
            return this;
        }

        public Builder maxKernelSize(int size) {
            this.maxKernelSize = size;
            return this;
        }

        /** Relative weight of one blur kind; 0 disables it. */
        public Builder blurWeight(BlurKind kind, double weight) {
            blurWeights.put(kind, weight);
            return this;
        }

        /** Photons at white, drawn log-uniformly from [min, max] when shot noise is applied. */
        public Builder photonsAtWhite(double min, double max) {
            this.minPhotons = min;
            this.maxPhotons = max;
            return this;
        }

        public Builder noShotNoiseProbability(double p) {
            this.noShotNoiseProbability = p;
            return this;
        }

        /** Read-noise σ, drawn uniformly from [min, max]. */
        public Builder readSigma(double min, double max) {
            this.minReadSigma = min;
            this.maxReadSigma = max;
            return this;
        }

        public Builder jitterProbability(double p) {
            this.jitterProbability = p;
            return this;
        }

        /** Share of pairs without blur (target = input before noise). */
        public Builder sharpProbability(double p) {
            this.sharpProbability = p;
            return this;
        }

        /** Share of pairs with {@link BlurStrength#MILD} blur. */
        public Builder mildProbability(double p) {
            this.mildProbability = p;
            return this;
        }

        /** Share of pairs without any noise. */
        public Builder noNoiseProbability(double p) {
            this.noNoiseProbability = p;
            return this;
        }

        /** Draw read-noise σ log-uniformly (needs a positive minimum) instead of uniformly. */
        public Builder logReadSigma(boolean log) {
            this.logReadSigma = log;
            return this;
        }

        /** Noise-free degradation (blur only), e.g. for tests. */
        public Builder noNoise() {
            return noShotNoiseProbability(1).readSigma(0, 0).logReadSigma(false);
        }

        public DegradationSettings build() {
            return new DegradationSettings(this);
        }
    }
}
