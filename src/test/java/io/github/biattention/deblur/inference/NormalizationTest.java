package io.github.biattention.deblur.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class NormalizationTest {

    @Test
    void mapsLowToZeroAndHighToOne() {
        final Normalization n = new Normalization(10, 110);
        assertEquals(0f, n.normalize(10f));
        assertEquals(1f, n.normalize(110f));
        assertEquals(0.5f, n.normalize(60f));
        assertEquals(-0.1f, n.normalize(0f), 1e-7f);
        assertEquals(60f, n.denormalize(0.5f));
        assertEquals(100, n.scale());
        assertFalse(n.isDegenerate());
    }

    @Test
    void arrayVersionsMatchScalarAndRoundTrip() {
        final Normalization n = new Normalization(-3.5, 1234.25);
        final Random random = new Random(7);
        final float[] data = new float[1000];
        for (int i = 0; i < data.length; i++) data[i] = (float) (random.nextGaussian() * 500);
        final float[] copy = data.clone();
        n.normalize(data);
        for (int i = 0; i < data.length; i++) assertEquals(n.normalize(copy[i]), data[i]);
        n.denormalize(data);
        for (int i = 0; i < data.length; i++) assertEquals(copy[i], data[i], Math.ulp(copy[i]) * 2 + 1e-4f);
    }

    @Test
    void constantRangeUsesScaleOne() {
        final Normalization n = new Normalization(42, 42);
        assertTrue(n.isDegenerate());
        assertEquals(1, n.scale());
        assertEquals(0f, n.normalize(42f));
        assertEquals(42f, n.denormalize(0f));
        final float[] data = {42, 42, 42};
        n.normalize(data);
        for (final float v : data) assertEquals(0f, v);
        // A range at float resolution counts as constant too.
        assertTrue(new Normalization(1000, Math.nextUp(1000f)).isDegenerate());
        assertTrue(new Normalization(0, 0).isDegenerate());
        // Small but real ranges are kept.
        assertFalse(new Normalization(0, 1e-8).isDegenerate());
    }

    @Test
    void nanStaysNan() {
        assertTrue(Float.isNaN(new Normalization(0, 1).normalize(Float.NaN)));
    }

    @Test
    void rejectsBadBounds() {
        assertThrows(IllegalArgumentException.class, () -> new Normalization(2, 1));
        assertThrows(IllegalArgumentException.class, () -> new Normalization(Double.NaN, 1));
        assertThrows(IllegalArgumentException.class, () -> new Normalization(0, Double.POSITIVE_INFINITY));
    }

    @Test
    void valueSemantics() {
        assertEquals(new Normalization(1, 2), new Normalization(1, 2));
        assertEquals(new Normalization(1, 2).hashCode(), new Normalization(1, 2).hashCode());
        assertFalse(new Normalization(1, 2).equals(new Normalization(1, 3)));
    }
}
