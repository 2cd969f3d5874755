package io.github.biattention.deblur.imagej;

import ij.ImagePlus;
import io.github.biattention.deblur.files.ImageFiles;
import io.github.biattention.deblur.files.TiffOutput;
import io.github.biattention.deblur.inference.DeblurSettings;
import io.github.biattention.deblur.inference.ProgressListener;
import io.github.biattention.deblur.model.DeblurModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Deblurring of image files: one file into one TIFF, or every image of a folder into another folder, for the
 * command line and the Folder command. A file that fails is reported and the others are still processed; outputs
 * are written to a temporary file and renamed, so no half-written file is ever visible.
 */
public final class FileDeblurring {

    /** Extensions read from a folder (anything else in it is ignored). */
    public static final List<String> IMAGE_EXTENSIONS =
            List.of(".tif", ".tiff", ".png", ".jpg", ".jpeg", ".bmp", ".gif");

    private FileDeblurring() {}

    /** What to do when an output file exists already. */
    public enum Existing {
        /** Report it and leave it (in a folder run, the other files are still processed). */
        REFUSE,
        /** Replace it with the new result (only ever by a complete file). */
        OVERWRITE,
        /** Leave it and go on, as when resuming a batch. */
        SKIP
    }

    /** One input file and the TIFF it becomes. */
    public static final class Job {
        public final Path input;
        public final Path output;
        /** Why the job is not run (its output is in the way), or null. */
        final String blocked;
        final boolean skipped;
        final boolean replace;

        Job(Path input, Path output) {
            this(input, output, null, false, false);
        }

        private Job(Path input, Path output, String blocked, boolean skipped, boolean replace) {
            this.input = input;
            this.output = output;
            this.blocked = blocked;
            this.skipped = skipped;
            this.replace = replace;
        }

        /** @throws IOException why the job cannot run (its output is in the way) */
        public void checkRunnable() throws IOException {
            if (blocked != null) {
                throw new IOException(blocked);
            }
        }

        /** Whether the job is left out because its output exists and existing outputs are skipped. */
        public boolean skipped() {
            return skipped;
        }
    }

    /** What the run reports as it goes. */
    public interface Listener {
        /** A file was written; {@code seconds} is the deblurring time (reading and writing excluded). */
        void done(Job job, ImagePlus input, double seconds);

        /** A file failed; {@code message} names the problem (the file is named by the job). */
        void failed(Job job, String message);

        /** A file was left out because its output exists (with {@link Existing#SKIP}). */
        default void skipped(Job job) {}
    }

    /**
     * Plans the work and checks everything that can be checked before any of it starts.
     *
     * @param input an image file, or a folder of images
     * @param output the output TIFF for a file input; the output folder (created if needed) for a folder input
     * @param overwriteOption how the user allows overwriting, named in the message when an output exists
     * @throws IOException naming the problem: missing input, empty folder, output file in the way, existing output
     *     without {@code overwrite}
     */
    public static List<Job> plan(Path input, Path output, boolean overwrite, String overwriteOption)
            throws IOException {
        return plan(input, output, overwrite ? Existing.OVERWRITE : Existing.REFUSE, overwriteOption, null);
    }

    /**
     * As {@link #plan(Path, Path, boolean, String)}, with a choice for existing outputs. For a single file an
     * existing output is an error (unless replaced or skipped); in a folder run it is one failed file, and the others
     * are processed. Every output is also tried in its folder now (a file created and deleted), so a name too long or a
     * folder that cannot be written fails before any work.
     *
     * @param skipOption how the user skips existing outputs, named in messages (null: not offered)
     */
    public static List<Job> plan(Path input, Path output, Existing existing, String overwriteOption,
            String skipOption) throws IOException {
        List<Job> planned = planPaths(input, output);
        boolean single = !Files.isDirectory(input);
        List<Job> jobs = new ArrayList<>();
        for (Job job : planned) {
            Path target = job.output;
            boolean exists = Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS);
            if (notAFile(target)) {
                String problem = "Output " + target + " exists and is not a regular file (a folder, device or link"
                        + " to one): choose another output";
                if (single) {
                    throw new IOException(problem);
                }
                jobs.add(new Job(job.input, target, problem, false, false));
            } else if (exists && existing == Existing.SKIP) {
                jobs.add(new Job(job.input, target, null, true, false));
            } else if (exists && existing == Existing.REFUSE) {
                String problem = "Output " + target + " exists: use " + overwriteOption + " to replace it"
                        + (skipOption == null ? "" : " or " + skipOption + " to leave it");
                if (single) {
                    throw new IOException(problem);
                }
                jobs.add(new Job(job.input, target, problem, false, false));
            } else {
                TiffOutput.probe(target);
                jobs.add(new Job(job.input, target, null, false, existing == Existing.OVERWRITE));
            }
        }
        return jobs;
    }

    /** Whether {@code path} exists as something other than a regular file (a folder, a device, a link to one). */
    private static boolean notAFile(Path path) {
        return Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(path);
    }

    /** Inputs and their outputs, and the checks that need no output file. */
    private static List<Job> planPaths(Path input, Path output) throws IOException {
        if (!Files.exists(input)) {
            throw new IOException("Input " + input + " does not exist");
        }
        List<Job> jobs = new ArrayList<>();
        if (Files.isDirectory(input)) {
            List<Path> images;
            try (Stream<Path> files = Files.list(input)) {
                images = files.filter(p -> Files.isRegularFile(p) && isImage(p)).sorted()
                        .collect(Collectors.toList());
            } catch (IOException e) {
                throw new IOException("Cannot list the folder " + input + ": " + e, e);
            }
            if (images.isEmpty()) {
                throw new IOException("No images (" + String.join(", ", IMAGE_EXTENSIONS) + ") in folder " + input);
            }
            if (Files.exists(output) && !Files.isDirectory(output)) {
                throw new IOException("For a folder input the output must be a folder; " + output + " is a file");
            }
            createFolder(output);
            Map<Path, Path> inputOf = new HashMap<>();
            for (Path image : images) {
                Path target = output.resolve(outputName(image.getFileName().toString()));
                // Compared without case: on macOS and Windows A.png and a.tif would write the same file.
                Path other = inputOf.putIfAbsent(Path.of(target.toString().toLowerCase(Locale.ROOT)), image);
                if (other != null) {
                    throw new IOException(other.getFileName() + " and " + image.getFileName() + " would both be"
                            + " written to " + target + ": rename one of them");
                }
                jobs.add(new Job(image, target));
            }
        } else {
            Path target = Files.isDirectory(output) ? output.resolve(outputName(input.getFileName().toString()))
                    : output;
            jobs.add(new Job(input, target));
        }
        for (Job job : jobs) {
            Path folder = job.output.toAbsolutePath().getParent();
            // Checked now, not after deblurring every file for nothing. An output that is a folder or a device
            // (/dev/null) is told as such by plan: its folder's permissions are beside the point.
            if (Files.isDirectory(folder) && !Files.isWritable(folder) && !notAFile(job.output)) {
                throw new IOException("Cannot write into " + folder + ": the folder is read-only");
            }
        }
        return jobs;
    }

    /**
     * Runs the jobs with one loaded model; stops (throwing {@link CancellationException}) within one tile once
     * {@code cancelled} turns true, leaving the files finished so far and no partial one. Any other failure of a file
     * (unreadable, unsupported, out of memory, an engine error, a failed write) is told to {@code listener} with a
     * message that names the file, and the next file is processed.
     *
     * @return the number of files that failed
     */
    public static int run(List<Job> jobs, DeblurModel model, DeblurSettings settings, boolean keepBitDepth,
            Listener listener, ProgressListener progress, BooleanSupplier cancelled) {
        return run(jobs, model, settings, KnownOptics.NONE, keepBitDepth, listener, progress, cancelled,
                TiffOutput.Streams.FILES);
    }

    /** The same, with the optics-aware step of {@code optics} on every image. */
    public static int run(List<Job> jobs, DeblurModel model, DeblurSettings settings, KnownOptics optics,
            boolean keepBitDepth, Listener listener, ProgressListener progress, BooleanSupplier cancelled) {
        return run(jobs, model, settings, optics, keepBitDepth, listener, progress, cancelled,
                TiffOutput.Streams.FILES);
    }

    /** {@link #run(List, DeblurModel, DeblurSettings, boolean, Listener, ProgressListener, BooleanSupplier)}
     * writing through {@code streams}. */
    public static int run(List<Job> jobs, DeblurModel model, DeblurSettings settings, KnownOptics optics,
            boolean keepBitDepth, Listener listener, ProgressListener progress, BooleanSupplier cancelled,
            TiffOutput.Streams streams) {
        return run(jobs, image -> ImageDeblurring.deblur(image, model, optics.settingsFor(image, settings),
                keepBitDepth, progress, cancelled), listener, cancelled, streams);
    }

    /** What a run does to each image it reads: deblurring, or classical deconvolution. */
    @FunctionalInterface
    public interface ImageOperation {
        /** @throws java.util.concurrent.CancellationException when the run was cancelled meanwhile */
        ImagePlus apply(ImagePlus image) throws IOException;
    }

    /**
     * The batch loop itself, for any operation: each job's image read, processed, written; skipped and blocked jobs
     * told to the listener; a failure of one file reported and the next processed; cancellation stops the run.
     *
     * @return the number of files that failed
     */
    public static int run(List<Job> jobs, ImageOperation operation, Listener listener, BooleanSupplier cancelled,
            TiffOutput.Streams streams) {
        int failures = 0;
        for (Job job : jobs) {
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("cancelled before " + job.input.getFileName());
            }
            if (job.skipped) {
                listener.skipped(job);
                continue;
            }
            if (job.blocked != null) {
                failures++;
                listener.failed(job, job.blocked);
                continue;
            }
            try {
                ImagePlus image = ImageFiles.read(job.input);
                long start = System.nanoTime();
                ImagePlus result = operation.apply(image);
                double seconds = (System.nanoTime() - start) / 1e9;
                TiffOutput.write(result, job.output, streams, job.replace);
                listener.done(job, image, seconds);
            } catch (CancellationException e) {
                throw e;
            } catch (IOException | RuntimeException | OutOfMemoryError e) {
                // One bad file must not end a batch: whatever it threw, report it and go on with the next.
                failures++;
                listener.failed(job, describe(job, e));
            }
        }
        return failures;
    }

    /** One line that names the input file and the problem. */
    static String describe(Job job, Throwable failure) {
        String problem;
        if (failure instanceof OutOfMemoryError) {
            problem = "not enough Java memory (" + failure.getMessage() + "): use smaller tiles, or give Java more"
                    + " memory (-Xmx)";
        } else if (failure.getMessage() == null || failure.getMessage().isBlank()) {
            problem = failure.toString();
        } else {
            problem = failure.getMessage().strip().lines().findFirst().orElse("");
        }
        return problem.contains(job.input.toString()) ? problem : job.input + ": " + problem;
    }

    static ImagePlus read(Path file) throws IOException {
        return ImageFiles.read(file);
    }

    /** Writes a TIFF (a stack for several planes) beside the target and moves it into place, replacing a file. */
    public static void writeTiff(ImagePlus image, Path out) throws IOException {
        TiffOutput.write(image, out, TiffOutput.Streams.FILES, true);
    }

    /** Writes a job's TIFF, replacing an existing output only when the job was planned to. */
    public static void writeTiff(ImagePlus image, Job job) throws IOException {
        if (job.blocked != null) {
            throw new IOException(job.blocked);
        }
        TiffOutput.write(image, job.output, TiffOutput.Streams.FILES, job.replace);
    }

    private static void createFolder(Path folder) throws IOException {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new IOException("Cannot create the output folder " + folder + ": " + e, e);
        }
    }

    static boolean isImage(Path p) {
        return isImageName(p.getFileName().toString());
    }

    /** Whether a folder run takes a file of this name (by its extension). */
    public static boolean isImageName(String fileName) {
        String name = fileName.toLowerCase(Locale.ROOT);
        return IMAGE_EXTENSIONS.stream().anyMatch(name::endsWith);
    }

    /** The name of the TIFF an input file becomes in an output folder: "cells.png" gives "cells.tif". */
    public static String outputName(String inputFileName) {
        int dot = inputFileName.lastIndexOf('.');
        return (dot > 0 ? inputFileName.substring(0, dot) : inputFileName) + ".tif";
    }

}
