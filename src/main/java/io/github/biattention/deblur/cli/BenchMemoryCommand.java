package io.github.biattention.deblur.cli;

import ij.ImagePlus;
import ij.process.ShortProcessor;
import io.github.biattention.deblur.benchmark.MemoryBenchmark;
import io.github.biattention.deblur.benchmark.ProcessMemory;
import io.github.biattention.deblur.benchmark.SpeedBenchmark;
import io.github.biattention.deblur.imagej.FileDeblurring;
import io.github.biattention.deblur.imagej.ImageDeblurring;
import io.github.biattention.deblur.inference.DeblurSettings;
import io.github.biattention.deblur.inference.ProgressListener;
import io.github.biattention.deblur.model.DeblurModel;
import io.github.biattention.deblur.model.DeviceChoice;
import io.github.biattention.deblur.model.ModelFiles;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bench-memory}: peak resident memory (JVM and native) and JVM heap of deblurring one large synthetic image
 * with the default tiles, or, with {@code --soak}, memory every so many tiles of a long run through one model.
 */
@Command(name = "bench-memory", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measures memory: deblurs a synthetic SIZE x SIZE 16-bit image (the path of the deblur command"
                + " and the Fiji command) and prints the time, the process's peak resident memory (VmHWM: JVM heap"
                + " and native memory) and the JVM heap's peak;"
                + " with --soak N, deblurs N tiles one after the other through one loaded model and prints resident memory,"
                + " heap after a full collection and the model's native arrays every --every tiles."})
final class BenchMemoryCommand implements Callable<Integer> {

    @Option(names = "--size", defaultValue = "8192", description = "Image side (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--model", defaultValue = ModelFiles.DEFAULT_MODEL,
            description = "Bundled model name or model file (default: ${DEFAULT-VALUE}).")
    String model;

    @Mixin
    TilingOptions tiling;

    @Option(names = "--output", paramLabel = "FILE", description = "Also write the result as TIFF (as the deblur"
            + " command does).")
    Path output;

    @Option(names = "--soak", paramLabel = "N", description = "Soak instead: N tiles in a row.")
    Integer soak;

    @Option(names = "--every", defaultValue = "100", paramLabel = "N", description = "Soak: report every N tiles"
            + " (default: ${DEFAULT-VALUE}).")
    int every;

    @Override
    public Integer call() throws Exception {
        DeblurSettings settings = tiling.settings().device(DeviceChoice.AUTO).build();
        if (size < 1) {
            throw new IllegalArgumentException("--size must be positive, got " + size);
        }
        try (Interruption interruption = new Interruption();
                DeblurModel loaded = ModelFiles.open(model, settings.device(),
                        message -> System.err.println("Warning: " + message))) {
            System.out.println(SpeedBenchmark.engineDescription() + ", device " + loaded.device() + ", "
                    + Runtime.getRuntime().availableProcessors() + " cores, max heap "
                    + mib(Runtime.getRuntime().maxMemory()));
            System.out.println("After loading the model: RSS " + mib(ProcessMemory.resident()) + ", peak RSS "
                    + mib(ProcessMemory.peakResident()));
            if (soak != null) {
                MemoryBenchmark.soak(loaded, settings, soak, every, System.out::print);
            } else {
                large(loaded, settings, interruption);
            }
        }
        return 0;
    }

    private void large(DeblurModel loaded, DeblurSettings settings, Interruption interruption) throws Exception {
        ImagePlus image = new ImagePlus("synthetic", synthetic(size));
        System.out.println(String.format(Locale.ROOT, "Input: %dx%d 16-bit (%s), tiles of %d, overlap %d", size,
                size, mib(2L * size * size), settings.tileSize(), settings.overlap()));
        ProcessMemory.resetHeapPeak();
        long start = System.nanoTime();
        ImagePlus result = ImageDeblurring.deblur(image, loaded, settings, false, new ProgressListener() {
            private int lastPercent = -1;

            @Override
            public void progress(int done, int total, String message) {
                int percent = (int) (100L * done / total);
                if (percent / 10 != lastPercent / 10) {
                    lastPercent = percent;
                    System.err.println("  " + message + "; RSS " + mib(ProcessMemory.resident()));
                }
            }

            @Override
            public void note(String message) {
                System.err.println("Warning: " + message);
            }
        }, interruption.requested());
        double seconds = (System.nanoTime() - start) / 1e9;
        if (output != null) {
            FileDeblurring.writeTiff(result, output);
        }
        System.out.println(String.format(Locale.ROOT, "Deblurred %dx%d in %.1f s (%.2f s/MP)%s: peak RSS %s,"
                + " peak heap %s, heap committed %s", size, size, seconds, seconds / ((double) size * size / 1e6),
                output == null ? "" : " and wrote " + output, mib(ProcessMemory.peakResident()),
                mib(ProcessMemory.heapPeak()), mib(Runtime.getRuntime().totalMemory())));
    }

    /** Filaments of sines plus seeded noise, in the middle of the 16-bit range; cheap to make at any size. */
    private static ShortProcessor synthetic(int side) {
        ShortProcessor sp = new ShortProcessor(side, side);
        short[] pixels = (short[]) sp.getPixels();
        SplittableRandom random = new SplittableRandom(11);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                double v = 1000 + 600 * Math.sin(x / 9.0) * Math.cos(y / 13.0) + random.nextInt(100);
                pixels[y * side + x] = (short) v;
            }
        }
        return sp;
    }

    private static String mib(OptionalLong bytes) {
        return ProcessMemory.mebibytes(bytes);
    }

    private static String mib(long bytes) {
        return ProcessMemory.mebibytes(OptionalLong.of(bytes));
    }
}
