package io.github.biattention.deblur.benchmark;

import io.github.biattention.deblur.inference.DeblurEngine;
import io.github.biattention.deblur.inference.DeblurSettings;
import io.github.biattention.deblur.model.DeblurModel;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Memory of long runs: a soak that pushes many tiles through one loaded model to show that neither native nor heap
 * memory grows with the number of tiles ({@link ProcessMemory} reads the figures).
 */
public final class MemoryBenchmark {

    private MemoryBenchmark() {}

    /**
     * Deblurs {@code tiles} single-tile planes ({@code tileSize x tileSize}, seeded noise, a new plane every time)
     * through the whole engine with one loaded model. Its table goes to {@code out} as it grows, since a soak runs
     * for long: a row before the first tile and after every {@code every} tiles (resident memory, heap after a full
     * collection, native arrays attached to the model's manager: the parameters, per-tile arrays must not stay),
     * then a note with the time and the peak resident memory.
     */
    public static void soak(DeblurModel model, DeblurSettings settings, int tiles, int every, Consumer<String> out) {
        if (tiles < 1 || every < 1) {
            throw new IllegalArgumentException("tiles and every must be positive, got " + tiles + " and " + every);
        }
        BenchmarkTable table = new BenchmarkTable("").numberColumn("tiles").numberColumn("RSS")
                .numberColumn("heap after GC").numberColumn("model arrays").printTo(out);
        long start = System.nanoTime();
        int side = settings.tileSize();
        Random random = new Random(7);
        float[] pixels = new float[side * side];
        sample(table, 0, model);
        for (int t = 1; t <= tiles; t++) {
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = random.nextFloat();
            }
            DeblurEngine.deblurPlane(pixels, side, side, model, settings);
            if (t % every == 0 || t == tiles) {
                sample(table, t, model);
            }
        }
        table.note(String.format(Locale.ROOT, "%d tiles of %d in %.1f s; peak RSS %s", tiles, side,
                (System.nanoTime() - start) / 1e9, ProcessMemory.mebibytes(ProcessMemory.peakResident())));
    }

    private static void sample(BenchmarkTable table, int tiles, DeblurModel model) {
        System.gc(); // heap in use after collection: live data, not garbage waiting for the collector
        table.row(String.valueOf(tiles), ProcessMemory.mebibytes(ProcessMemory.resident()),
                ProcessMemory.mebibytes(OptionalLong.of(ProcessMemory.heapUsed())),
                String.valueOf(model.djlModel().getNDManager().getManagedArrays().size()));
    }
}
