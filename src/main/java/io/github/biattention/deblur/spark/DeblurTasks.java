package io.github.biattention.deblur.spark;

import ij.ImagePlus;
import io.github.biattention.deblur.files.ImageFiles;
import io.github.biattention.deblur.files.TiffOutput;
import io.github.biattention.deblur.imagej.BlockDeblurring;
import io.github.biattention.deblur.imagej.FileDeblurring;
import io.github.biattention.deblur.imagej.ImageDeblurring;
import io.github.biattention.deblur.inference.ProgressListener;
import io.github.biattention.deblur.inference.Region;
import io.github.biattention.deblur.model.DeblurModel;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.spark.TaskContext;

/**
 * What the executors run. A file that fails (unreadable, unsupported, out of memory, a failed write) becomes a
 * {@link Outcome.Kind#FAILED} outcome with the command line's kind of message, and the other files go on; only a
 * failure of the task itself (a lost executor, a task killed, {@link TaskFailure}) is left to Spark, which runs the
 * task again: that rewrites the same bytes.
 */
final class DeblurTasks {

    /** Tests fail tasks here: between an output's hidden copy and its rename. Executors in the driver's JVM only. */
    static volatile Consumer<String> beforeRename = target -> {};

    private DeblurTasks() {}

    /** A failure of the task, not of its file: Spark runs the task again. */
    static final class TaskFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TaskFailure(String message) {
            super(message);
        }
    }

    /** One block of one plane of a split image. */
    static final class BlockTask implements Serializable {
        private static final long serialVersionUID = 1L;
        final String input;
        final int plane;
        final Region block;

        BlockTask(String input, int plane, Region block) {
            this.input = input;
            this.plane = plane;
            this.block = block;
        }
    }

    /** A block's values, or why it failed. */
    static final class BlockResult implements Serializable {
        private static final long serialVersionUID = 1L;
        final BlockDeblurring.Part part;
        final String failure;
        final double seconds;

        BlockResult(BlockDeblurring.Part part, String failure, double seconds) {
            this.part = part;
            this.failure = failure;
            this.seconds = seconds;
        }
    }

    /**
     * Deblurs and writes a file whose image has at most {@link JobOptions#splitPixels} pixels; plans a larger one
     * ({@link Outcome.Kind#SPLIT}), whose blocks {@link #block} then deblurs.
     */
    static Outcome wholeOrPlan(JobPlan.FileJob job, ModelSource source, JobOptions options, HadoopFiles.Conf conf) {
        return withTempDir(job, tmp -> {
            String version = HadoopFiles.version(job.input, conf.get());
            ImagePlus image = read(job.input, conf, tmp);
            DeblurModel model = model(source, options);
            double megapixels = megapixels(image);
            if (megapixels * 1e6 > options.splitPixels) {
                return Outcome.split(job, BlockDeblurring.plan(image, model, options.settings(), options.blockSide),
                        megapixels, version);
            }
            long start = System.nanoTime();
            ImagePlus result = ImageDeblurring.deblur(image, model, options.settings(), options.keepBitDepth,
                    ProgressListener.NONE, cancelled());
            double seconds = (System.nanoTime() - start) / 1e9;
            write(result, job, options, conf, tmp);
            return Outcome.done(job, seconds, megapixels);
        });
    }

    /** Deblurs one block of a split image; the image is read once per executor ({@link InputCache}). */
    static BlockResult block(BlockTask task, Outcome planned, ModelSource source, JobOptions options,
            HadoopFiles.Conf conf) {
        try {
            ImagePlus image = InputCache.get(unchanged(planned, conf),
                    () -> withTemp(tmp -> read(task.input, conf, tmp)));
            DeblurModel model = model(source, options);
            long start = System.nanoTime();
            BlockDeblurring.Part part = BlockDeblurring.deblurBlock(image, planned.plan, task.plane, task.block,
                    model, options.settings(), cancelled());
            return new BlockResult(part, null, (System.nanoTime() - start) / 1e9);
        } catch (CancellationException | TaskFailure e) {
            throw e;
        } catch (Exception | Error e) {
            // Any failure of this file's work (an out-of-memory, a native library error) is the file's, not the
            // job's: left to Spark it would fail the task four times and end the whole run without a summary.
            return new BlockResult(null, describe(task.input, e), 0);
        }
    }

    /** Puts a split image together from its blocks and writes it; failed blocks fail the file. */
    static Outcome assemble(Outcome planned, Iterable<BlockResult> results, JobOptions options,
            HadoopFiles.Conf conf) {
        JobPlan.FileJob job = planned.job;
        List<BlockDeblurring.Part> parts = new ArrayList<>();
        double seconds = 0;
        for (BlockResult r : results) {
            if (r.failure != null) {
                return Outcome.failed(job, r.failure);
            }
            parts.add(r.part);
            seconds += r.seconds;
        }
        double total = seconds;
        return withTempDir(job, tmp -> {
            ImagePlus image = InputCache.get(unchanged(planned, conf), () -> withTemp(t -> read(job.input, conf, t)));
            ImagePlus result = BlockDeblurring.assemble(image, planned.plan, parts, options.keepBitDepth);
            write(result, job, options, conf, tmp);
            return Outcome.done(job, total, planned.megapixels);
        });
    }

    /**
     * The planned file's version, after checking that the file is still that one: blocks of two versions of a file
     * must never be put together.
     */
    private static String unchanged(Outcome planned, HadoopFiles.Conf conf) throws IOException {
        String now = HadoopFiles.version(planned.job.input, conf.get());
        if (!now.equals(planned.version)) {
            throw new IOException(planned.job.input + " changed while it was deblurred in blocks (its length or"
                    + " modification time): run again once it no longer changes");
        }
        return now;
    }

    private static DeblurModel model(ModelSource source, JobOptions options) throws IOException {
        TaskContext task = TaskContext.get();
        int threads = options.threads != null ? options.threads : task != null ? task.cpus() : 1;
        return ExecutorModels.get(source, options.device, Math.max(1, threads));
    }

    private static ImagePlus read(String input, HadoopFiles.Conf conf, Path tmp) throws IOException {
        return ImageFiles.read(HadoopFiles.fetch(input, conf.get(), tmp));
    }

    /** The TIFF the command line writes, made locally and published beside its target. */
    private static void write(ImagePlus result, JobPlan.FileJob job, JobOptions options, HadoopFiles.Conf conf,
            Path tmp) throws IOException {
        Path local = tmp.resolve(FileDeblurring.outputName(job.name()));
        TiffOutput.write(result, local, TiffOutput.Streams.FILES, true);
        HadoopFiles.publish(local, job.output, job.replace, attempt(options), conf.get(),
                () -> beforeRename.accept(job.output));
    }

    /** This run's tag and the task attempt, so hidden copies of different attempts never meet. */
    private static String attempt(JobOptions options) {
        TaskContext task = TaskContext.get();
        // The task attempt id is unique within the application; attempt numbers start again when a stage is re-run,
        // so two live attempts could otherwise share a hidden name.
        return options.runTag + "-" + (task == null ? "driver" : task.stageId() + "-" + task.taskAttemptId());
    }

    /** Polled before every tile: a task Spark kills stops within one tile. */
    private static BooleanSupplier cancelled() {
        TaskContext task = TaskContext.get();
        return task == null ? () -> false : task::isInterrupted;
    }

    private static double megapixels(ImagePlus image) {
        int colours = image.getType() == ImagePlus.COLOR_RGB ? 3 : 1;
        return (double) image.getWidth() * image.getHeight() * image.getStackSize() * colours / 1e6;
    }

    /** One line that names the input and the problem, as the command line's folder runs report it. */
    static String describe(String input, Throwable failure) {
        String problem;
        if (failure instanceof OutOfMemoryError) {
            problem = "not enough Java memory (" + failure.getMessage() + "): give the executors more memory"
                    + " (--executor-memory), or split large images into smaller blocks (--block)";
        } else if (failure.getMessage() == null || failure.getMessage().isBlank()) {
            problem = failure.toString();
        } else {
            problem = failure.getMessage().strip().lines().findFirst().orElse("");
        }
        String name = new org.apache.hadoop.fs.Path(input).getName();
        return problem.contains(name) ? problem : input + ": " + problem;
    }

    @FunctionalInterface
    interface Work<T> {
        T run(Path tmp) throws IOException;
    }

    /** Runs {@code work} in a fresh local folder, deleted afterwards; a failure of the file becomes its outcome. */
    private static Outcome withTempDir(JobPlan.FileJob job, Work<Outcome> work) {
        try {
            return withTemp(work);
        } catch (CancellationException | TaskFailure e) {
            throw e;
        } catch (Exception | Error e) {
            return Outcome.failed(job, describe(job.input, e));
        }
    }

    private static <T> T withTemp(Work<T> work) throws IOException {
        Path tmp = Files.createTempDirectory("bi-attention-spark");
        try {
            return work.run(tmp);
        } finally {
            try (Stream<Path> files = Files.walk(tmp)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
