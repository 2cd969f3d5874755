package io.github.biattention.deblur.cli;

import io.github.biattention.deblur.imagej.FileDeblurring;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import picocli.CommandLine.Option;

/** Where results go and what happens to existing files: the options shared by {@code deblur} and {@code deconvolve}. */
final class OutputOptions {

    @Option(names = "--output", required = true, description = "Output TIFF file, or folder (for a folder input, or"
            + " ending in /).")
    String output;

    @Option(names = "--overwrite", description = "Replace existing output files.")
    boolean overwrite;

    @Option(names = "--skip-existing", description = "Leave existing output files and go on (to resume a batch).")
    boolean skipExisting;

    /**
     * The jobs for {@code input}; an output ending in a separator is a folder (created now).
     *
     * @throws IllegalArgumentException for --overwrite with --skip-existing
     */
    List<FileDeblurring.Job> plan(Path input) throws IOException {
        if (overwrite && skipExisting) {
            throw new IllegalArgumentException("Give --overwrite or --skip-existing, not both");
        }
        Path path = Paths.get(output);
        if ((output.endsWith("/") || output.endsWith(File.separator)) && !Files.isDirectory(path)) {
            if (Files.exists(path)) {
                throw new IOException("Output " + output + " ends with a separator (a folder) but is a file");
            }
            try {
                Files.createDirectories(path);
            } catch (IOException e) {
                throw new IOException("Cannot create the output folder " + path + ": " + e.getMessage(), e);
            }
        }
        FileDeblurring.Existing existing = overwrite ? FileDeblurring.Existing.OVERWRITE
                : skipExisting ? FileDeblurring.Existing.SKIP : FileDeblurring.Existing.REFUSE;
        return FileDeblurring.plan(input, path, existing, "--overwrite", "--skip-existing");
    }
}
