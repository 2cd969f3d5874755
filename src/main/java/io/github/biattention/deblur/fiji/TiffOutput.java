package io.github.biattention.deblur.fiji;

import ij.ImagePlus;
import ij.io.FileInfo;
import ij.io.FileSaver;
import ij.io.TiffEncoder;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes an ImageJ image as TIFF (a stack for several planes) atomically: into a temporary file beside the target,
 * renamed into place only once complete, and deleted on any failure, so no half-written file is ever visible.
 *
 * <p>Why not {@link FileSaver#saveAsTiff}: it reports a failed write through {@code IJ.error} (a dialog, or a line on
 * standard output headless) and returns false, losing the reason (a full disk, a read-only folder). The TIFF is
 * encoded here with the same {@link TiffEncoder} and header fields, and I/O errors come back as exceptions.
 */
final class TiffOutput {

    /** Opens the stream the temporary file is written through: a seam for tests to simulate a full disk. */
    @FunctionalInterface
    interface Streams {
        Streams FILES = Files::newOutputStream;

        OutputStream open(Path file) throws IOException;
    }

    private TiffOutput() {}

    /**
     * @throws IOException "Cannot write TARGET: reason"; nothing is left at {@code target} (an existing file there is
     *     only replaced by a complete new one) nor beside it
     */
    static void write(ImagePlus image, Path target, Streams streams) throws IOException {
        Path tmp = null;
        try {
            Path dir = target.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + target.getFileName(), ".part");
            try (OutputStream out = new DataOutputStream(new BufferedOutputStream(streams.open(tmp), 1 << 16))) {
                new TiffEncoder(fileInfo(image)).write(out);
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IOException("Cannot write " + target + ": " + reason(e), e);
        } finally {
            if (tmp != null) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** What {@link FileSaver} puts in the header: ImageJ's description (dimensions, calibration), labels, info. */
    private static FileInfo fileInfo(ImagePlus image) {
        FileInfo fi = image.getFileInfo();
        fi.description = new FileSaver(image).getDescriptionString();
        fi.info = image.getInfoProperty();
        fi.sliceLabels = image.getStack().getSliceLabels();
        fi.properties = image.getPropertiesAsArray();
        return fi;
    }

    /** The operating system's reason in words, without Java's exception class names. */
    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied (" + ((AccessDeniedException) e).getFile() + ")";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder (" + ((NoSuchFileException) e).getFile() + ")";
        }
        if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
            return ((FileSystemException) e).getReason() + " (" + ((FileSystemException) e).getFile() + ")";
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
