package io.github.biattention.deblur.benchmark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.biattention.deblur.data.UnseenSpecimens;
import io.github.biattention.deblur.inference.DeblurSettings;
import io.github.biattention.deblur.microscopy.WidefieldDegradation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WidefieldBenchmarkTest {

    @Test
    void casesAreReproducibleAndNeverAnEmptyField() {
        WidefieldBenchmark b = new WidefieldBenchmark(new UnseenSpecimens(), 4, 48, 9, 1, 200, 2000);
        for (int i = 0; i < 12; i++) {
            WidefieldDegradation.Acquisition c = b.makeCase(9, i);
            assertArrayEquals(c.raw.pixels(), b.makeCase(9, i).raw.pixels());
            float min = Float.MAX_VALUE;
            float max = 0;
            for (float v : c.sharp.pixels()) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            assertTrue(max - min >= 0.1 * max && max > 0, "case " + i + ": " + min + ".." + max);
        }
    }

    @Test
    void richardsonLucyWithTheTruePsfBeatsTheBlurredImageAndTheTableSaysSo() {
        WidefieldBenchmark b = new WidefieldBenchmark(new UnseenSpecimens(), 3, 48, 5, 1, 1000, 2000);
        List<String> log = new ArrayList<>();
        WidefieldBenchmark.Result r = b.run(Map.of(), DeblurSettings.defaults(), log::add);
        assertEquals(WidefieldBenchmark.METHODS, new ArrayList<>(r.scores.keySet()));
        assertTrue(WidefieldBenchmark.METHODS.contains(WidefieldBenchmark.RL_OBJECTIVE));
        // Per case the oracle picks from a grid that holds the tuned count: never below the tuned RL on average.
        assertTrue(r.scores.get(WidefieldBenchmark.RL_ORACLE).psnr >= r.scores.get(WidefieldBenchmark.RL).psnr,
                r.table().markdown());
        assertTrue(r.scores.get(WidefieldBenchmark.RL).psnr > r.scores.get(WidefieldBenchmark.BLURRED).psnr,
                r.table().markdown());
        assertEquals(4, log.size()); // tuning line + one line per case
        assertTrue(r.table().markdown().contains("3 cases of 48x48, seed 5"), r.table().markdown());
    }

    @Test
    void refinementFromTheTruthStaysNearTheTruthAndZeroIterationsIsTheStart() {
        WidefieldBenchmark b = new WidefieldBenchmark(new UnseenSpecimens(), 1, 48, 3, 1, 2000, 2000);
        WidefieldDegradation.Acquisition c = b.makeCase(3, 0);
        float[] truth = new float[48 * 48];
        for (int i = 0; i < truth.length; i++) {
            truth[i] = (float) (c.sharp.pixels()[i] + c.offset); // raw units, as the model gives
        }
        assertArrayEquals(c.sharp.pixels(), WidefieldBenchmark.refined(c, c.psf, truth, 0).pixels(), 1e-6f);
        double fromTruth = WidefieldBenchmark.psnr(c, WidefieldBenchmark.refined(c, c.psf, truth, 3));
        float[] flat = new float[48 * 48];
        java.util.Arrays.fill(flat, (float) (0.1 + c.offset));
        double fromFlat = WidefieldBenchmark.psnr(c, WidefieldBenchmark.refined(c, c.psf, flat, 3));
        assertTrue(fromTruth > fromFlat + 3, fromTruth + " vs " + fromFlat);
    }
}
