package io.github.biattention.deblur.classical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.biattention.deblur.data.Kernel;
import io.github.biattention.deblur.data.Plane;
import org.junit.jupiter.api.Test;

class PsfTest {

    private static double sum(Kernel k) {
        double s = 0;
        for (float v : k.weights()) {
            s += v;
        }
        return s;
    }

    /** Centre of mass minus the centre pixel, {dx, dy}. */
    private static double[] centroidOffset(Kernel k) {
        double s = 0;
        double sx = 0;
        double sy = 0;
        int c = (k.size() - 1) / 2;
        for (int y = 0; y < k.size(); y++) {
            for (int x = 0; x < k.size(); x++) {
                s += k.get(x, y);
                sx += k.get(x, y) * (x - c);
                sy += k.get(x, y) * (y - c);
            }
        }
        return new double[] {sx / s, sy / s};
    }

    /** Largest difference between the kernel and itself transposed or flipped, relative to its peak. */
    private static double asymmetry(Kernel k) {
        int n = k.size();
        double peak = 0;
        double worst = 0;
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                float v = k.get(x, y);
                peak = Math.max(peak, v);
                worst = Math.max(worst, Math.abs(v - k.get(y, x)));
                worst = Math.max(worst, Math.abs(v - k.get(n - 1 - x, y)));
                worst = Math.max(worst, Math.abs(v - k.get(x, n - 1 - y)));
            }
        }
        return worst / peak;
    }

    @Test
    void gaussianDiskAndMotionAreNormalisedOddAndCentred() {
        for (Kernel k : new Kernel[] {Psf.gaussian(1.7), Psf.disk(3.3), Psf.motion(9, 30), Psf.motion(1, 0),
                Psf.motion(15.5, -120)}) {
            assertEquals(1, sum(k), 1e-5, k.toString());
            assertEquals(1, k.size() % 2, k.toString());
            double[] offset = centroidOffset(k);
            assertEquals(0, offset[0], 1e-4, k + " centred in x");
            assertEquals(0, offset[1], 1e-4, k + " centred in y");
        }
        assertTrue(asymmetry(Psf.gaussian(2)) < 1e-6);
        assertTrue(asymmetry(Psf.disk(4.5)) < 1e-6);
    }

    @Test
    void motionFollowsItsAngleAndLength() {
        Kernel horizontal = Psf.motion(9, 0);
        assertEquals(11, horizontal.size());
        int c = 5;
        // All the mass on the middle row, from x = 0.5 to 9.5: flat inside, faint end pixels (bilinear ends).
        double row = 0;
        for (int x = 0; x < 11; x++) {
            row += horizontal.get(x, c);
        }
        assertEquals(1, row, 1e-5);
        assertEquals(1.0 / 9, horizontal.get(5, c), 2e-3);
        assertEquals(horizontal.get(2, c), horizontal.get(7, c), 1e-6);
        assertTrue(horizontal.get(0, c) > 0 && horizontal.get(0, c) < horizontal.get(5, c) / 4);
        assertEquals(horizontal.get(0, c), horizontal.get(10, c), 1e-6);
        // 90 degrees points up on screen: a vertical line in the middle column.
        Kernel vertical = Psf.motion(9, 90);
        for (int y = 0; y < 11; y++) {
            assertEquals(horizontal.get(y, c), vertical.get(c, y), 1e-6);
        }
        // 45 degrees goes up-right: the top-right quadrant carries mass, the top-left none.
        Kernel diagonal = Psf.motion(8, 45);
        int d = (diagonal.size() - 1) / 2;
        assertTrue(diagonal.get(d + 2, d - 2) > 0.05);
        assertEquals(0, diagonal.get(d - 2, d - 2), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> Psf.motion(0.5, 0));
        assertThrows(IllegalArgumentException.class, () -> Psf.motion(5, Double.NaN));
    }

    @Test
    void measuredPsfLosesItsBackgroundAndIsCentredOnItsCentreOfMass() {
        int w = 15;
        int h = 12;
        float[] p = new float[w * h];
        java.util.Arrays.fill(p, 100);
        // A bead centred at (9, 4): 3x3 block with a bright middle, on a background of 100.
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                p[(4 + dy) * w + 9 + dx] = 100 + (dx == 0 && dy == 0 ? 80 : 10);
            }
        }
        Kernel k = Psf.fromImage(new Plane(w, h, p));
        // Farthest image edge from (9, 4) is x = 0 (9 pixels) -> size 19.
        assertEquals(19, k.size());
        assertEquals(1, sum(k), 1e-6);
        assertEquals(80f / 160, k.get(9, 9), 1e-6);
        assertEquals(10f / 160, k.get(8, 8), 1e-6);
        assertEquals(0, k.get(0, 0), 0);
        float[] flat = new float[25];
        java.util.Arrays.fill(flat, 7);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Psf.fromImage(new Plane(5, 5, flat)));
        assertTrue(e.getMessage().contains("no signal above its background"), e.getMessage());
        assertEquals(4.5f, Psf.borderMedian(new float[] {1, 2, 3, 4, 99, 5, 6, 7, 8}, 3, 3), 0);
        assertEquals(2f, Psf.borderMedian(new float[] {2, 1, 3}, 3, 1), 0);
    }

    @Test
    void besselJ0MatchesKnownValuesAndItsIntegralForm() {
        assertEquals(1, Bessel.j0(0), 1e-7);
        assertEquals(0.7651976865579666, Bessel.j0(1), 1e-7);
        assertEquals(0.2238907791412357, Bessel.j0(2), 1e-7);
        assertEquals(-0.2600519549019334, Bessel.j0(3), 1e-7);
        assertEquals(-0.2459357644513483, Bessel.j0(10), 1e-7);
        assertEquals(0, Bessel.j0(2.404825557695773), 1e-7);
        assertEquals(Bessel.j0(7.3), Bessel.j0(-7.3), 0);
        // J0(x) = (1/pi) ∫0^pi cos(x sin t) dt; the trapezoid rule is spectrally accurate for this periodic form.
        for (double x = 0; x <= 60; x += 0.37) {
            int n = 400;
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += Math.cos(x * Math.sin(Math.PI * i / n));
            }
            assertEquals(s / n, Bessel.j0(x), 2e-7, "x = " + x);
        }
    }

    @Test
    void bornWolfInFocusIsTheAiryPatternAndDefocusFollowsTheOnAxisFormula() {
        WidefieldPsf psf = new WidefieldPsf(1.4, 520, 1.515, 65);
        double k = 2 * Math.PI / 520;
        assertEquals(1, psf.intensity(0, 0), 1e-6);
        // [2 J1(v)/v]^2 at v = 1, with J1(1) = 0.44005058574493355; first dark ring at v = 3.8317.
        assertEquals(Math.pow(2 * 0.44005058574493355, 2), psf.intensity(1 / (k * 1.4), 0), 1e-6);
        assertEquals(0, psf.intensity(3.8317059702 / (k * 1.4), 0), 1e-6);
        // On the axis: [sin(u/4)/(u/4)]^2 with u = k z NA^2 / n.
        for (double z : new double[] {100, 250, 600, -400}) {
            double u = k * z * 1.4 * 1.4 / 1.515;
            double expected = Math.pow(Math.sin(u / 4) / (u / 4), 2);
            assertEquals(expected, psf.intensity(0, z), 1e-6, "z = " + z);
        }
    }

    @Test
    void widefieldKernelIsNormalisedSymmetricAndHasTheAiryWidth() {
        double na = 1.4;
        double lambda = 520;
        double pixel = 10;
        Kernel k = new WidefieldPsf(na, lambda, 1.515, pixel).kernel();
        assertEquals(1, sum(k), 1e-5);
        assertTrue(asymmetry(k) < 1e-5, "asymmetry " + asymmetry(k));
        int c = (k.size() - 1) / 2;
        double peak = k.get(c, c);
        // Half maximum along the middle row, linearly interpolated.
        int x = c;
        while (k.get(x + 1, c) > peak / 2) {
            x++;
        }
        double a = k.get(x, c);
        double b = k.get(x + 1, c);
        double halfWidth = (x - c) + (a - peak / 2) / (a - b);
        double fwhm = 2 * halfWidth * pixel;
        double expected = 0.51 * lambda / na;
        assertEquals(expected, fwhm, 0.05 * expected, "FWHM " + fwhm + " nm");
        System.out.printf(java.util.Locale.ROOT, "Born & Wolf in focus, NA %.2f, %.0f nm, %.0f nm pixels: FWHM %.1f nm,"
                + " 0.51 lambda/NA = %.1f nm%n", na, lambda, pixel, fwhm, expected);
    }

    @Test
    void defocusSpreadsTheWidefieldPsf() {
        WidefieldPsf focused = new WidefieldPsf(1.2, 600, 1.333, 80);
        WidefieldPsf defocused = new WidefieldPsf(1.2, 600, 1.333, 80, 800);
        Kernel a = focused.kernel();
        Kernel b = defocused.kernel();
        assertTrue(b.size() >= a.size());
        assertEquals(1, sum(b), 1e-5);
        assertTrue(asymmetry(b) < 1e-5);
        int ca = (a.size() - 1) / 2;
        int cb = (b.size() - 1) / 2;
        assertTrue(b.get(cb, cb) < 0.5 * a.get(ca, ca), "defocus lowers the peak");
        assertThrows(IllegalArgumentException.class, () -> new WidefieldPsf(1.6, 520, 1.515, 65));
        assertThrows(IllegalArgumentException.class, () -> new WidefieldPsf(1.4, 52, 1.515, 65));
        assertThrows(IllegalArgumentException.class, () -> new WidefieldPsf(1.4, 520, 1.515, 0));
    }
}
