package io.github.biattention.deblur.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.biattention.deblur.model.DeblurModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DihedralEnsembleTest {

    private static float[] distinct(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = i * 1.5f - 3;
        }
        return v;
    }

    @Test
    void theEightOrientationsAreDistinctAndEachIsUndone() {
        int w = 5;
        int h = 3;
        float[] plane = distinct(w * h);
        Set<String> seen = new HashSet<>();
        for (int t = 0; t < DihedralEnsemble.ORIENTATIONS; t++) {
            float[] oriented = DihedralEnsemble.orient(plane, w, h, t);
            seen.add(Arrays.toString(oriented));
            assertArrayEquals(plane, DihedralEnsemble.unorient(oriented, w, h, t), "orientation " + t);
        }
        assertEquals(8, seen.size());
        // Transposed (t = 4): row y of the original is column y of the 3 x 5 result.
        float[] transposed = DihedralEnsemble.orient(plane, w, h, 4);
        assertEquals(plane[1 * w + 4], transposed[4 * h + 1]);
    }

    /** A "network" whose output is each pixel's x coordinate in the frame it was given: no symmetry at all. */
    @Test
    void averagesTheEightPassesEachTurnedBack() {
        int w = 6;
        int h = 4;
        List<int[]> shapes = new ArrayList<>();
        DihedralEnsemble ensemble = new DihedralEnsemble((pixels, width, height) -> {
            shapes.add(new int[] {width, height});
            float[] x = new float[width * height];
            for (int i = 0; i < x.length; i++) {
                x[i] = i % width;
            }
            return x;
        });
        float[] out = ensemble.forward(new float[w * h], w, h);
        assertEquals(8, shapes.size());
        for (int t = 0; t < 8; t++) {
            assertArrayEquals(t < 4 ? new int[] {w, h} : new int[] {h, w}, shapes.get(t), "shape of pass " + t);
        }
        // Per pixel: x and w-1-x twice each, y and h-1-y twice each, over 8 = (w + h - 2) / 4 everywhere.
        for (float v : out) {
            assertEquals((w + h - 2) / 4f, v, 1e-6f);
        }
    }

    @Test
    void aPixelwiseNetworkIsUnchanged() {
        float[] plane = distinct(7 * 5);
        float[] out = new DihedralEnsemble((p, width, height) -> {
            float[] squared = new float[p.length];
            for (int i = 0; i < p.length; i++) {
                squared[i] = p[i] * p[i];
            }
            return squared;
        }).forward(plane, 7, 5);
        for (int i = 0; i < plane.length; i++) {
            assertEquals(plane[i] * plane[i], out[i], 1e-6f);
        }
    }

    /** Untiled, the ensemble equals the mean of eight plain runs on the turned image, each turned back. */
    @Test
    void thePredictorsEnsembleIsTheMeanOfEightTurnedRuns(@TempDir Path dir) throws Exception {
        int w = 64;
        int h = 48;
        float[] image = TestImages.blobs(w, h, 5, 0.05);
        try (DeblurModel model = TestImages.loadRandomModel(dir)) {
            DeblurSettings plain = DeblurSettings.builder().tileSize(256).overlap(16).build();
            TiledPredictor single = new TiledPredictor(model, plain);
            float[] expected = new float[w * h];
            for (int t = 0; t < 8; t++) {
                boolean transposed = (t & 4) != 0;
                float[] out = single.predict(DihedralEnsemble.orient(image, w, h, t), transposed ? h : w,
                        transposed ? w : h);
                float[] back = DihedralEnsemble.unorient(out, w, h, t);
                for (int i = 0; i < expected.length; i++) {
                    expected[i] += back[i] / 8;
                }
            }
            float[] ensemble = new TiledPredictor(model, plain.toBuilder().ensemble(true).build())
                    .predict(image, w, h);
            float[] once = single.predict(image, w, h);
            double differs = 0;
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], ensemble[i], 1e-5f, "pixel " + i);
                differs = Math.max(differs, Math.abs(once[i] - ensemble[i]));
            }
            assertTrue(differs > 1e-4, "a random network is not symmetric: the ensemble must differ, by " + differs);
            assertFalse(plain.ensemble());
        }
    }
}
