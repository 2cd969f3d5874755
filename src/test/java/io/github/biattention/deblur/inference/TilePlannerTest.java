package io.github.biattention.deblur.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class TilePlannerTest {

    /** Checks the planner's whole contract for one configuration. */
    private static List<Tile> assertValidPlan(final int width, final int height, final int tileSize, final int overlap) {
        final List<Tile> tiles = TilePlanner.plan(width, height, tileSize, overlap);
        final int[] coverage = new int[width * height];
        long previousY = -1;
        long previousX = -1;
        for (final Tile t : tiles) {
            // Size and containment.
            assertEquals(Math.min(tileSize, width), t.width(), t::toString);
            assertEquals(Math.min(tileSize, height), t.height(), t::toString);
            assertTrue(t.x0() >= 0 && t.y0() >= 0, t::toString);
            assertTrue(t.x0() + t.width() <= width && t.y0() + t.height() <= height, t::toString);
            assertEquals(overlap, t.overlap());
            // Row-major order.
            assertTrue(t.y0() > previousY || (t.y0() == previousY && t.x0() > previousX), t::toString);
            previousY = t.y0();
            previousX = t.x0();
            for (long y = t.y0(); y < t.y0() + t.height(); y++) {
                for (long x = t.x0(); x < t.x0() + t.width(); x++) {
                    coverage[(int) (y * width + x)]++;
                }
            }
        }
        for (int i = 0; i < coverage.length; i++) {
            assertTrue(coverage[i] > 0, "pixel " + (i % width) + "," + (i / width) + " not covered");
        }
        assertOverlaps(TilePlanner.starts(width, tileSize, overlap), Math.min(tileSize, width), overlap, width);
        assertOverlaps(TilePlanner.starts(height, tileSize, overlap), Math.min(tileSize, height), overlap, height);
        return tiles;
    }

    private static void assertOverlaps(final long[] starts, final int size, final int overlap, final long length) {
        assertEquals(0, starts[0]);
        assertEquals(length, starts[starts.length - 1] + size, "last tile ends at the border");
        for (int i = 1; i < starts.length; i++) {
            final long shared = starts[i - 1] + size - starts[i];
            assertTrue(shared >= overlap, "overlap " + shared + " < " + overlap);
            assertTrue(starts[i] > starts[i - 1], "tiles advance");
        }
    }

    @Test
    void typicalImage() {
        final List<Tile> tiles = assertValidPlan(300, 500, 128, 32);
        // x: 0, 96, 172; y: 0, 96, 192, 288, 372.
        assertEquals(3 * 5, tiles.size());
        assertEquals(172, tiles.get(2).x0());
        assertEquals(372, tiles.get(tiles.size() - 1).y0());
    }

    @Test
    void manyShapes() {
        final int[] sizes = {1, 2, 5, 31, 64, 65, 96, 97, 127, 128, 129, 200, 257};
        for (final int w : sizes) {
            for (final int h : new int[] {1, 64, 129, 257}) {
                assertValidPlan(w, h, 64, 16);
                assertValidPlan(w, h, 64, 0);
                assertValidPlan(w, h, 33, 16);
            }
        }
    }

    @Test
    void imageSmallerThanTileIsOneTile() {
        final List<Tile> tiles = assertValidPlan(50, 40, 128, 32);
        assertEquals(1, tiles.size());
        final Tile t = tiles.get(0);
        assertEquals(new Tile(0, 0, 50, 40, 50, 40, 32), t);
        assertTrue(t.atLeftBorder() && t.atRightBorder() && t.atTopBorder() && t.atBottomBorder());
    }

    @Test
    void oneByNImages() {
        final List<Tile> row = assertValidPlan(1, 1000, 128, 32);
        assertTrue(row.size() > 1);
        for (final Tile t : row) assertEquals(1, t.width());
        assertValidPlan(1000, 1, 128, 32);
        assertEquals(1, assertValidPlan(1, 1, 128, 32).size());
    }

    @Test
    void deterministic() {
        assertEquals(TilePlanner.plan(777, 555, 256, 48), TilePlanner.plan(777, 555, 256, 48));
    }

    @Test
    void validatesArguments() {
        assertThrows(IllegalArgumentException.class, () -> TilePlanner.plan(0, 10, 64, 8));
        assertThrows(IllegalArgumentException.class, () -> TilePlanner.plan(10, -1, 64, 8));
        assertThrows(IllegalArgumentException.class, () -> TilePlanner.plan(10, 10, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> TilePlanner.plan(10, 10, 64, -1));
        assertThrows(IllegalArgumentException.class, () -> TilePlanner.plan(10, 10, 64, 32));
        final IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> TilePlanner.plan(10, 10, 16, 10));
        assertTrue(e.getMessage().contains("2 * overlap"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Tile(5, 0, 10, 10, 12, 10, 2));
        assertThrows(IllegalArgumentException.class, () -> new Tile(-1, 0, 10, 10, 12, 10, 2));
    }

    @Test
    void alignedPlansStartOnTheGridAndKeepTheContract() {
        final int[] sizes = {1, 15, 16, 17, 100, 128, 129, 300, 500, 1000};
        for (final int multiple : new int[] {1, 8, 16}) {
            for (final int w : sizes) {
                for (final int h : new int[] {1, 129, 500}) {
                    for (final int[] t : new int[][] {{128, 32}, {256, 32}, {64, 8}, {100, 30}}) {
                        assertValidAlignedPlan(w, h, t[0], t[1], multiple);
                    }
                }
            }
        }
    }

    @Test
    void alignedPlanOfATypicalImage() {
        final List<Tile> tiles = TilePlanner.plan(300, 500, 128, 32, 16);
        // x: 0, 96, 176 (cut to 124 wide); y: 0, 96, 192, 288, 384 (116 high).
        assertEquals(3 * 5, tiles.size());
        assertEquals(new Tile(176, 384, 124, 116, 300, 500, 32), tiles.get(tiles.size() - 1));
        // With multiple 1 it is the unaligned plan.
        assertEquals(TilePlanner.plan(300, 500, 128, 32), TilePlanner.plan(300, 500, 128, 32, 1));
        // No aligned step fits (25 - 12 < 16): planned unaligned rather than failing.
        assertEquals(TilePlanner.plan(300, 500, 25, 12), TilePlanner.plan(300, 500, 25, 12, 16));
        assertThrows(IllegalArgumentException.class, () -> TilePlanner.plan(300, 500, 128, 32, 0));
    }

    private static void assertValidAlignedPlan(final int width, final int height, final int tileSize,
            final int overlap, final int multiple) {
        final List<Tile> tiles = TilePlanner.plan(width, height, tileSize, overlap, multiple);
        final int[] coverage = new int[width * height];
        for (final Tile t : tiles) {
            final String what = t + " multiple " + multiple;
            assertEquals(0, t.x0() % multiple, what);
            assertEquals(0, t.y0() % multiple, what);
            assertTrue(t.width() <= tileSize && t.height() <= tileSize, what);
            assertTrue(t.width() > Math.min(tileSize, width) - multiple, what);
            assertTrue(t.height() > Math.min(tileSize, height) - multiple, what);
            for (long y = t.y0(); y < t.y0() + t.height(); y++) {
                for (long x = t.x0(); x < t.x0() + t.width(); x++) {
                    coverage[(int) (y * width + x)]++;
                }
            }
        }
        for (int i = 0; i < coverage.length; i++) {
            assertTrue(coverage[i] > 0, "pixel " + (i % width) + "," + (i / width) + " not covered");
        }
        for (final int[] axis : new int[][] {{width}, {height}}) {
            final long[] starts = TilePlanner.starts(axis[0], tileSize, overlap, multiple);
            for (int i = 1; i < starts.length; i++) {
                final long end = Math.min(axis[0], starts[i - 1] + tileSize);
                assertTrue(starts[i] > starts[i - 1], "tiles advance");
                assertTrue(end - starts[i] >= overlap, "overlap " + (end - starts[i]) + " < " + overlap);
            }
        }
    }
}
