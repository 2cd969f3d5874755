package io.github.biattention.deblur.interop;

import io.github.biattention.deblur.files.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * NumPy's {@code .npz} archive: a zip holding one {@code NAME.npy} per array, as {@code numpy.savez} writes and
 * {@code numpy.load} reads. Entry order is kept.
 */
public final class Npz {

    private static final String SUFFIX = ".npy";

    private Npz() {}

    /** Writes {@code arrays} atomically (a temporary file beside {@code target}, then renamed). */
    public static void write(Path target, Map<String, NpyArray> arrays) throws IOException {
        AtomicFiles.write(target, true, tmp -> {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                write(out, arrays);
            }
        });
    }

    /** Writes the archive to a stream, which stays open. */
    public static void write(OutputStream out, Map<String, NpyArray> arrays) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        for (Map.Entry<String, NpyArray> e : arrays.entrySet()) {
            zip.putNextEntry(new ZipEntry(e.getKey() + SUFFIX));
            Npy.write(e.getValue(), zip);
            zip.closeEntry();
        }
        zip.finish();
    }

    /** The largest array read: more than any parameter of the widest network allowed. */
    static final int MAX_ARRAY_BYTES = 256 << 20;

    /**
     * Reads every array of an archive, keyed by name (the entry name without {@code .npy}), in archive order.
     *
     * @throws IOException if the file is missing, not a zip, or holds something other than supported arrays
     */
    public static Map<String, NpyArray> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new IOException(file + " does not exist");
        }
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " is not a regular file (a folder or device)");
        }
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (entry.isDirectory()) {
                    continue;
                }
                String name = entry.getName();
                if (!name.endsWith(SUFFIX)) {
                    throw new IOException(file + " holds " + name + ", which is not a .npy array");
                }
                byte[] content;
                try (InputStream in = zip.getInputStream(entry)) {
                    content = in.readNBytes(MAX_ARRAY_BYTES + 1); // grows as it reads: no allocation on trust
                }
                if (content.length > MAX_ARRAY_BYTES) {
                    throw new IOException(file + " holds " + name + ", which inflates to more than "
                            + (MAX_ARRAY_BYTES >> 20) + " MiB: not the weights of this plugin's networks");
                }
                String key = name.substring(0, name.length() - SUFFIX.length());
                arrays.put(key, Npy.parse(content, "array '" + key + "' of " + file));
            }
        } catch (ZipException e) {
            throw new IOException(file + " is not an .npz archive (" + e.getMessage() + ")", e);
        }
        return arrays;
    }
}
