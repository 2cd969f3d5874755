package io.github.biattention.deblur.classical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.biattention.deblur.data.Kernel;
import org.junit.jupiter.api.Test;

class WidefieldObjectiveTest {

    private static String refusal(double na, double wavelength, double refractiveIndex, double defocus) {
        return assertThrows(IllegalArgumentException.class,
                () -> new WidefieldObjective(na, wavelength, refractiveIndex, defocus)).getMessage();
    }

    @Test
    void badValuesAreRefusedWithWhatToEnter() {
        String na = refusal(1.6, 520, 1.515, 0);
        assertTrue(na.startsWith("The numerical aperture must be positive and below the immersion refractive index"
                + " (1.515), got 1.6") && na.contains("check the objective's NA"), na);
        String nan = refusal(Double.NaN, 520, 1.515, 0);
        assertTrue(nan.contains("numerical aperture") && nan.contains("got NaN"), nan);
        String microns = refusal(1.4, 0.52, 1.515, 0);
        assertTrue(microns.startsWith("The emission wavelength must be in [200, 2000] nm, got 0.52")
                && microns.contains("enter it in nm"), microns);
        String index = refusal(1.4, 520, 0.5, 0);
        assertTrue(index.startsWith("The immersion refractive index must be in [1, 3], got 0.5")
                && index.contains("oil 1.515"), index);
        String defocus = refusal(1.4, 520, 1.515, 2e5);
        assertTrue(defocus.startsWith("The defocus must be within ±100000 nm") && defocus.contains("in nm"), defocus);

        WidefieldObjective objective = new WidefieldObjective(1.4, 520, 1.515, 0);
        String pixel = assertThrows(IllegalArgumentException.class, () -> objective.kernel(0)).getMessage();
        assertTrue(pixel.startsWith("The pixel size must be in (0, 10000] nm, got 0.0")
                && pixel.contains("in the sample plane in nm"), pixel);
        // WidefieldPsf checks through the objective: the same message from either.
        assertEquals(na, assertThrows(IllegalArgumentException.class,
                () -> new WidefieldPsf(1.6, 520, 1.515, 65)).getMessage());
    }

    @Test
    void kernelIsTheBornWolfPsfOfBeforeAndSumsToOne() {
        WidefieldObjective objective = new WidefieldObjective(1.4, 520, 1.515, 300);
        assertEquals(1.4, objective.na());
        assertEquals(520, objective.wavelength());
        assertEquals(1.515, objective.refractiveIndex());
        assertEquals(300, objective.defocus());

        Kernel k = objective.kernel(65);
        assertEquals(new WidefieldPsf(1.4, 520, 1.515, 65, 300).kernel(), k);
        double sum = 0;
        double energy = 0;
        for (float v : k.weights()) {
            sum += v;
            energy += (double) v * v;
        }
        assertEquals(1, sum, 1e-5);
        // The kernel the three callers computed before they shared this class (values from that code).
        assertEquals(39, k.size());
        int c = (k.size() - 1) / 2;
        assertEquals(0.05827453, k.get(c, c), 1e-7);
        assertEquals(0.043467797, k.get(c + 1, c), 1e-7);
        assertEquals(0.013485619, k.get(c + 2, c + 1), 1e-7);
        assertEquals(2.9949936e-6, k.get(0, 0), 1e-10);
        assertEquals(0.01940027411407663, energy, 1e-8);
        // A coarser pixel gives a smaller kernel of the same optics.
        assertTrue(objective.kernel(130).size() < k.size());
    }

    @Test
    void aSampleOfAnotherIndexGivesTheGibsonLanniKernelAndAMatchedOneChangesNothing() {
        WidefieldObjective oil = new WidefieldObjective(1.4, 520, 1.515, 0);
        assertEquals(oil.kernel(65), oil.inSample(1.515, 30_000).kernel(65));
        assertEquals(new GibsonLanniPsf(oil, 1.333, 10_000, 65).kernel(), oil.inSample(1.333, 10_000).kernel(65));
        assertTrue(oil.inSample(1.333, 10_000).kernel(65).size() > oil.kernel(65).size());
        String depth = assertThrows(IllegalArgumentException.class, () -> oil.inSample(1.333, 3e5)).getMessage();
        assertTrue(depth.startsWith("The depth must be in [0, 200000] nm"), depth);
    }
}
