package io.github.biattention.deblur.files;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Files that appear whole or not at all: written into a temporary file beside the target, then put in place in one
 * step. Every result of the program (images, model files, cards, checkpoints, weights) is written this way, so a
 * full disk, an error or Ctrl-C never leaves half a file under the target's name.
 *
 * <p>The temporary file is created as any new file is: its permissions follow the umask (not the 0600 of
 * {@code Files.createTempFile}), so colleagues read results as they read other files. Without replacing, it is put in
 * place with a hard link, which fails if the target exists at that moment: a file that appeared meanwhile (another
 * run writing the same name) is never replaced. Temporary files in progress are known ({@link #deletePending}), so a
 * process ended by a signal removes them on its way out.
 */
public final class AtomicFiles {

    /** Writes the content into the temporary file. */
    @FunctionalInterface
    public interface Content {
        void writeTo(Path temporary) throws IOException;
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Set<Path> PENDING = ConcurrentHashMap.newKeySet();

    private AtomicFiles() {}

    /**
     * @param replace replace an existing regular file at {@code target}; otherwise an existing target is an error
     * @throws FileAlreadyExistsException when {@code target} exists and is not replaced (also when it appeared
     *     while the content was written)
     * @throws IOException when writing fails, or {@code target} is a folder, device or link; nothing is left behind
     */
    public static void write(Path target, boolean replace, Content content) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException(target + " exists and is not a regular file (a folder, device or link)");
            }
            if (!replace) {
                throw new FileAlreadyExistsException(target.toString());
            }
        }
        Path tmp = createTemporary(target);
        try {
            content.writeTo(tmp);
            if (replace) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } else {
                placeNew(tmp, target);
            }
        } finally {
            Files.deleteIfExists(tmp);
            PENDING.remove(tmp);
        }
    }

    /**
     * Checks, before any work, that {@code target} can be written: creates its folder and the temporary file it
     * would be written through, and deletes that file.
     */
    public static void probe(Path target) throws IOException {
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path tmp = createTemporary(target);
        Files.delete(tmp);
        PENDING.remove(tmp);
    }

    /** Deletes the temporary files still being written (for a shutdown hook: the process is ending). */
    public static void deletePending() {
        for (Path tmp : PENDING) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException e) {
                // Nothing more can be done while the process exits.
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
                PENDING.add(tmp);
                return tmp;
            } catch (FileAlreadyExistsException e) {
                if (attempt > 100) {
                    throw e;
                }
            }
        }
    }
}
