package io.github.biattention.deblur.files;

import ij.ImagePlus;
import ij.io.FileInfo;
import ij.io.FileSaver;
import ij.io.TiffEncoder;
import io.github.biattention.deblur.files.AtomicFiles;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Writes an ImageJ image as TIFF (a stack for several planes) atomically ({@link AtomicFiles}): no half-written file
 * is ever visible, and an existing file is replaced only when asked.
 *
 * <p>Why not {@link FileSaver#saveAsTiff}: it reports a failed write through {@code IJ.error} (a dialog, or a line on
 * standard output headless) and returns false, losing the reason (a full disk, a read-only folder). The TIFF is
 * encoded here with the same {@link TiffEncoder} and header fields, and I/O errors come back as exceptions.
 */
public final class TiffOutput {

    /** Opens the stream the temporary file is written through: a seam for tests to simulate a full disk. */
    @FunctionalInterface
    public interface Streams {
        Streams FILES = Files::newOutputStream;

        OutputStream open(Path file) throws IOException;
    }

    private TiffOutput() {}

    /**
     * @throws IOException "Cannot write TARGET: reason"; nothing is left at {@code target} (an existing file there is
     *     only replaced by a complete new one) nor beside it
     */
    public static void write(ImagePlus image, Path target, Streams streams, boolean replace) throws IOException {
        try {
            AtomicFiles.write(target, replace, tmp -> {
                try (OutputStream out = new DataOutputStream(new BufferedOutputStream(streams.open(tmp), 1 << 16))) {
                    new TiffEncoder(fileInfo(image)).write(out);
                }
            });
        } catch (FileAlreadyExistsException e) {
            throw new IOException("Cannot write " + target + ": it exists (it appeared while this image was"
                    + " deblurred? another run writing the same file?); it was left as it is", e);
        } catch (IOException e) {
            throw new IOException("Cannot write " + target + ": " + reason(e), e);
        }
    }

    /**
     * Checks, before any work, that {@code target} can be written (its folder, a file of its name beside it).
     *
     * @throws IOException "Cannot write TARGET: reason" (name too long, permission denied, read-only, ...)
     */
    public static void probe(Path target) throws IOException {
        try {
            AtomicFiles.probe(target);
        } catch (IOException e) {
            throw new IOException("Cannot write " + target + ": " + reason(e), e);
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
