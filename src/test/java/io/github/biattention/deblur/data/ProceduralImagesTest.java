package io.github.biattention.deblur.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ProceduralImagesTest {

    private static void assertUsable(Plane p, int size, String label) {
        assertEquals(size, p.width());
        assertEquals(size, p.height());
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float v : p.pixels()) {
            assertTrue(v >= 0 && v <= 1, label + ": value " + v);
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertTrue(max - min > 0.05, label + ": nearly constant, range " + (max - min));
    }

    @Test
    void everyGeneratorGivesNonConstantValuesInRange() {
        ProceduralImages[] generators = {
            new ProceduralImages(1, 0, 0), new ProceduralImages(0, 1, 0), new ProceduralImages(0, 0, 1)};
        String[] names = {"dead leaves", "fluorescence", "edges"};
        for (int g = 0; g < generators.length; g++) {
            for (int seed = 0; seed < 8; seed++) {
                assertUsable(generators[g].crop(new SplittableRandom(seed), 70), 70, names[g] + " seed " + seed);
            }
        }
    }

    @Test
    void sameGeneratorStateGivesTheSameImage() {
        ProceduralImages source = new ProceduralImages();
        for (int seed = 0; seed < 5; seed++) {
            assertArrayEquals(source.crop(new SplittableRandom(seed), 64).pixels(),
                    source.crop(new SplittableRandom(seed), 64).pixels());
        }
    }

    @Test
    void mixedSourceFollowsWeights() {
        SharpSource zeros = (rng, size) -> Plane.zeros(size, size);
        MixedSource onlyProcedural = MixedSource.builder().add(zeros, 0).add(new ProceduralImages(), 1).build();
        for (int seed = 0; seed < 5; seed++) {
            assertUsable(onlyProcedural.crop(new SplittableRandom(seed), 32), 32, "mixed");
        }
        MixedSource half = MixedSource.builder().add(zeros, 1).add(new ProceduralImages(0, 1, 0), 1).build();
        int zeroCount = 0;
        SplittableRandom rng = new SplittableRandom(1);
        for (int i = 0; i < 60; i++) {
            float max = 0;
            for (float v : half.crop(rng, 16).pixels()) {
                max = Math.max(max, v);
            }
            zeroCount += max == 0 ? 1 : 0;
        }
        assertTrue(zeroCount > 15 && zeroCount < 45, "zero source picked " + zeroCount + " of 60 times");
    }
}
