package io.github.biattention.deblur.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SelectionTest {

    @Test
    void findsEveryRankOfTheSortedArrayAndPartitionsAroundIt() {
        SplittableRandom rng = new SplittableRandom(3);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + rng.nextInt(60);
            // Few distinct levels in half the trials: flat image areas give long runs of equal values.
            int levels = trial % 2 == 0 ? 3 : 1000;
            float[] values = new float[n];
            for (int i = 0; i < n; i++) {
                values[i] = rng.nextInt(levels) / (float) levels;
            }
            float[] sorted = values.clone();
            Arrays.sort(sorted);
            int k = rng.nextInt(n);
            float[] work = values.clone();
            float v = Selection.kth(work, k);
            assertEquals(sorted[k], v);
            assertEquals(v, work[k]);
            for (int i = 0; i < n; i++) {
                assertTrue(i < k ? work[i] <= v : work[i] >= v, "partitioned at " + i);
            }
            float[] rest = work.clone();
            Arrays.sort(rest);
            assertTrue(Arrays.equals(sorted, rest), "a permutation of the input");
        }
    }

    @Test
    void handlesSortedReversedAndConstantInput() {
        float[] up = new float[1000];
        float[] down = new float[1000];
        float[] flat = new float[1000];
        for (int i = 0; i < 1000; i++) {
            up[i] = i;
            down[i] = 999 - i;
            flat[i] = 0.5f;
        }
        assertEquals(250f, Selection.kth(up, 250));
        assertEquals(998f, Selection.kth(down, 998));
        assertEquals(0.5f, Selection.kth(flat, 999));
    }

    @Test
    void rejectsARankOutsideTheArray() {
        assertThrows(IllegalArgumentException.class, () -> Selection.kth(new float[3], 3));
        assertThrows(IllegalArgumentException.class, () -> Selection.kth(new float[0], 0));
    }
}
