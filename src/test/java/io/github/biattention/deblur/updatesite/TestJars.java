package io.github.biattention.deblur.updatesite;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds small jars for the tests, entries in exactly the given order. */
final class TestJars {
    private TestJars() {
    }

    /** Ordered entries; a null value makes a directory entry (its name should end with '/'). */
    static final class Entries {
        final Map<String, byte[]> map = new LinkedHashMap<>();

        Entries dir(String name) {
            map.put(name, null);
            return this;
        }

        Entries text(String name, String content) {
            map.put(name, content.getBytes(StandardCharsets.UTF_8));
            return this;
        }

        Entries bytes(String name, byte... content) {
            map.put(name, content);
            return this;
        }
    }

    static Entries entries() {
        return new Entries();
    }

    static Path write(Path jar, Entries entries) throws IOException {
        Files.createDirectories(jar.getParent());
        try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zos = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.map.entrySet()) {
                ZipEntry entry = new ZipEntry(e.getKey());
                entry.setTime(0L);
                zos.putNextEntry(entry);
                if (e.getValue() != null) {
                    zos.write(e.getValue());
                }
                zos.closeEntry();
            }
        }
        return jar;
    }

    /** A stand-in for a DJL native jar: DJL's (invalid) Automatic-Module-Name and its resource layout. */
    static Path djlNative(Path dir, String classifier, String library) throws IOException {
        return write(dir.resolve("pytorch-native-cpu-2.7.1-" + classifier + ".jar"), entries()
                .dir("META-INF/")
                .text("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\r\nAutomatic-Module-Name: "
                        + "ai.djl.pytorch_native_cpu_" + classifier + "\r\n\r\n")
                .dir("pytorch/")
                .dir("pytorch/cpu/")
                .dir("pytorch/cpu/" + classifier + "/")
                .text("pytorch/cpu/" + classifier + "/" + library, "binary for " + classifier)
                .dir("native/")
                .dir("native/lib/")
                .text("native/lib/pytorch.properties", "version=2.7.1\nflavor=cpu\nclassifier=" + classifier
                        + "\nlibraries=" + library + "\n"));
    }

    /** SHA-1 of the concatenation of the given parts, each a String (ASCII) or a byte[]. */
    static String sha1(Object... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (Object p : parts) {
            byte[] b = p instanceof String ? ((String) p).getBytes(StandardCharsets.US_ASCII) : (byte[]) p;
            all.write(b, 0, b.length);
        }
        try {
            byte[] d = MessageDigest.getInstance("SHA-1").digest(all.toByteArray());
            StringBuilder sb = new StringBuilder();
            for (byte x : d) {
                sb.append(String.format("%02x", x & 0xff));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
