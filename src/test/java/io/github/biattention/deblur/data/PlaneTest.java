package io.github.biattention.deblur.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PlaneTest {
    private static Plane ramp(int w, int h) {
        float[] p = new float[w * h];
        for (int i = 0; i < p.length; i++) {
            p[i] = i;
        }
        return new Plane(w, h, p);
    }

    @Test
    void rowMajorIndexing() {
        Plane p = ramp(4, 3);
        assertEquals(4, p.width());
        assertEquals(3, p.height());
        assertEquals(2 * 4 + 1, p.get(1, 2));
    }

    @Test
    void cropCopiesTheRegion() {
        Plane p = ramp(5, 4);
        Plane c = p.crop(1, 2, 3, 2);
        assertArrayEquals(new float[] {11, 12, 13, 16, 17, 18}, c.pixels());
        c.pixels()[0] = -1;
        assertEquals(11, p.get(1, 2), "crop must not share the source array");
    }

    @Test
    void zerosAndValidation() {
        assertArrayEquals(new float[6], Plane.zeros(3, 2).pixels());
        assertThrows(IllegalArgumentException.class, () -> new Plane(3, 2, new float[5]));
        assertThrows(IllegalArgumentException.class, () -> ramp(4, 4).crop(2, 2, 3, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> ramp(4, 4).get(4, 0));
    }
}
