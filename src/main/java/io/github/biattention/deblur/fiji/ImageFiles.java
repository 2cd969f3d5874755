package io.github.biattention.deblur.fiji;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileInfo;
import ij.io.TiffDecoder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads image files with ImageJ 1.x, turning every way a file can be bad into an {@link IOException} whose message
 * names the file and the problem.
 *
 * <p>Why more than {@code IJ.openImage}: it returns null without saying why, throws on some broken headers, and
 * reads a truncated uncompressed TIFF without complaint, filling the missing pixels with zeros. TIFF headers are
 * therefore decoded first and the pixel data they describe checked against the file's length.
 */
public final class ImageFiles {

    private ImageFiles() {}

    /**
     * @return the image, at least 1x1 with at least one plane
     * @throws IOException naming the file: missing, not a regular file, unreadable, empty, truncated, not an image
     *     ImageJ opens (or of a type it does not support), or 0 pixels
     */
    public static ImagePlus read(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new IOException(file + " does not exist");
        }
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " is not a regular file");
        }
        if (!Files.isReadable(file)) {
            throw new IOException(file + " cannot be read (permission denied)");
        }
        long size = Files.size(file);
        if (size == 0) {
            throw new IOException(file + " is empty (0 bytes)");
        }
        if (isTiff(file)) {
            checkTiff(file, size);
        }
        ImagePlus image;
        try {
            image = IJ.openImage(file.toString());
        } catch (RuntimeException | OutOfMemoryError e) { // ImageJ throws on some corrupt headers
            throw new IOException(file + " is corrupt or not an image (" + e + ")", e);
        }
        if (image == null) {
            throw new IOException(file + " is not an image ImageJ can open (corrupt, truncated or an unsupported"
                    + " format)");
        }
        if (image.getWidth() < 1 || image.getHeight() < 1 || image.getStackSize() < 1) {
            throw new IOException(file + " has no pixels (" + image.getWidth() + "x" + image.getHeight() + ")");
        }
        return image;
    }

    private static boolean isTiff(Path file) throws IOException {
        byte[] magic = new byte[4];
        try (InputStream in = Files.newInputStream(file)) {
            if (in.readNBytes(magic, 0, 4) < 4) {
                return false;
            }
        }
        return (magic[0] == 'I' && magic[1] == 'I' && magic[2] == 42 && magic[3] == 0)
                || (magic[0] == 'M' && magic[1] == 'M' && magic[2] == 0 && magic[3] == 42);
    }

    /** Decodes the TIFF's headers and checks that the pixel data they point to lies inside the file. */
    private static void checkTiff(Path file, long size) throws IOException {
        FileInfo[] info;
        try {
            Path dir = file.toAbsolutePath().getParent();
            info = new TiffDecoder(dir + java.io.File.separator, file.getFileName().toString()).getTiffInfo();
        } catch (IOException e) {
            throw new IOException(file + " is not a TIFF ImageJ can open: " + message(e), e);
        } catch (RuntimeException e) { // the decoder trusts sizes read from the file, and a broken one throws
            throw new IOException(file + " has a corrupt or cut-short TIFF header (" + e.getClass().getSimpleName()
                    + ")", e);
        }
        if (info == null || info.length == 0) {
            throw new IOException(file + " is a TIFF without images");
        }
        for (FileInfo fi : info) {
            if (fi.width < 1 || fi.height < 1) {
                throw new IOException(file + " has no pixels (" + fi.width + "x" + fi.height + ")");
            }
            long end = dataEnd(fi);
            if (end > size) {
                throw new IOException(String.format(Locale.ROOT, "%s is truncated: its pixel data ends at byte %d,"
                        + " the file has %d bytes", file, end, size));
            }
        }
    }

    /** Where the pixel data described by one header ends: its last strip, or all its images when uncompressed. */
    private static long dataEnd(FileInfo fi) {
        long end = 0;
        if (fi.stripOffsets != null && fi.stripLengths != null) {
            for (int i = 0; i < Math.min(fi.stripOffsets.length, fi.stripLengths.length); i++) {
                end = Math.max(end, (fi.stripOffsets[i] & 0xffffffffL) + (fi.stripLengths[i] & 0xffffffffL));
            }
        }
        int bytesPerPixel = fi.getBytesPerPixel();
        if (fi.compression <= FileInfo.COMPRESSION_NONE && bytesPerPixel > 0 && !packed(fi)) {
            long image = (long) fi.width * fi.height * bytesPerPixel;
            int images = Math.max(1, fi.nImages);
            end = Math.max(end, fi.getOffset() + images * image + (images - 1) * fi.getGap());
        }
        return end;
    }

    /** Types stored in fewer bytes per pixel than they are read into. */
    private static boolean packed(FileInfo fi) {
        return fi.fileType == FileInfo.BITMAP || fi.fileType == FileInfo.GRAY12_UNSIGNED
                || fi.fileType == FileInfo.GRAY10_UNSIGNED;
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
