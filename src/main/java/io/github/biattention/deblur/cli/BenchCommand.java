package io.github.biattention.deblur.cli;

import ai.djl.Device;
import io.github.biattention.deblur.benchmark.BenchmarkTable;
import io.github.biattention.deblur.benchmark.QualityBenchmark;
import io.github.biattention.deblur.benchmark.SpeedBenchmark;
import io.github.biattention.deblur.benchmark.SpeedReport;
import io.github.biattention.deblur.data.FolderImages;
import io.github.biattention.deblur.data.ProceduralImages;
import io.github.biattention.deblur.data.SharpSource;
import io.github.biattention.deblur.evaluation.SyntheticEvaluation;
import io.github.biattention.deblur.inference.DeblurSettings;
import io.github.biattention.deblur.model.DeblurModel;
import io.github.biattention.deblur.model.DeviceChoice;
import io.github.biattention.deblur.model.ModelFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench}: a quality table (blurred, RL and Wiener with the true PSF, each model; synthetic blur of sharp
 * images, per kind) and a speed table (seconds per megapixel, tiles, peak memory, share of a big convolution's rate),
 * printed and written as {@value #MARKDOWN} with the figure {@value #FIGURE}.
 *
 * <p>Order of work, chosen for the memory column: models are loaded, then the speed runs (sizes increasing), then the
 * reference convolution, then the quality set; the process's peak memory only grows, so the mark after each size is
 * not inflated by later work.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Benchmarks quality and speed, prints the tables and writes BENCH.md and bench-crops.png.",
            "Quality: crops of sharp images blurred with motion, defocus and Gaussian kernels plus mild noise (seeded);"
                + " PSNR/SSIM of the blurred image, Richardson-Lucy and Wiener given the true PSF (their iterations"
                + " and noise-to-signal ratio tuned per kind on other images), and every model (blind).",
            "Speed: seconds per megapixel of the whole engine on square images, the tile size, the process's peak"
                + " resident memory, and the network's arithmetic rate as a share of that of one big 3x3 convolution"
                + " in the same engine."})
final class BenchCommand implements Callable<Integer> {

    static final String MARKDOWN = "BENCH.md";
    static final String FIGURE = "bench-crops.png";
    private static final Pattern PLAIN_ARGUMENT = Pattern.compile("[A-Za-z0-9_./:=,@+-]+");

    @Option(names = "--sharp", paramLabel = "FOLDER", description = "Folder of sharp images (default: procedural"
            + " images).")
    Path sharp;

    @Option(names = "--per-kind", defaultValue = "6", paramLabel = "N", description = "Images per blur kind"
            + " (default: ${DEFAULT-VALUE}).")
    int perKind;

    @Option(names = "--size", defaultValue = "256", description = "Crop size (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--models", split = ",", paramLabel = "MODEL", description = "Models to score and time,"
            + " bundled or user names or model files (default: every bundled model).")
    List<String> models;

    @Option(names = "--speed-sizes", split = ",", defaultValue = "256,1024,2048", paramLabel = "SIDE",
            description = "Square image sides to time (default: ${DEFAULT-VALUE}).")
    int[] speedSizes;

    @Option(names = "--output", defaultValue = "bench", paramLabel = "DIR", description = "Folder for " + MARKDOWN
            + " and " + FIGURE + " (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--seed", defaultValue = "20261126", description = "Degradation seed of the scored images"
            + " (default: ${DEFAULT-VALUE}); the classical parameters are tuned on seed + 1.")
    long seed;

    @Option(names = "--tuning", defaultValue = "3", paramLabel = "N", description = "Images per blur kind for"
            + " tuning RL and Wiener; 0 uses 20 iterations and NSR 0.01 (default: ${DEFAULT-VALUE}).")
    int tuning;

    @Mixin
    TilingOptions tiling;

    @Option(names = "--runs", defaultValue = "3", description = "Speed: timed runs per size, the best is kept; no"
            + " further run starts after 30 s at one size (default: ${DEFAULT-VALUE}).")
    int runs;

    // 128: the output (4 MiB) is reused from one run to the next; at 512 each run's 64 MiB output was fresh pages,
    // and the page faults, not the arithmetic, set the rate (50 against 240-270 GFLOP/s at 128 on 2 cores).
    @Option(names = "--conv-side", defaultValue = "128", paramLabel = "SIDE", description = "Speed: side of the"
            + " reference convolution's 64-channel feature map (default: ${DEFAULT-VALUE}).")
    int convSide;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        DeblurSettings settings = tiling.settings().device(DeviceChoice.AUTO)
                .build();
        QualityBenchmark.Settings quality = qualitySettings();
        if (runs < 1 || convSide < 1) {
            throw new IllegalArgumentException("--runs and --conv-side must be positive");
        }
        for (int side : speedSizes) {
            if (side < DeblurSettings.MIN_TILE_SIZE) { // checked before the models load, not after
                throw new IllegalArgumentException("--speed-sizes must be at least " + DeblurSettings.MIN_TILE_SIZE
                        + ", got " + side);
            }
        }
        List<String> names = models == null ? ModelFiles.bundledNames() : models;
        if (names.isEmpty()) {
            throw new IllegalArgumentException("No model to benchmark: give --models");
        }
        Files.createDirectories(output);
        SharpSource source = sharp == null ? new ProceduralImages() : new FolderImages(sharp, 1);
        String loadAtStart = loadAverage();
        Map<String, DeblurModel> loaded = new LinkedHashMap<>();
        try {
            for (String name : names) {
                String label = label(name);
                if (loaded.containsKey(label)) {
                    throw new IllegalArgumentException("Model '" + label + "' is listed twice");
                }
                loaded.put(label, ModelFiles.open(name, DeviceChoice.AUTO,
                        message -> System.err.println("Warning: " + message)));
            }
            List<BenchmarkTable> speed = SpeedReport.run(loaded, settings, speedSizes, runs, convSide,
                    System.err::println);
            System.err.println("Scoring " + perKind + " images per blur kind ...");
            QualityBenchmark.Result result = QualityBenchmark.run(source, quality, loaded, settings,
                    line -> System.err.println("  " + line));

            String qualityTable = result.table(sharp == null ? "procedural images" : "the images in " + sharp)
                    .markdown();
            String speedTables = BenchmarkTable.markdown(speed);
            System.out.println("Quality\n\n" + qualityTable + "\nSpeed\n\n" + speedTables);
            Path markdown = output.resolve(MARKDOWN);
            Device device = loaded.values().iterator().next().device();
            Files.writeString(markdown, header(loadAtStart, device) + "\n## Quality\n\n" + qualityTable
                    + "\n![Crops](" + FIGURE + ")\n\nRows of " + FIGURE + ": the first image of each blur kind;"
                    + " columns: " + String.join(" | ", result.examples().get(0).images().keySet())
                    + "; grey levels 0..1 mapped to 0..255 (clipped), PSNR under each restored panel.\n"
                    + "\n## Speed\n\n" + speedTables);
            BenchFigure.write(output.resolve(FIGURE), result.examples().stream().map(BenchFigure.Row::of)
                    .collect(Collectors.toList()));
            System.out.println("Wrote " + markdown + " and " + output.resolve(FIGURE));
        } finally {
            loaded.values().forEach(DeblurModel::close);
        }
        return 0;
    }

    private QualityBenchmark.Settings qualitySettings() {
        QualityBenchmark.Settings.Builder b = QualityBenchmark.Settings.builder()
                .degradation(SyntheticEvaluation.mildSettings(size)).perKind(perKind).seed(seed)
                .tuning(tuning, seed + 1);
        if (tuning == 0) {
            b.rlIterations(20).wienerNsr(0.01);
        }
        return b.build();
    }

    private String header(String loadAtStart, Device device) {
        return "# Benchmark\n\n"
                + "- Command: `" + commandLine() + "`\n"
                + "- Date: " + ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z")) + "\n"
                + "- Machine: " + Runtime.getRuntime().availableProcessors() + " cores" + cpuModel() + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.arch") + "; load average "
                + loadAtStart + " at the start, " + loadAverage() + " at the end (other work slows the timings)\n"
                + "- Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")\n"
                + "- " + SpeedBenchmark.engineDescription() + ", device " + device + "\n";
    }

    /** How to run this again: the arguments as given, quoted for a POSIX shell where needed. */
    private String commandLine() {
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        // The parse result of a subcommand holds the whole command line, "bench" included.
        return "java -jar bi-attention-deblur.jar" + args.stream()
                .map(a -> PLAIN_ARGUMENT.matcher(a).matches() ? a : "'" + a.replace("'", "'\\''") + "'")
                .map(a -> " " + a).collect(Collectors.joining());
    }

    /** A model's name in the tables: a bundled or user name as given, a file by its name without ".zip". */
    static String label(String name) {
        if (!name.contains("/") && !name.contains("\\")) {
            return name.endsWith(".zip") ? name.substring(0, name.length() - 4) : name;
        }
        String file = Path.of(name).getFileName().toString();
        return file.endsWith(".zip") ? file.substring(0, file.length() - 4) : file;
    }

    /** ", <model name>" from /proc/cpuinfo, or nothing. */
    private static String cpuModel() {
        return firstLine(Path.of("/proc/cpuinfo"), "model name").map(l -> " (" + l.replaceFirst(".*?:\\s*", "")
                + ")").orElse("");
    }

    /** The 1, 5 and 15 minute load averages, or "n/a". */
    private static String loadAverage() {
        return firstLine(Path.of("/proc/loadavg"), "").map(l -> String.join(" / ",
                List.of(l.split("\\s+")).subList(0, 3))).orElse("n/a");
    }

    private static Optional<String> firstLine(Path file, String prefix) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(l -> l.startsWith(prefix)).findFirst();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
