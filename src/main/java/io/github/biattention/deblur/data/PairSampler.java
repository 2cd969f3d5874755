package io.github.biattention.deblur.data;

import java.util.ArrayList;
import java.util.List;

/** A stream of synthetic training pairs, each a pure function of (seed, index), so loaders may draw in any order. */
public interface PairSampler {

    /** The pair number {@code index} of the stream {@code seed}: equal arguments give bit-identical pairs. */
    TrainingPair sample(long seed, long index);

    /** Side of the square patches it makes. */
    int patchSize();

    /** {@code sample(seed, 0) … sample(seed, count - 1)}: a fixed validation set (use a seed not used for training). */
    default List<TrainingPair> fixedSet(long seed, int count) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
        List<TrainingPair> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(sample(seed, i));
        }
        return out;
    }
}
