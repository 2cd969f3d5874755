package io.github.biattention.deblur.updatesite;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The checksums Fiji's updater records for a file and compares with installed files: imagej-updater's
 * {@code UpdaterUtil.getDigest(path, file)}, which the {@code Checksummer} uses for the current version. All are
 * SHA-1, as 40 lower-case hex digits.
 *
 * <ul>
 *   <li>A file whose Fiji path does not end in {@code .jar}: the path (ASCII, {@code /} separators, relative to
 *       the Fiji folder) followed by the file's bytes.</li>
 *   <li>A jar ({@code getJarDigest(file, true, true, true)}): the path is not hashed; every zip entry, directories
 *       and {@code META-INF} included, sorted by name with {@link String#compareTo}, contributes its name (ASCII)
 *       and then its content, where
 *       <ul>
 *         <li>in entries whose name ends with {@code .properties}, lines starting with {@code #} are dropped but
 *             their newline is kept (Maven writes a build date there), with the updater's quirks reproduced
 *             exactly, see {@link SkipCommentLines};</li>
 *         <li>{@code META-INF/MANIFEST.MF} contributes its name only: the updater's filter keeps only lines whose
 *             upper-cased text starts with {@code "Main-Class:"}, which no upper-cased text does.</li>
 *       </ul></li>
 * </ul>
 * The updater also computes "obsolete" jar checksums (without these filters) to recognise files recorded by old
 * updaters; those are never what it records for a new upload, so they are not offered here.
 */
public final class UpdaterChecksum {
    private static final String MANIFEST = "META-INF/MANIFEST.MF";

    private UpdaterChecksum() {
    }

    /**
     * The updater's checksum of {@code file} installed at {@code fijiPath}.
     *
     * @param fijiPath the path relative to the Fiji folder with {@code /} separators, e.g.
     *                 {@code jars/linux64/x.jar}; a path ending in {@code .jar} selects the jar checksum
     * @param file     the file's content
     */
    public static String of(String fijiPath, Path file) throws IOException {
        return fijiPath.endsWith(".jar") ? ofJar(file) : ofPlainFile(fijiPath, file);
    }

    /** The updater's checksum of a jar (independent of where it is installed). */
    public static String ofJar(Path jar) throws IOException {
        MessageDigest sha1 = sha1();
        // ZipFile lists the same entries as the updater's JarFile (opened without multi-release versioning).
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            List<ZipEntry> entries = new ArrayList<>(Collections.list(zip.entries()));
            entries.sort(Comparator.comparing(ZipEntry::getName));
            for (ZipEntry entry : entries) {
                sha1.update(entry.getName().getBytes(StandardCharsets.US_ASCII));
                if (entry.getName().equals(MANIFEST)) {
                    continue;
                }
                try (InputStream raw = zip.getInputStream(entry)) {
                    update(sha1, entry.getName().endsWith(".properties") ? new SkipCommentLines(raw) : raw);
                }
            }
        }
        return hex(sha1.digest());
    }

    /** The updater's checksum of a file that is not a jar: SHA-1 over the path and then the bytes. */
    public static String ofPlainFile(String fijiPath, Path file) throws IOException {
        MessageDigest sha1 = sha1();
        sha1.update(fijiPath.getBytes(StandardCharsets.US_ASCII));
        try (InputStream in = Files.newInputStream(file)) {
            update(sha1, in);
        }
        return hex(sha1.digest());
    }

    private static void update(MessageDigest digest, InputStream in) throws IOException {
        byte[] buffer = new byte[65536];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            digest.update(buffer, 0, n);
        }
    }

    private static MessageDigest sha1() {
        try {
            return MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }

    static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 2);
        for (byte b : bytes) {
            sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return sb.toString();
    }

    /**
     * The bytes of a {@code .properties} entry as the updater's {@code SkipHashedLines} lets them through: a line
     * that starts with {@code #} is dropped up to, not including, its newline. Its state machine has two quirks
     * that change checksums, reproduced here: an empty line, or a comment consisting only of {@code #}s, leaves
     * it "not at line start", so a comment on the <em>next</em> line is kept.
     */
    static final class SkipCommentLines extends FilterInputStream {
        private boolean atLineStart = true;

        SkipCommentLines(InputStream in) {
            super(new BufferedInputStream(in));
        }

        @Override
        public int read() throws IOException {
            int ch = in.read();
            if (!atLineStart) {
                if (ch == '\n') {
                    atLineStart = true;
                }
                return ch;
            }
            if (ch != '#') {
                atLineStart = false; // also for '\n': the first quirk
                return ch;
            }
            // The updater skips a comment by reading recursively, so the first character after the '#'s is still
            // read "at line start": further '#'s are swallowed, and a newline right there leaves atLineStart false.
            do {
                ch = in.read();
            } while (ch == '#');
            atLineStart = false;
            while (ch != '\n' && ch != -1) {
                ch = in.read();
                if (ch == '\n') {
                    atLineStart = true;
                }
            }
            return ch;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int count = 0;
            while (count < len) {
                int ch = read();
                if (ch < 0) {
                    return count == 0 ? -1 : count;
                }
                b[off + count++] = (byte) ch;
            }
            return count;
        }

        @Override
        public long skip(long n) throws IOException {
            throw new IOException("skip is not supported");
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}
