package io.github.biattention.deblur.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;
import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.ColorProcessor;
import ij.process.ShortProcessor;
import io.github.biattention.deblur.files.ImageFiles;
import io.github.biattention.deblur.imagej.FileDeblurring;
import io.github.biattention.deblur.inference.DeblurSettings;
import io.github.biattention.deblur.inference.ProgressListener;
import io.github.biattention.deblur.inference.RandomModels;
import io.github.biattention.deblur.model.DeblurModel;
import io.github.biattention.deblur.model.ModelFiles;
import io.github.biattention.deblur.network.NetworkConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The Spark job on {@code local[2,4]} (2 threads, a task tried up to 4 times), against the command line's engine ({@link FileDeblurring#run}). */
class SparkDeblurTest {

    @TempDir
    static Path dir;
    static Path modelFile;
    /** Spark settings the tests set as system properties (SparkConf reads them) and remove afterwards. */
    static final Map<String, String> SPARK = Map.of("spark.ui.enabled", "false", "spark.driver.host", "127.0.0.1",
            "spark.driver.bindAddress", "127.0.0.1", "spark.task.maxFailures", "4");
    static final DeblurSettings SETTINGS = DeblurSettings.builder().tileSize(64).overlap(16).build();

    @BeforeAll
    static void setUp() throws Exception {
        modelFile = dir.resolve("random.zip");
        // Changes the image a lot (gamma 0.5, full output scale), so that a seam between blocks would show.
        try (Model m = RandomModels.create(NetworkConfig.biAttention(1, 8, 1), 7, 0.5f, 1)) {
            RandomModels.save(m, "random", modelFile);
        }
        SPARK.forEach(System::setProperty);
    }

    @AfterAll
    static void tearDown() {
        SPARK.keySet().forEach(System::clearProperty);
        DeblurTasks.beforeRename = target -> {};
    }

    @Test
    void aFolderGivesTheCommandLinesFilesAndABadFileIsReported() throws Exception {
        Path in = Files.createDirectories(dir.resolve("folder-in"));
        writeShorts(in.resolve("a.tif"), 150, 110, 1, 1);
        writeShorts(in.resolve("b.tif"), 97, 131, 3, 2);
        writeRgb(in.resolve("c.png"), 120, 90, 3);
        Files.writeString(in.resolve("broken.tif"), "not a TIFF at all");
        Path sparkOut = dir.resolve("folder-spark");
        Run run = runSpark("--input", in.toString(), "--output", sparkOut.toString());
        assertEquals(1, run.exitCode, run.err);
        assertTrue(run.err.contains("broken.tif"), run.err);
        assertTrue(run.err.contains("1 of 4 images failed: broken.tif"), run.err);
        assertTrue(run.out.contains("Deblurred 3 of 4 images"), run.out);

        Path cliOut = runCommandLine(in, dir.resolve("folder-cli"));
        assertEquals(List.of("a.tif", "b.tif", "c.tif"), names(sparkOut), "outputs only, no hidden copy left");
        for (String name : List.of("a.tif", "b.tif", "c.tif")) {
            assertArrayEquals(Files.readAllBytes(cliOut.resolve(name)), Files.readAllBytes(sparkOut.resolve(name)),
                    name + ": the same bytes as the command line's");
        }
    }

    @Test
    void aLargeImageSplitIntoBlocksEqualsTheCommandLinesResult() throws Exception {
        Path in = Files.createDirectories(dir.resolve("big-in"));
        writeShorts(in.resolve("big.tif"), 300, 230, 2, 5);
        Path sparkOut = dir.resolve("big-spark");
        // 0.01 megapixels: the 2 x 69,000-pixel stack is split, each plane in 3 x 2 blocks of at most 128 pixels.
        Run run = runSpark("--input", in.resolve("big.tif").toString(), "--output", sparkOut.toString(),
                "--split-above", "0.01", "--block", "128", "--keep-bit-depth");
        assertEquals(0, run.exitCode, run.err);
        Run floats = runSpark("--input", in.resolve("big.tif").toString(), "--output",
                dir.resolve("big-spark-float").toString(), "--split-above", "0.01", "--block", "128");
        assertEquals(0, floats.exitCode, floats.err);

        Path cliOut = runCommandLine(in, dir.resolve("big-cli"), true);
        assertArrayEquals(Files.readAllBytes(cliOut.resolve("big.tif")), Files.readAllBytes(sparkOut.resolve("big.tif")));
        Path cliFloat = runCommandLine(in, dir.resolve("big-cli-float"), false);
        assertArrayEquals(Files.readAllBytes(cliFloat.resolve("big.tif")),
                Files.readAllBytes(dir.resolve("big-spark-float").resolve("big.tif")), "float output, bit for bit");
        ImagePlus want = ImageFiles.read(cliFloat.resolve("big.tif"));
        ImagePlus got = ImageFiles.read(dir.resolve("big-spark-float").resolve("big.tif"));
        for (int s = 1; s <= 2; s++) {
            float[] a = (float[]) want.getStack().getPixels(s);
            float[] b = (float[]) got.getStack().getPixels(s);
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i], b[i], 1e-5 * Math.max(1, Math.abs(a[i])), "slice " + s + ", pixel " + i);
            }
        }
    }

    @Test
    void aTaskThatFailsBeforeItsRenameIsRunAgainAndLeavesOnlyCompleteFiles() throws Exception {
        Path in = Files.createDirectories(dir.resolve("retry-in"));
        writeShorts(in.resolve("a.tif"), 140, 100, 1, 11);
        writeShorts(in.resolve("b.tif"), 140, 100, 1, 12);
        Path out = dir.resolve("retry-out");
        Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
        DeblurTasks.beforeRename = target -> {
            if (calls.computeIfAbsent(target, t -> new AtomicInteger()).incrementAndGet() == 1
                    && target.endsWith("b.tif")) {
                // The hidden copy is written: the worst moment for a lost executor.
                throw new DeblurTasks.TaskFailure("injected failure before the rename of " + target);
            }
        };
        try {
            Run run = runSpark("--input", in.toString(), "--output", out.toString());
            assertEquals(0, run.exitCode, run.err);
        } finally {
            DeblurTasks.beforeRename = target -> {};
        }
        assertEquals(2, calls.entrySet().stream().filter(e -> e.getKey().endsWith("b.tif")).findFirst()
                .orElseThrow().getValue().get(), "b.tif's task ran twice");
        assertEquals(List.of("a.tif", "b.tif"), names(out), "no hidden copy left");
        Path cliOut = runCommandLine(in, dir.resolve("retry-cli"));
        for (String name : List.of("a.tif", "b.tif")) {
            assertArrayEquals(Files.readAllBytes(cliOut.resolve(name)), Files.readAllBytes(out.resolve(name)), name);
        }
        // Run again over the same outputs: refused without --overwrite, the same bytes with it.
        byte[] before = Files.readAllBytes(out.resolve("a.tif"));
        Run refused = runSpark("--input", in.toString(), "--output", out.toString());
        assertEquals(1, refused.exitCode);
        assertTrue(refused.err.contains("exists: use --overwrite"), refused.err);
        Run again = runSpark("--input", in.toString(), "--output", out.toString(), "--overwrite");
        assertEquals(0, again.exitCode, again.err);
        assertArrayEquals(before, Files.readAllBytes(out.resolve("a.tif")));
        Run skipped = runSpark("--input", in.toString(), "--output", out.toString(), "--skip-existing");
        assertEquals(0, skipped.exitCode, skipped.err);
        assertTrue(skipped.err.contains("Skipped a.tif"), skipped.err);
    }

    @Test
    void aTaskThatFailsOnEveryAttemptEndsWithTheSummaryAndNoPartialFile() throws Exception {
        Path in = Files.createDirectories(dir.resolve("doomed-in"));
        writeShorts(in.resolve("a.tif"), 120, 90, 1, 21);
        Path out = dir.resolve("doomed-out");
        DeblurTasks.beforeRename = target -> {
            throw new DeblurTasks.TaskFailure("injected failure on every attempt");
        };
        Run run;
        try {
            run = runSpark("--input", in.toString(), "--output", out.toString());
        } finally {
            DeblurTasks.beforeRename = target -> {};
        }
        assertEquals(1, run.exitCode, run.err);
        assertTrue(run.err.contains("the cluster gave up on its task") && run.err.contains("--skip-existing"),
                run.err);
        assertTrue(run.err.contains("1 of 1 images failed: a.tif"), run.err);
        assertEquals(List.of(), names(out), "no hidden copy left");
    }

    @Test
    void aFileChangedBetweenItsPlanAndItsBlocksFailsInsteadOfMixingVersions() throws Exception {
        Path file = dir.resolve("changing.tif");
        writeShorts(file, 150, 100, 1, 31);
        org.apache.hadoop.conf.Configuration hadoop = new org.apache.hadoop.conf.Configuration();
        HadoopFiles.Conf conf = new HadoopFiles.Conf(hadoop);
        JobOptions options = new JobOptions();
        options.tileSize = 64;
        options.overlap = 16;
        options.splitPixels = 1;
        options.blockSide = 64;
        ModelSource source = ModelSource.resolve(modelFile.toString(), hadoop);
        JobPlan.FileJob job = new JobPlan.FileJob(file.toString(), dir.resolve("changing-out.tif").toString(), false,
                false, null);
        Outcome planned = DeblurTasks.wholeOrPlan(job, source, options, conf);
        assertEquals(Outcome.Kind.SPLIT, planned.kind, String.valueOf(planned.message));
        DeblurTasks.BlockTask first = new DeblurTasks.BlockTask(file.toString(), 0, planned.plan.blocks().get(0));
        assertEquals(null, DeblurTasks.block(first, planned, source, options, conf).failure);
        writeShorts(file, 150, 100, 1, 32);
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        String failure = DeblurTasks.block(first, planned, source, options, conf).failure;
        assertTrue(failure != null && failure.contains("changed while it was deblurred"), failure);
    }

    @Test
    void publishingAgainIsIdempotentAndNeverReplacesOtherBytesUnasked() throws Exception {
        Path local = Files.writeString(dir.resolve("result.tif"), "the result");
        Path target = dir.resolve("publish").resolve("out.tif");
        Files.createDirectories(target.getParent());
        org.apache.hadoop.conf.Configuration conf = new org.apache.hadoop.conf.Configuration();
        HadoopFiles.publish(local, target.toString(), false, "run-1-1", conf, () -> {});
        // A task run again after its output was written: the same bytes, accepted without --overwrite.
        HadoopFiles.publish(local, target.toString(), false, "run-1-2", conf, () -> {});
        assertEquals("the result", Files.readString(target));
        Path other = Files.writeString(dir.resolve("other.tif"), "another result");
        java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> HadoopFiles.publish(other, target.toString(), false, "run-1-3", conf, () -> {}));
        assertTrue(e.getMessage().contains("it exists"), e.getMessage());
        assertEquals("the result", Files.readString(target));
        HadoopFiles.publish(other, target.toString(), true, "run-1-4", conf, () -> {});
        assertEquals("another result", Files.readString(target));
        assertEquals(List.of("out.tif"), names(target.getParent()), "no hidden copy left");
    }

    private static final class Run {
        int exitCode;
        String out;
        String err;
    }

    private static Run runSpark(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--model", modelFile.toString(), "--tile", "64", "--overlap", "16", "--master",
                "local[2,4]"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        PrintStream stderr = System.err;
        Run run = new Run();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            run.exitCode = new CommandLine(new SparkDeblur()).execute(all.toArray(new String[0]));
        } finally {
            System.setOut(stdout);
            System.setErr(stderr);
        }
        run.out = out.toString(StandardCharsets.UTF_8);
        run.err = err.toString(StandardCharsets.UTF_8);
        return run;
    }

    private static Path runCommandLine(Path in, Path out) throws Exception {
        return runCommandLine(in, out, false);
    }

    /** What {@code deblur --input IN --output OUT} does, in this JVM. */
    private static Path runCommandLine(Path in, Path out, boolean keepBitDepth) throws Exception {
        List<FileDeblurring.Job> jobs = FileDeblurring.plan(in, out, false, "--overwrite");
        try (DeblurModel model = ModelFiles.load(modelFile.toString(), Device.cpu())) {
            FileDeblurring.run(jobs, model, SETTINGS, keepBitDepth, new FileDeblurring.Listener() {
                @Override
                public void done(FileDeblurring.Job job, ImagePlus input, double seconds) {}

                @Override
                public void failed(FileDeblurring.Job job, String message) {}
            }, ProgressListener.NONE, () -> false);
        }
        return out;
    }

    private static List<String> names(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    private static void writeShorts(Path file, int w, int h, int slices, long seed) {
        Random random = new Random(seed);
        ImageStack stack = new ImageStack(w, h);
        for (int s = 0; s < slices; s++) {
            short[] pixels = new short[w * h];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double v = 2000 + 1500 * Math.sin(x / (4.0 + s)) * Math.cos(y / 6.0) + 60 * random.nextGaussian();
                    pixels[y * w + x] = (short) Math.max(0, Math.min(65535, v));
                }
            }
            stack.addSlice(new ShortProcessor(w, h, pixels, null));
        }
        ImagePlus image = new ImagePlus(file.getFileName().toString(), stack);
        image.getCalibration().pixelWidth = 0.2;
        image.getCalibration().setUnit("micron");
        assertTrue(new FileSaver(image).saveAsTiff(file.toString()) || slices > 1
                && new FileSaver(image).saveAsTiffStack(file.toString()));
    }

    private static void writeRgb(Path file, int w, int h, long seed) {
        Random random = new Random(seed);
        ColorProcessor cp = new ColorProcessor(w, h);
        for (int i = 0; i < w * h; i++) {
            cp.set(i, random.nextInt(1 << 24));
        }
        assertTrue(new FileSaver(new ImagePlus(file.getFileName().toString(), cp)).saveAsPng(file.toString()));
    }
}
