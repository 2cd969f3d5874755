package io.github.biattention.deblur.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class TileBlenderTest {

    /** A smooth random field: a sum of a few random low-frequency waves. */
    private static float[] smoothImage(final int width, final int height, final long seed) {
        final Random random = new Random(seed);
        final float[] image = new float[width * height];
        for (int k = 0; k < 6; k++) {
            final double fx = random.nextDouble() * 0.05;
            final double fy = random.nextDouble() * 0.05;
            final double phase = random.nextDouble() * 2 * Math.PI;
            final double amplitude = random.nextDouble() * 0.5;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    image[y * width + x] += (float) (amplitude * Math.sin(fx * x + fy * y + phase));
                }
            }
        }
        return image;
    }

    private static float[] blendCutTiles(final float[] image, final int width, final int height, final int tileSize,
            final int overlap) {
        final TileBlender blender = new TileBlender(width, height);
        for (final Tile t : TilePlanner.plan(width, height, tileSize, overlap)) {
            blender.add(t, Planes.readRegion(Planes.toImg(image, width, height), t.x0(), t.y0(), t.width(), t.height()));
        }
        return blender.result();
    }

    @Test
    void constantFieldStaysExact() {
        for (final int[] c : new int[][] {{300, 500, 128, 32}, {97, 61, 40, 12}, {50, 40, 128, 32}, {1, 300, 64, 16}}) {
            final float[] image = new float[c[0] * c[1]];
            Arrays.fill(image, 3.25f);
            final float[] result = blendCutTiles(image, c[0], c[1], c[2], c[3]);
            for (final float v : result) assertEquals(3.25f, v, 1e-6f);
        }
    }

    @Test
    void smoothRandomImageIsReproduced() {
        final int width = 300;
        final int height = 500;
        final float[] image = smoothImage(width, height, 2024);
        final float[] result = blendCutTiles(image, width, height, 128, 32);
        for (int i = 0; i < image.length; i++) {
            assertEquals(image[i], result[i], 1e-5f, "pixel " + i);
        }
    }

    @Test
    void seamsAreBlendedSmoothly() {
        // Tiles whose outputs disagree by a constant offset: the blend moves
        // between them gradually instead of jumping at a tile edge.
        final int width = 200;
        final int height = 50;
        final List<Tile> tiles = TilePlanner.plan(width, height, 120, 40);
        assertEquals(2, tiles.size());
        final TileBlender blender = new TileBlender(width, height);
        for (int k = 0; k < tiles.size(); k++) {
            final float[] out = new float[tiles.get(k).width() * tiles.get(k).height()];
            Arrays.fill(out, k * 100f);
            blender.add(tiles.get(k), out);
        }
        final float[] result = blender.result();
        float previous = result[25 * width];
        for (int x = 1; x < width; x++) {
            final float v = result[25 * width + x];
            assertTrue(v >= previous - 1e-3f, "monotone at x=" + x);
            assertTrue(v - previous < 10f, "no jump at x=" + x + ": " + previous + " -> " + v);
            previous = v;
        }
        assertEquals(0f, result[25 * width], 1e-6f);
        assertEquals(100f, result[25 * width + width - 1], 1e-6f);
    }

    @Test
    void weightsAreOneAtImageBordersAndPositiveEverywhere() {
        final List<Tile> tiles = TilePlanner.plan(300, 500, 128, 32);
        final TileBlender blender = new TileBlender(300, 500);
        for (final Tile t : tiles) {
            final float[] map = t.weightMap();
            for (int y = 0; y < t.height(); y++) {
                for (int x = 0; x < t.width(); x++) {
                    final float w = map[y * t.width() + x];
                    assertEquals(t.weight(x, y), w);
                    assertTrue(w > 0 && w <= 1, t + " weight " + w);
                }
            }
            // Border edges keep full weight along them, away from interior edges.
            final int midX = t.width() / 2;
            final int midY = t.height() / 2;
            if (t.atLeftBorder()) assertEquals(1f, t.weight(0, midY));
            if (t.atRightBorder()) assertEquals(1f, t.weight(t.width() - 1, midY));
            if (t.atTopBorder()) assertEquals(1f, t.weight(midX, 0));
            if (t.atBottomBorder()) assertEquals(1f, t.weight(midX, t.height() - 1));
            if (t.atLeftBorder() && t.atTopBorder()) assertEquals(1f, t.weight(0, 0));
            // Interior edges start near 0 and reach 1 after the overlap.
            if (!t.atLeftBorder()) {
                assertTrue(t.weight(0, midY) < 0.01f);
                assertEquals(1f, t.weight(t.overlap(), midY));
            }
            blender.add(t, new float[t.width() * t.height()]);
        }
        for (final float w : blender.weightSum()) assertTrue(w > 0);
        // The image corners are covered by exactly one tile with weight 1.
        final float[] sums = blender.weightSum();
        assertEquals(1f, sums[0]);
        assertEquals(1f, sums[299]);
        assertEquals(1f, sums[499 * 300]);
        assertEquals(1f, sums[499 * 300 + 299]);
    }

    @Test
    void singleTileWeightsAreAllOne() {
        final Tile t = TilePlanner.plan(40, 30, 64, 16).get(0);
        for (final float w : t.weightMap()) assertEquals(1f, w);
    }

    @Test
    void uncoveredPixelsAreNanAndResultIsTheBuffer() {
        final TileBlender blender = new TileBlender(10, 10);
        final Tile t = new Tile(0, 0, 5, 10, 10, 10, 2);
        final float[] out = new float[50];
        Arrays.fill(out, 2f);
        blender.add(t, out);
        final float[] result = blender.result();
        assertSame(result, blender.result());
        assertEquals(2f, result[0], 1e-6f);
        assertTrue(Float.isNaN(result[9]));
        assertThrows(IllegalStateException.class, () -> blender.add(t, out));
    }

    @Test
    void validatesInput() {
        final TileBlender blender = new TileBlender(10, 10);
        assertThrows(IllegalArgumentException.class, () -> blender.add(new Tile(0, 0, 5, 5, 10, 10, 1), new float[24]));
        assertThrows(IllegalArgumentException.class, () -> blender.add(new Tile(0, 0, 5, 5, 11, 10, 1), new float[25]));
        assertThrows(IllegalArgumentException.class, () -> new TileBlender(0, 10));
        assertThrows(IllegalArgumentException.class, () -> new TileBlender(1L << 20, 1L << 20));
    }
}
