package io.github.biattention.deblur.spark;

import io.github.biattention.deblur.imagej.FileDeblurring;
import io.github.biattention.deblur.model.ModelFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The Spark job's entry point ({@code spark-submit --class io.github.biattention.deblur.spark.SparkDeblur}): the
 * command line's {@code deblur} for a folder, spread over a cluster. Thin: it translates options, plans, runs
 * {@link DeblurJob} and reports like the command line (one line per failure, the count at the end, exit code 1 when a
 * file failed).
 */
@Command(name = "spark-deblur", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Deblurs images on Apache Spark; outputs equal the command line's `deblur` bit for bit.")
public final class SparkDeblur implements Callable<Integer> {

    @Option(names = "--input", description = "An image, or a folder of images (any file system Hadoop reaches:"
            + " file:/..., hdfs://..., s3a://...); may be given several times.")
    List<String> inputs = new ArrayList<>();

    @Option(names = "--input-list", description = "A text file with one image or folder per line.")
    String inputList;

    @Option(names = "--output", required = true, description = "Output folder; each image becomes NAME.tif in it.")
    String output;

    @Option(names = "--model", defaultValue = ModelFiles.DEFAULT_MODEL, description = "Bundled model name, or a model"
            + " file (read by the driver and sent to the executors) (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--tile", defaultValue = "256", description = "Tile side (default: ${DEFAULT-VALUE}).")
    int tile;

    @Option(names = "--overlap", defaultValue = "32", description = "Tile overlap (default: ${DEFAULT-VALUE}).")
    int overlap;

    @Option(names = "--low", description = "Low normalisation percentile (default: the model's).")
    Double low;

    @Option(names = "--high", description = "High normalisation percentile (default: the model's).")
    Double high;

    @Option(names = "--per-plane", description = "Normalise each plane separately.")
    boolean perPlane;

    @Option(names = "--ensemble", description = "Run each tile in its 8 flips and rotations and average.")
    boolean ensemble;

    @Option(names = "--device", defaultValue = "auto", description = "auto, cpu or gpu, on each executor"
            + " (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--keep-bit-depth", description = "Write the input's bit depth (clipped and rounded).")
    boolean keepBitDepth;

    @Option(names = "--overwrite", description = "Replace existing output files.")
    boolean overwrite;

    @Option(names = "--skip-existing", description = "Leave existing output files (to resume a batch).")
    boolean skipExisting;

    @Option(names = "--split-above", defaultValue = "16", description = "Images above this many megapixels (all"
            + " planes and colours) are split into planes and blocks over the executors (default: ${DEFAULT-VALUE}).")
    double splitAboveMegapixels;

    @Option(names = "--block", defaultValue = "2048", description = "Largest block side of a split plane"
            + " (default: ${DEFAULT-VALUE}).")
    int block;

    @Option(names = "--threads", description = "PyTorch threads per executor (default: spark.task.cpus).")
    Integer threads;

    @Option(names = "--master", description = "Spark master when spark-submit sets none (default: local[*]).")
    String master;

    @Option(names = "--verbose", description = "One line per image with its time and megapixels per second.")
    boolean verbose;

    public static void main(String[] args) {
        System.exit(new CommandLine(new SparkDeblur()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (overwrite && skipExisting) {
            throw new CommandLine.ParameterException(new CommandLine(this), "Give --overwrite or --skip-existing,"
                    + " not both");
        }
        JobOptions options = options();
        options.settings(); // checks them before Spark starts
        SparkConf conf = new SparkConf().setAppName("bi-attention-deblur");
        if (!conf.contains("spark.master")) {
            conf.setMaster(master != null ? master : "local[*]");
        }
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            Configuration hadoop = sc.hadoopConfiguration();
            List<String> all = new ArrayList<>(inputs);
            if (inputList != null) {
                all.addAll(readList(inputList, hadoop));
            }
            if (all.isEmpty()) {
                throw new CommandLine.ParameterException(new CommandLine(this), "Give --input or --input-list");
            }
            List<JobPlan.FileJob> jobs = JobPlan.plan(all, output, options.existing, hadoop);
            ModelSource source = ModelSource.resolve(model, hadoop);
            long start = System.nanoTime();
            List<Outcome> outcomes = DeblurJob.run(sc, jobs, source, options);
            return report(outcomes, (System.nanoTime() - start) / 1e9);
        }
    }

    JobOptions options() {
        JobOptions o = new JobOptions();
        o.tileSize = tile;
        o.overlap = overlap;
        o.lowPercentile = low;
        o.highPercentile = high;
        o.perPlane = perPlane;
        o.ensemble = ensemble;
        o.device = device;
        o.keepBitDepth = keepBitDepth;
        o.existing = overwrite ? FileDeblurring.Existing.OVERWRITE
                : skipExisting ? FileDeblurring.Existing.SKIP : FileDeblurring.Existing.REFUSE;
        if (!(splitAboveMegapixels > 0) || block < 1) {
            throw new IllegalArgumentException("--split-above and --block must be positive");
        }
        o.splitPixels = (long) Math.min(Long.MAX_VALUE / 2, splitAboveMegapixels * 1e6);
        o.blockSide = block;
        o.threads = threads;
        return o;
    }

    private static List<String> readList(String list, Configuration conf) throws IOException {
        Path path = new Path(list);
        List<String> lines = new ArrayList<>();
        try (InputStream in = HadoopFiles.fileSystem(path, conf).open(path)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R")) {
                if (!line.isBlank() && !line.strip().startsWith("#")) {
                    lines.add(line.strip());
                }
            }
        }
        return lines;
    }

    /** The command line's report: errors and skips on stderr, timings with --verbose, the failures at the end. */
    private int report(List<Outcome> outcomes, double wallSeconds) {
        List<String> failed = new ArrayList<>();
        double megapixels = 0;
        double seconds = 0;
        int done = 0;
        for (Outcome o : outcomes) {
            switch (o.kind) {
                case FAILED:
                    failed.add(o.job.name());
                    System.err.println("Error: " + o.message);
                    break;
                case SKIPPED:
                    System.err.println("Skipped " + o.job.name() + ": " + o.job.output + " exists");
                    break;
                default:
                    done++;
                    megapixels += o.megapixels;
                    seconds += o.seconds;
                    if (verbose) {
                        System.out.printf(Locale.ROOT, "%s: %.2f megapixels, %.2f s, %.2f megapixels/s -> %s%n",
                                o.job.name(), o.megapixels, o.seconds, o.megapixels / o.seconds, o.job.output);
                    }
            }
        }
        System.out.printf(Locale.ROOT, "Deblurred %d of %d images, %.1f megapixels in %.1f s (%.2f megapixels/s;"
                + " %.1f s of deblurring summed over the tasks)%n", done, outcomes.size(), megapixels, wallSeconds,
                megapixels / wallSeconds, seconds);
        if (!failed.isEmpty()) {
            System.err.println(failed.size() + " of " + outcomes.size() + " images failed: "
                    + String.join(", ", failed));
        }
        return failed.isEmpty() ? 0 : 1;
    }
}
