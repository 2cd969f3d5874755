package io.github.biattention.deblur.classical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.biattention.deblur.data.Kernel;
import org.junit.jupiter.api.Test;

class GibsonLanniPsfTest {

    private static final WidefieldObjective OIL = new WidefieldObjective(1.4, 520, 1.515, 0);

    private static double maxDifference(Kernel a, Kernel b) {
        assertEquals(a.size(), b.size());
        double max = 0;
        for (int i = 0; i < a.weights().length; i++) {
            max = Math.max(max, Math.abs(a.weights()[i] - b.weights()[i]));
        }
        return max;
    }

    private static float centre(Kernel k) {
        return k.get(k.size() / 2, k.size() / 2);
    }

    @Test
    void matchedMediaAtAnyDepthIsTheInFocusBornWolfPsf() {
        Kernel bornWolf = new WidefieldPsf(1.4, 520, 1.515, 65).kernel(12);
        GibsonLanniPsf deep = new GibsonLanniPsf(OIL, 1.515, 20_000, 65);
        // The focus that cancels the aberration is the depth itself (no focal shift without a mismatch).
        assertEquals(-20_000, deep.focus(), 5);
        assertTrue(maxDifference(bornWolf, deep.kernel(12)) < 2e-3 * centre(bornWolf));
    }

    @Test
    void atTheCoverslipAWaterySampleLimitsTheApertureToItsIndex() {
        // Light beyond water's critical angle does not reach an oil objective: an Airy pattern of NA 1.333.
        Kernel airy = new WidefieldPsf(1.333, 520, 1.515, 65).kernel(12);
        Kernel water = new GibsonLanniPsf(OIL, 1.333, 0, 65).kernel(12);
        assertTrue(maxDifference(airy, water) < 2e-3 * centre(airy));
        assertTrue(centre(water) < centre(new WidefieldPsf(1.4, 520, 1.515, 65).kernel(12)));
    }

    @Test
    void depthInAMismatchedSampleSpreadsTheLightAndShiftsTheFocus() {
        GibsonLanniPsf shallow = new GibsonLanniPsf(OIL, 1.333, 2_000, 65);
        GibsonLanniPsf deep = new GibsonLanniPsf(OIL, 1.333, 20_000, 65);
        Kernel a = shallow.kernel(20);
        Kernel b = deep.kernel(20);
        assertEquals(1.0, sum(b), 1e-4);
        System.out.printf("NA 1.4 oil into water at 2 / 20 um: centre %.4f / %.4f, focus %.0f / %.0f nm,"
                + " half-size %d / %d px%n", centre(a), centre(b), shallow.focus(), deep.focus(),
                shallow.autoHalfSize(), deep.autoHalfSize());
        assertTrue(centre(b) < 0.8 * centre(a), centre(a) + " -> " + centre(b));
        assertTrue(deep.autoHalfSize() > shallow.autoHalfSize(), shallow.autoHalfSize() + " -> " + deep.autoHalfSize());
        // The stage moves further than the depth (oil into water): the best focus lies beyond -depth (20 µm: -23.9 µm).
        assertTrue(deep.focus() < -20_000 && deep.focus() > -20_000 * 1.3, "focus " + deep.focus());
        int c = 20;
        assertEquals(b.get(c - 5, c), b.get(c + 5, c), 1e-7, "radially symmetric");
        assertEquals(b.get(c, c - 5), b.get(c + 5, c), 1e-7, "radially symmetric");
    }

    @Test
    void refusesImpossibleSamples() {
        String index = assertThrows(IllegalArgumentException.class,
                () -> new GibsonLanniPsf(OIL, 0.5, 0, 65)).getMessage();
        assertTrue(index.startsWith("The sample refractive index must be in [1, 3], got 0.5"), index);
        String depth = assertThrows(IllegalArgumentException.class,
                () -> new GibsonLanniPsf(OIL, 1.333, -10, 65)).getMessage();
        assertTrue(depth.startsWith("The depth must be in [0, 200000] nm, got -10.0"), depth);
    }

    private static double sum(Kernel k) {
        double s = 0;
        for (float v : k.weights()) {
            s += v;
        }
        return s;
    }
}
