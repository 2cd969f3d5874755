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
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.LinkOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes an ImageJ image as TIFF (a stack for several planes) atomically: into a temporary file beside the target,
 * moved into place only once complete, and deleted on any failure, so no half-written file is ever visible.
 *
 * <p>The temporary file is created as any new file is (its permissions follow the umask, not Java's private 0600 of
 * {@code createTempFile}), so colleagues read results as they read other files. Without replacing, it is put in place
 * with a hard link, which fails if the target exists at that moment: a file that appeared while the image was
 * deblurred (another run writing the same name) is never replaced.
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
    static void write(ImagePlus image, Path target, Streams streams, boolean replace) throws IOException {
        Path tmp = null;
        try {
            Path dir = target.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            tmp = createTemporary(target);
            try (OutputStream out = new DataOutputStream(new BufferedOutputStream(streams.open(tmp), 1 << 16))) {
                new TiffEncoder(fileInfo(image)).write(out);
            }
            if (replace) {
                if (Files.exists(target, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(target,
                        LinkOption.NOFOLLOW_LINKS)) {
                    throw new IOException("it exists and is not a regular file (a folder, device or link)");
                }
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else {
                placeNew(tmp, target);
            }
        } catch (FileAlreadyExistsException e) {
            throw new IOException("Cannot write " + target + ": it appeared while this image was deblurred (another"
                    + " run writing the same file?); it was left as it is", e);
        } catch (IOException e) {
            throw new IOException("Cannot write " + target + ": " + reason(e), e);
        } finally {
            if (tmp != null) {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** Puts a finished file at a target that must not exist: a hard link (atomic), or a move where links fail. */
    private static void placeNew(Path tmp, Path target) throws IOException {
        try {
            Files.createLink(target, tmp);
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (UnsupportedOperationException | FileSystemException e) {
            // File systems without hard links (FAT, some network shares): a move that refuses an existing target.
            Files.move(tmp, target);
        }
    }

    /** A new, empty file beside {@code target}, named after it, with the permissions of any new file. */
    private static Path createTemporary(Path target) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        for (int attempt = 0; ; attempt++) {
            String suffix = Long.toHexString(RANDOM.nextLong() & 0xffffffffL);
            Path tmp = dir.resolve("." + target.getFileName() + "." + suffix + ".part");
            try {
                Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                return tmp;
            } catch (FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw e;
                }
            }
        }
    }

    /**
     * Checks, before any work, that {@code target} can be written: creates its folder and the temporary file it
     * would be written through, and deletes that file.
     *
     * @throws IOException "Cannot write TARGET: reason" (name too long, permission denied, read-only, ...)
     */
    static void probe(Path target) throws IOException {
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.delete(createTemporary(target));
        } catch (IOException e) {
            throw new IOException("Cannot write " + target + ": " + reason(e), e);
        }
    }

    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

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
