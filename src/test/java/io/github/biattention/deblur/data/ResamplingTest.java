package io.github.biattention.deblur.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ResamplingTest {
    private static float[] ramp(int w, int h) {
        float[] p = new float[w * h];
        for (int i = 0; i < p.length; i++) {
            p[i] = i;
        }
        return p;
    }

    @Test
    void factorOneIsAPlainCrop() {
        float[] src = ramp(10, 8);
        float[] out = AreaResampler.resample(src, 10, 3, 2, 1.0, 4);
        assertArrayEquals(new Plane(10, 8, src).crop(3, 2, 4, 4).pixels(), out);
    }

    @Test
    void factorTwoAveragesBlocks() {
        float[] src = ramp(8, 8);
        float[] out = AreaResampler.resample(src, 8, 0, 0, 2.0, 4);
        // Block (0,0): mean of 0, 1, 8, 9.
        assertEquals(4.5f, out[0], 1e-5f);
        // Block (3,3): mean of 54, 55, 62, 63.
        assertEquals(58.5f, out[15], 1e-5f);
    }

    @Test
    void fractionalFactorPreservesConstants() {
        float[] src = new float[50 * 50];
        java.util.Arrays.fill(src, 0.7f);
        for (float v : AreaResampler.resample(src, 50, 1, 2, 1.37, 30)) {
            assertEquals(0.7f, v, 1e-5f);
        }
    }

    @Test
    void dihedralGivesEightDistinctTransforms() {
        float[] src = ramp(3, 3);
        Set<List<Float>> results = new HashSet<>();
        for (int t = 0; t < 8; t++) {
            float[] p = Dihedral.apply(src, 3, t).pixels();
            Float[] boxed = new Float[p.length];
            for (int i = 0; i < p.length; i++) {
                boxed[i] = p[i];
            }
            results.add(List.of(boxed));
        }
        assertEquals(8, results.size());
        assertArrayEquals(src, Dihedral.apply(src, 3, 0).pixels());
    }
}
