package io.github.biattention.deblur.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GridBlenderTest {

    @Test
    void matchesThePerPixelBlenderOnPlannedGrids() {
        Random random = new Random(3);
        for (int[] c : new int[][] {{300, 200, 64, 16, 16}, {257, 513, 128, 32, 1}, {40, 7, 256, 32, 16},
                {1000, 90, 96, 20, 8}}) {
            List<Tile> tiles = TilePlanner.plan(c[0], c[1], c[2], c[3], c[4]);
            TileBlender expected = new TileBlender(c[0], c[1]);
            GridBlender grid = new GridBlender(c[0], c[1], tiles);
            float[] weights = expected.weightSum();
            for (Tile t : tiles) {
                float[] out = new float[t.width() * t.height()];
                for (int i = 0; i < out.length; i++) {
                    out[i] = random.nextFloat() * 2 - 0.5f;
                }
                expected.add(t, out);
                grid.add(t, out);
            }
            float[] gridWeights = grid.weightSum();
            weights = expected.weightSum();
            float[] want = expected.result();
            float[] got = grid.result();
            for (int i = 0; i < want.length; i++) {
                assertEquals(weights[i], gridWeights[i], 1e-6f * weights[i], "weight at " + i);
                assertEquals(want[i], got[i], 2e-6f * Math.max(1, Math.abs(want[i])), "pixel " + i);
            }
        }
    }

    @Test
    void aRegionTakesOnlyItsTilesAndEqualsTheWholeBitForBit() {
        Random random = new Random(5);
        List<Tile> tiles = TilePlanner.plan(300, 200, 64, 16, 16);
        Region region = new Region(70, 33, 101, 90);
        GridBlender whole = new GridBlender(300, 200, tiles);
        GridBlender part = new GridBlender(300, 200, tiles, region);
        int touching = 0;
        for (Tile t : tiles) {
            float[] out = new float[t.width() * t.height()];
            for (int i = 0; i < out.length; i++) {
                out[i] = random.nextFloat();
            }
            whole.add(t, out);
            if (region.touches(t)) {
                touching++;
                part.add(t, out);
            }
        }
        assertEquals(true, touching < tiles.size(), "the region needs only some tiles");
        float[] all = whole.result();
        float[] got = part.result();
        for (int y = 0; y < region.height(); y++) {
            for (int x = 0; x < region.width(); x++) {
                assertEquals(all[(33 + y) * 300 + 70 + x], got[y * region.width() + x], 0f, "(" + x + ", " + y + ")");
            }
        }
        assertThrows(IllegalArgumentException.class, () -> new GridBlender(300, 200, tiles,
                new Region(250, 0, 51, 10)));
    }

    @Test
    void rejectsTilesThatAreNotAGrid() {
        List<Tile> tiles = TilePlanner.plan(300, 300, 128, 16, 16);
        assertThrows(IllegalArgumentException.class, () -> new GridBlender(300, 300, tiles.subList(1,
                tiles.size())));
        assertThrows(IllegalArgumentException.class, () -> new GridBlender(301, 300, tiles));
    }
}
