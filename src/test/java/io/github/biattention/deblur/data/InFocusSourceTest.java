package io.github.biattention.deblur.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InFocusSourceTest {
    /** Hands out edges blurred by the given sigmas in turn, and records how many it handed out. */
    private static final class Edges implements SharpSource {
        final double[] sigmas;
        final List<Double> drawn = new ArrayList<>();

        Edges(double... sigmas) {
            this.sigmas = sigmas;
        }

        @Override
        public Plane crop(SplittableRandom rng, int size) {
            double sigma = sigmas[drawn.size() % sigmas.length];
            drawn.add(sigma);
            return EdgeSharpnessTest.edge(size, sigma);
        }
    }

    @Test
    void redrawsOutOfFocusCropsUntilOneIsSharp() {
        Edges edges = new Edges(4, 3, 0.5, 4);
        Plane crop = new InFocusSource(edges).crop(new SplittableRandom(1), 48);
        assertEquals(List.of(4.0, 3.0, 0.5), edges.drawn);
        assertEquals(EdgeSharpnessTest.edge(48, 0.5), crop);
    }

    @Test
    void keepsTheSharpestWhenNoneIsInFocus() {
        Edges edges = new Edges(5, 3, 4);
        Plane crop = new InFocusSource(edges, InFocusSource.THRESHOLD, 6).crop(new SplittableRandom(1), 48);
        assertEquals(6, edges.drawn.size());
        assertEquals(EdgeSharpnessTest.edge(48, 3), crop);
    }

    @Test
    void theSameGeneratorStateGivesTheSameCrop() {
        // SharpSource's contract: every choice comes from the generator, so training and evaluation repeat.
        SharpSource randomBlur = (rng, size) -> EdgeSharpnessTest.edge(size, rng.nextDouble() * 4);
        SharpSource inFocus = new InFocusSource(randomBlur);
        for (int seed = 0; seed < 5; seed++) {
            Plane first = inFocus.crop(new SplittableRandom(seed), 40);
            assertEquals(first, inFocus.crop(new SplittableRandom(seed), 40));
            assertTrue(EdgeSharpness.of(first) >= InFocusSource.THRESHOLD, "seed " + seed);
        }
    }

    @Test
    void needsAnAttempt() {
        assertThrows(IllegalArgumentException.class, () -> new InFocusSource(new Edges(0), 0.2, 0));
    }
}
