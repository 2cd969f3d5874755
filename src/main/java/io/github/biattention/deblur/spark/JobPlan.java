package io.github.biattention.deblur.spark;

import io.github.biattention.deblur.imagej.FileDeblurring;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The driver's plan: which images, which outputs, and what to do where an output exists, checked before any task
 * starts, with the command line's rules and messages ({@link FileDeblurring#plan}).
 */
final class JobPlan {

    private JobPlan() {}

    /** One input image and the TIFF it becomes. */
    static final class FileJob implements Serializable {
        private static final long serialVersionUID = 1L;

        final String input;
        final String output;
        /** Replace an existing output. */
        final boolean replace;
        /** Left out: its output exists and existing outputs are skipped. */
        final boolean skipped;
        /** Why it is not run (its output is in the way), or null. */
        final String blocked;

        FileJob(String input, String output, boolean replace, boolean skipped, String blocked) {
            this.input = input;
            this.output = output;
            this.replace = replace;
            this.skipped = skipped;
            this.blocked = blocked;
        }

        String name() {
            return new Path(input).getName();
        }
    }

    /**
     * @param inputs images and folders of images (a folder's images, not its subfolders, in name order)
     * @param outputFolder created if needed; every output is {@code outputFolder/<input name>.tif}
     * @throws IOException naming the problem: a missing input, no image, two inputs with one output name
     */
    static List<FileJob> plan(List<String> inputs, String outputFolder, FileDeblurring.Existing existing,
            Configuration conf) throws IOException {
        List<Path> images = new ArrayList<>();
        for (String input : inputs) {
            Path path = new Path(input);
            FileSystem fs = HadoopFiles.fileSystem(path, conf);
            if (!fs.exists(path)) {
                throw new IOException("Input " + input + " does not exist");
            }
            if (fs.getFileStatus(path).isDirectory()) {
                List<Path> found = new ArrayList<>();
                for (FileStatus status : fs.listStatus(path)) {
                    if (status.isFile() && FileDeblurring.isImageName(status.getPath().getName())) {
                        found.add(status.getPath());
                    }
                }
                found.sort(Comparator.comparing(Path::getName));
                images.addAll(found);
            } else {
                images.add(fs.makeQualified(path));
            }
        }
        if (images.isEmpty()) {
            throw new IOException("No images (" + String.join(", ", FileDeblurring.IMAGE_EXTENSIONS) + ") in "
                    + String.join(", ", inputs));
        }
        Path folder = new Path(outputFolder);
        FileSystem out = HadoopFiles.fileSystem(folder, conf);
        if (out.exists(folder) && !out.getFileStatus(folder).isDirectory()) {
            throw new IOException("The output must be a folder; " + outputFolder + " is a file");
        }
        if (!out.mkdirs(folder)) {
            throw new IOException("Cannot create the output folder " + outputFolder);
        }
        // A read-only destination fails now, not after every image was deblurred.
        HadoopFiles.probeFolder(outputFolder, "plan", conf);
        Map<String, Path> inputOf = new HashMap<>();
        List<FileJob> jobs = new ArrayList<>();
        for (Path image : images) {
            Path target = new Path(out.makeQualified(folder), FileDeblurring.outputName(image.getName()));
            // Compared without case, as the command line does: A.png and a.tif would clash on some file systems.
            Path other = inputOf.putIfAbsent(target.getName().toLowerCase(Locale.ROOT), image);
            if (other != null) {
                throw new IOException(other + " and " + image + " would both be written to " + target
                        + ": rename one of them");
            }
            jobs.add(job(image.toString(), target, existing, out));
        }
        return jobs;
    }

    private static FileJob job(String input, Path target, FileDeblurring.Existing existing, FileSystem fs)
            throws IOException {
        String output = target.toString();
        if (!fs.exists(target)) {
            return new FileJob(input, output, false, false, null);
        }
        if (!fs.getFileStatus(target).isFile()) {
            return new FileJob(input, output, false, false, "Output " + output + " exists and is not a regular"
                    + " file: choose another output folder");
        }
        switch (existing) {
            case SKIP:
                return new FileJob(input, output, false, true, null);
            case OVERWRITE:
                return new FileJob(input, output, true, false, null);
            default:
                return new FileJob(input, output, false, false, "Output " + output + " exists: use --overwrite to"
                        + " replace it or --skip-existing to leave it");
        }
    }
}
