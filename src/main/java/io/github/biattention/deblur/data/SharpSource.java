package io.github.biattention.deblur.data;

import java.util.SplittableRandom;

/**
 * Where sharp (ground-truth) training images come from. Implementations keep no mutable state:
 * every random choice is drawn from the generator passed in, so the same generator state gives the
 * same crop, and one source may be shared by several threads.
 */
public interface SharpSource {
    /**
     * A random {@code size × size} grey-level crop with values in [0, 1].
     *
     * @param size at least 1
     */
    Plane crop(SplittableRandom rng, int size);
}
