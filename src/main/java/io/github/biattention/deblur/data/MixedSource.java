package io.github.biattention.deblur.data;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Draws each crop from one of several sources, picked at random in proportion to its weight. */
public final class MixedSource implements SharpSource {
    private final List<SharpSource> sources;
    private final double[] weights;

    /**
     * @param sources at least one
     * @param weights one non-negative weight per source, with a positive sum
     */
    public MixedSource(List<? extends SharpSource> sources, List<Double> weights) {
        if (sources.isEmpty() || sources.size() != weights.size()) {
            throw new IllegalArgumentException(
                    "need one weight per source, got " + sources.size() + " sources and " + weights.size() + " weights");
        }
        this.sources = List.copyOf(sources);
        this.weights = new double[weights.size()];
        double total = 0;
        for (int i = 0; i < this.weights.length; i++) {
            double w = weights.get(i);
            if (!(w >= 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("weights must be finite and >= 0, got " + w);
            }
            this.weights[i] = w;
            total += w;
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("weights must have a positive sum");
        }
    }

    /** Starts a list of (source, weight) entries. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Plane crop(SplittableRandom rng, int size) {
        return sources.get(Rand.weighted(rng, weights)).crop(rng, size);
    }

    /** Collects (source, weight) entries in order; the order matters for reproducibility. */
    public static final class Builder {
        private final List<SharpSource> sources = new ArrayList<>();
        private final List<Double> weights = new ArrayList<>();

        private Builder() {
        }

        public Builder add(SharpSource source, double weight) {
            sources.add(source);
            weights.add(weight);
            return this;
        }

        public MixedSource build() {
            return new MixedSource(sources, weights);
        }
    }
}
