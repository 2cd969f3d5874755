package io.github.biattention.deblur.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ConvolutionTest {
    private static Plane random(int w, int h, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] p = new float[w * h];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) rng.nextDouble();
        }
        return new Plane(w, h, p);
    }

    private static Kernel delta(int size, int dx, int dy) {
        float[] w = new float[size * size];
        int c = (size - 1) / 2;
        w[(c + dy) * size + c + dx] = 1;
        return Kernel.normalized(size, w);
    }

    @Test
    void deltaKernelReturnsTheCentreCrop() {
        Plane img = random(20, 17, 1);
        Plane out = Convolution.valid(img, delta(7, 0, 0));
        assertEquals(14, out.width());
        assertEquals(11, out.height());
        assertArrayEquals(img.crop(3, 3, 14, 11).pixels(), out.pixels());
    }

    @Test
    void knownThreeByThreeMatchesHandComputation() {
        // Image 4x3, kernel with distinct weights so that a missing flip would be caught.
        Plane img = new Plane(4, 3, new float[] {
            1, 2, 3, 4,
            5, 6, 7, 8,
            9, 10, 11, 12});
        float[] w = {1, 2, 3, 4, 5, 6, 7, 8, 9}; // sum 45
        Kernel k = Kernel.normalized(3, w);
        Plane out = Convolution.valid(img, k);
        assertEquals(2, out.width());
        assertEquals(1, out.height());
        // True convolution at centre (1,1): sum k(i,j) * img(1 + 1 - i, 1 + 1 - j), i.e. the flipped kernel:
        // 9*1 + 8*2 + 7*3 + 6*5 + 5*6 + 4*7 + 3*9 + 2*10 + 1*11 = 192
        assertEquals(192 / 45.0, out.get(0, 0), 1e-5);
        // at (2,1): 9*2 + 8*3 + 7*4 + 6*6 + 5*7 + 4*8 + 3*10 + 2*11 + 1*12 = 237
        assertEquals(237 / 45.0, out.get(1, 0), 1e-5);
    }

    @Test
    void offCentreDeltaShiftsContentInItsDirection() {
        Plane img = random(12, 12, 2);
        // Weight at offset (+1, +2): the image content moves right by 1 and down by 2.
        Plane out = Convolution.valid(img, delta(5, 1, 2));
        int r = 2;
        for (int y = 0; y < out.height(); y++) {
            for (int x = 0; x < out.width(); x++) {
                assertEquals(img.get(x + r - 1, y + r - 2), out.get(x, y), 0f);
            }
        }
    }

    @Test
    void preservesTheMeanOfAConstantImage() {
        Plane img = new Plane(40, 40, filled(1600, 0.3f));
        Plane out = Convolution.valid(img, BlurKernels.motion(new SplittableRandom(3), 31));
        for (float v : out.pixels()) {
            assertEquals(0.3f, v, 1e-5f);
        }
    }

    @Test
    void rejectsImagesSmallerThanTheKernel() {
        assertThrows(IllegalArgumentException.class, () -> Convolution.valid(Plane.zeros(4, 10), BlurKernels.gaussian(1)));
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, v);
        return a;
    }
}
