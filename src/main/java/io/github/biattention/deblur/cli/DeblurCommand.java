package io.github.biattention.deblur.cli;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileSaver;
import io.github.biattention.deblur.fiji.ImageDeblurring;
import io.github.biattention.deblur.inference.DeblurSettings;
import io.github.biattention.deblur.inference.DeviceChoice;
import io.github.biattention.deblur.inference.ProgressListener;
import io.github.biattention.deblur.model.DeblurModel;
import io.github.biattention.deblur.model.ModelFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code deblur}: one image to one file, or every image of a folder into another folder. */
@Command(name = "deblur", mixinStandardHelpOptions = true,
        description = "Deblurs an image file, or every image of a folder, into 32-bit TIFF in the input's intensity"
                + " scale.")
final class DeblurCommand implements Callable<Integer> {

    static final List<String> IMAGE_EXTENSIONS = List.of(".tif", ".tiff", ".png", ".jpg", ".jpeg", ".bmp", ".gif");

    @Option(names = "--input", required = true, description = "Image file, or folder of images.")
    Path input;

    @Option(names = "--output", required = true, description = "Output TIFF file, or folder (for a folder input).")
    Path output;

    @Option(names = "--model", defaultValue = ModelFiles.DEFAULT_MODEL,
            description = "Bundled model name or model file (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--tile", defaultValue = "" + DeblurSettings.DEFAULT_TILE_SIZE,
            description = "Tile size in pixels (default: ${DEFAULT-VALUE}).")
    int tile;

    @Option(names = "--overlap", defaultValue = "" + DeblurSettings.DEFAULT_OVERLAP,
            description = "Tile overlap in pixels (default: ${DEFAULT-VALUE}).")
    int overlap;

    @Option(names = "--low", description = "Low normalisation percentile (default: the model's, usually 1).")
    Double low;

    @Option(names = "--high", description = "High normalisation percentile (default: the model's, usually 99.8).")
    Double high;

    @Option(names = "--device", defaultValue = "auto", description = "auto, cpu or gpu (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--overwrite", description = "Replace existing output files.")
    boolean overwrite;

    @Option(names = "--verbose", description = "Print the time and megapixels per second of each image.")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        List<Path[]> jobs = jobs();
        DeblurSettings.Builder builder = DeblurSettings.builder().tileSize(tile).overlap(overlap)
                .device(DeviceChoice.valueOf(device.toUpperCase(Locale.ROOT)));
        if (low != null) {
            builder.lowPercentile(low);
        }
        if (high != null) {
            builder.highPercentile(high);
        }
        DeblurSettings settings = builder.build();
        int failures = 0;
        try (DeblurModel deblurModel = ImageDeblurring.openModel(model, settings.device(),
                message -> System.err.println("Warning: " + message))) {
            if (verbose) {
                System.out.println("Model " + deblurModel.source() + " on " + deblurModel.device());
            }
            for (Path[] job : jobs) {
                try {
                    deblurOne(job[0], job[1], deblurModel, settings);
                } catch (IOException | RuntimeException e) {
                    if (jobs.size() == 1) {
                        throw e;
                    }
                    failures++;
                    System.err.println("Error: " + job[0] + ": " + e.getMessage());
                }
            }
        }
        if (failures > 0) {
            System.err.println(failures + " of " + jobs.size() + " images failed");
            return 1;
        }
        return 0;
    }

    /** (input, output) pairs; checks everything that can be checked before any work starts. */
    private List<Path[]> jobs() throws IOException {
        if (!Files.exists(input)) {
            throw new IOException("Input " + input + " does not exist");
        }
        List<Path[]> jobs = new ArrayList<>();
        if (Files.isDirectory(input)) {
            List<Path> images;
            try (Stream<Path> files = Files.list(input)) {
                images = files.filter(p -> Files.isRegularFile(p) && isImage(p)).sorted().collect(Collectors.toList());
            }
            if (images.isEmpty()) {
                throw new IOException("No images (" + String.join(", ", IMAGE_EXTENSIONS) + ") in folder " + input);
            }
            if (Files.exists(output) && !Files.isDirectory(output)) {
                throw new IOException("For a folder input, --output must be a folder; " + output + " is a file");
            }
            Files.createDirectories(output);
            for (Path image : images) {
                jobs.add(new Path[] {image, output.resolve(baseName(image) + ".tif")});
            }
        } else {
            jobs.add(new Path[] {input, output});
        }
        if (!overwrite) {
            for (Path[] job : jobs) {
                if (Files.exists(job[1])) {
                    throw new IOException("Output " + job[1] + " exists: add --overwrite to replace it");
                }
            }
        }
        return jobs;
    }

    private void deblurOne(Path in, Path out, DeblurModel model, DeblurSettings settings) throws IOException {
        ImagePlus image = IJ.openImage(in.toString());
        if (image == null) {
            throw new IOException("Cannot read " + in + " as an image");
        }
        long start = System.nanoTime();
        ImagePlus result = ImageDeblurring.deblur(image, model, settings, ProgressListener.NONE, () -> false);
        double seconds = (System.nanoTime() - start) / 1e9;
        write(result, out);
        if (verbose) {
            double megapixels = (double) image.getWidth() * image.getHeight() * image.getStackSize() / 1e6;
            System.out.printf(Locale.ROOT, "%s: %dx%d x %d planes, %.2f s, %.2f megapixels/s -> %s%n",
                    in.getFileName(), image.getWidth(), image.getHeight(), image.getStackSize(), seconds,
                    megapixels / seconds, out);
        }
    }

    /** Writes a TIFF next to the target and renames it into place, so no half-written file is ever visible. */
    static void write(ImagePlus image, Path out) throws IOException {
        Path dir = out.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + out.getFileName(), ".part");
        try {
            FileSaver saver = new FileSaver(image);
            boolean ok = image.getStackSize() > 1 ? saver.saveAsTiffStack(tmp.toString())
                    : saver.saveAsTiff(tmp.toString());
            if (!ok) {
                throw new IOException("Cannot write " + out);
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static boolean isImage(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return IMAGE_EXTENSIONS.stream().anyMatch(name::endsWith);
    }

    static String baseName(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
