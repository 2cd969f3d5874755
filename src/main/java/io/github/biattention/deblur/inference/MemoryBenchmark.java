package io.github.biattention.deblur.inference;

import io.github.biattention.deblur.model.DeblurModel;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Memory of long runs: the process's resident memory (Linux's VmRSS now and VmHWM, its high-water mark: JVM heap,
 * PyTorch's native memory and libraries together), the JVM heap, and a soak that pushes many tiles through one
 * loaded model to show that neither native nor heap memory grows with the number of tiles.
 */
public final class MemoryBenchmark {

    private static final Path PROC_STATUS = Path.of("/proc/self/status");

    private MemoryBenchmark() {}

    /** Memory after some number of tiles. Immutable. */
    public static final class Sample {
        public final int tiles;
        /** Resident memory now (VmRSS); empty where unknown. */
        public final OptionalLong residentBytes;
        /** JVM heap in use after a full collection. */
        public final long heapBytes;
        /** Native arrays attached to the model's manager (the parameters; per-tile arrays must not stay). */
        public final int modelArrays;

        Sample(int tiles, OptionalLong residentBytes, long heapBytes, int modelArrays) {
            this.tiles = tiles;
            this.residentBytes = residentBytes;
            this.heapBytes = heapBytes;
            this.modelArrays = modelArrays;
        }
    }

    /**
     * Deblurs {@code tiles} single-tile planes ({@code tileSize x tileSize}, seeded noise, a new plane every time)
     * through the whole engine with one loaded model, telling {@code sample} the memory before the first and after
     * every {@code every} tiles.
     */
    public static void soak(DeblurModel model, DeblurSettings settings, int tiles, int every,
            Consumer<Sample> sample) {
        if (tiles < 1 || every < 1) {
            throw new IllegalArgumentException("tiles and every must be positive, got " + tiles + " and " + every);
        }
        int side = settings.tileSize();
        Random random = new Random(7);
        float[] pixels = new float[side * side];
        sample.accept(sample(0, model));
        for (int t = 1; t <= tiles; t++) {
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = random.nextFloat();
            }
            DeblurEngine.deblurPlane(pixels, side, side, model, settings);
            if (t % every == 0 || t == tiles) {
                sample.accept(sample(t, model));
            }
        }
    }

    private static Sample sample(int tiles, DeblurModel model) {
        System.gc(); // heap in use after collection: live data, not garbage waiting for the collector
        return new Sample(tiles, residentBytes(), heapUsedBytes(),
                model.djlModel().getNDManager().getManagedArrays().size());
    }

    /** The process's resident memory now (VmRSS); empty where unknown. */
    public static OptionalLong residentBytes() {
        return procStatus("VmRSS:");
    }

    /** The process's peak resident memory so far (VmHWM); empty where unknown. */
    public static OptionalLong peakResidentBytes() {
        return procStatus("VmHWM:");
    }

    /** JVM heap in use now. */
    public static long heapUsedBytes() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The sum of the heap pools' peak usage since the JVM started (or the last {@link #resetHeapPeak}). */
    public static long heapPeakBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** Starts the heap pools' peak usage again from their current usage. */
    public static void resetHeapPeak() {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static OptionalLong procStatus(String key) {
        try {
            List<String> lines = Files.readAllLines(PROC_STATUS);
            for (String line : lines) {
                if (line.startsWith(key)) {
                    String[] parts = line.substring(key.length()).trim().split("\\s+");
                    long value = Long.parseLong(parts[0]);
                    return OptionalLong.of(parts.length > 1 && parts[1].equalsIgnoreCase("kB") ? value * 1024 : value);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux: unknown.
        }
        return OptionalLong.empty();
    }
}
