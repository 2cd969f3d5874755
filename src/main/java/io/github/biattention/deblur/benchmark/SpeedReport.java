package io.github.biattention.deblur.benchmark;

import ai.djl.Device;
import io.github.biattention.deblur.inference.DeblurSettings;
import io.github.biattention.deblur.model.DeblurModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * The speed tables of {@code bench}: {@link SpeedBenchmark} for each model, then the reference convolution, as one
 * table per model; the last one closes with a note on how everything was measured.
 */
public final class SpeedReport {

    /** Channels of the reference convolution: as wide as the network's middle levels. */
    static final int CONV_CHANNELS = 64;
    /** No further run of a size starts after this long on it. */
    private static final double BUDGET_SECONDS = 30;

    private SpeedReport() {}

    /**
     * Times every model, sizes in increasing order, then the reference convolution on the first model's device. Call
     * it right after loading the models: the memory column is the process's high-water mark, which later work would
     * raise.
     *
     * @param models by name, in table order; at least one
     * @param runs timed runs per size (the best is kept) and of the convolution
     * @param convSide side of the convolution's {@value #CONV_CHANNELS}-channel feature map
     * @param log told what is being timed and each size's time as it is measured
     */
    public static List<BenchmarkTable> run(Map<String, DeblurModel> models, DeblurSettings settings, int[] sizes,
            int runs, int convSide, Consumer<String> log) {
        OptionalLong baseline = ProcessMemory.peakResident();
        Map<String, List<SpeedBenchmark.Row>> speed = new LinkedHashMap<>();
        for (Map.Entry<String, DeblurModel> e : models.entrySet()) {
            log.accept("Timing " + e.getKey() + " ...");
            speed.put(e.getKey(), SpeedBenchmark.run(e.getValue(), settings, sizes, runs, BUDGET_SECONDS,
                    row -> log.accept(String.format(Locale.ROOT, "  %d²: %.2f s (%.2f s/MP), peak %s", row.size,
                            row.seconds, row.secondsPerMegapixel(),
                            ProcessMemory.mebibytes(row.peakResidentBytes)))));
        }
        Device device = models.values().iterator().next().device();
        log.accept("Timing the reference convolution ...");
        double convGflops = SpeedBenchmark.convolutionGflops(device, CONV_CHANNELS, convSide, runs);
        List<BenchmarkTable> tables = new ArrayList<>();
        speed.forEach((name, rows) -> tables.add(table("Model " + name + " (" + models.get(name).network().config()
                + "):", rows, convGflops)));
        tables.get(tables.size() - 1).note(String.format(Locale.ROOT, "Whole engine (normalisation, tiling, network,"
                + " blending) on %s, on images of uniform noise; best of up to %d run%s after a one-tile warm-up."
                + " \"of conv\": the network's rate (its FLOPs, overlaps included, over the best time) as a share of"
                + " one %d->%d 3x3 convolution on 1x%dx%dx%d in the same engine, %.1f GFLOP/s (best of %d). Peak RSS:"
                + " the process's high-water mark (VmHWM, JVM and native) after each size, sizes run in increasing"
                + " order; %s after loading the model%s.", device, runs, runs == 1 ? "" : "s", CONV_CHANNELS,
                CONV_CHANNELS, CONV_CHANNELS, convSide, convSide, convGflops, SpeedBenchmark.convolutionRuns(runs),
                ProcessMemory.mebibytes(baseline), models.size() > 1 ? "s" : ""));
        return tables;
    }

    /**
     * One model's rows: size, tile (and count), runs, seconds, seconds per megapixel, peak resident memory, the
     * network's GFLOP/s and its share of {@code convGflops}.
     */
    static BenchmarkTable table(String title, List<SpeedBenchmark.Row> rows, double convGflops) {
        BenchmarkTable table = new BenchmarkTable(title).column("image").column("tile (tiles)").numberColumn("runs")
                .numberColumn("best s").numberColumn("s / MP").numberColumn("peak RSS")
                .numberColumn("network GFLOP/s").numberColumn("of conv");
        for (SpeedBenchmark.Row r : rows) {
            table.row(r.size + "²", String.format(Locale.ROOT, "%d, overlap %d (%d)", r.tileSize, r.overlap, r.tiles),
                    String.valueOf(r.runs), String.format(Locale.ROOT, "%.2f", r.seconds),
                    String.format(Locale.ROOT, "%.2f", r.secondsPerMegapixel()),
                    ProcessMemory.mebibytes(r.peakResidentBytes), String.format(Locale.ROOT, "%.1f", r.gflops()),
                    String.format(Locale.ROOT, "%.0f%%", 100 * r.gflops() / convGflops));
        }
        return table;
    }
}
