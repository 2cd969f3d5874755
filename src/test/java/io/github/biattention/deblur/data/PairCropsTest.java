package io.github.biattention.deblur.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.FloatProcessor;
import ij.process.ShortProcessor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PairCropsTest {

    /** Sharp pixel i holds i / n, its blurred partner i / n + 0.5: aligned crops differ by exactly 0.5 everywhere. */
    private static PairCrops.Images coded(int w, int h) {
        float[] sharp = new float[w * h];
        float[] blurred = new float[w * h];
        for (int i = 0; i < sharp.length; i++) {
            sharp[i] = (float) i / sharp.length;
            blurred[i] = sharp[i] + 0.5f;
        }
        return new PairCrops.Images(w, h, new float[][] {blurred}, new float[][] {sharp});
    }

    @Test
    void blurredAndSharpAreCutFromTheSamePlaceWithTheSameTransform() {
        PairCrops crops = new PairCrops(List.of(coded(40, 30), coded(20, 20)), 16);
        Set<Float> corners = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            TrainingPair pair = crops.sample(5, i);
            float[] b = pair.blurred().pixels();
            float[] s = pair.sharp().pixels();
            assertEquals(16 * 16, s.length);
            for (int p = 0; p < s.length; p++) {
                assertEquals(0.5f, b[p] - s[p], 1e-6f, "sample " + i + " pixel " + p);
            }
            corners.add(s[0]);
        }
        assertTrue(corners.size() > 30, "positions and transforms vary: " + corners.size() + " distinct corners");
        assertArrayEquals(crops.sample(5, 7).sharp().pixels(), crops.sample(5, 7).sharp().pixels());
        assertNotEquals(crops.sample(5, 7).sharp(), crops.sample(6, 7).sharp());
    }

    @Test
    void pairsTooSmallForThePatchAreSkippedOrRefused() {
        PairCrops crops = new PairCrops(List.of(coded(8, 8), coded(24, 24)), 20);
        for (int i = 0; i < 10; i++) {
            assertEquals(20, crops.sample(1, i).sharp().width());
        }
        assertThrows(IllegalArgumentException.class, () -> new PairCrops(List.of(coded(8, 8)), 16));
    }

    @Test
    void filesAreScaledAlikeAndMustMatchInSize(@TempDir Path dir) throws IOException {
        FloatProcessor sharp = new FloatProcessor(4, 1, new float[] {10, 20, 30, 50});
        FloatProcessor blurred = new FloatProcessor(4, 1, new float[] {20, 25, 30, 35});
        save(new ImagePlus("s", sharp), dir.resolve("s.tif"));
        save(new ImagePlus("b", blurred), dir.resolve("b.tif"));
        PairCrops.Images images = PairCrops.Images.read(dir.resolve("b.tif"), dir.resolve("s.tif"));
        // Both by the sharp image's range 10..50, so the blurred one keeps its lower contrast.
        assertArrayEquals(new float[] {0, 0.25f, 0.5f, 1}, images.sharp[0], 1e-6f);
        assertArrayEquals(new float[] {0.25f, 0.375f, 0.5f, 0.625f}, images.blurred[0], 1e-6f);

        save(new ImagePlus("o", new ShortProcessor(5, 1)), dir.resolve("other.tif"));
        IOException e = assertThrows(IOException.class,
                () -> PairCrops.Images.read(dir.resolve("other.tif"), dir.resolve("s.tif")));
        assertTrue(e.getMessage().contains("differ in size"), e.getMessage());
    }

    private static void save(ImagePlus image, Path file) {
        assertTrue(new FileSaver(image).saveAsTiff(file.toString()));
    }
}
