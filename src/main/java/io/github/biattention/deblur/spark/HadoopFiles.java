package io.github.biattention.deblur.spark;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Files through Hadoop's FileSystem, so inputs and outputs may be local, on HDFS, or in an object store whose
 * connector the user adds. Outputs are written beside their target under a hidden name and renamed into place, so no
 * half-written file is ever visible under an output name.
 */
final class HadoopFiles {

    private HadoopFiles() {}

    /** The driver's Hadoop configuration (with the user's {@code spark.hadoop.*} settings), shipped to executors. */
    static final class Conf implements Serializable {
        private static final long serialVersionUID = 1L;
        private final byte[] bytes;
        private transient Configuration configuration;

        Conf(Configuration configuration) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (DataOutputStream data = new DataOutputStream(out)) {
                configuration.write(data);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            this.bytes = out.toByteArray();
        }

        Configuration get() {
            if (configuration == null) {
                Configuration c = new Configuration(false);
                try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
                    c.readFields(in);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                configuration = c;
            }
            return configuration;
        }
    }

    /** The file system of {@code path}; the local one without Hadoop's checksum files beside each output. */
    static FileSystem fileSystem(Path path, Configuration conf) throws IOException {
        FileSystem fs = path.getFileSystem(conf);
        return fs instanceof LocalFileSystem ? ((LocalFileSystem) fs).getRawFileSystem() : fs;
    }

    /**
     * A local file with the input's name and content: the file itself when it is local, otherwise a copy in
     * {@code localDir} (ImageJ reads local files, and tells formats apart by their names).
     */
    static java.nio.file.Path fetch(String input, Configuration conf, java.nio.file.Path localDir) throws IOException {
        Path path = new Path(input);
        FileSystem fs = fileSystem(path, conf);
        if ("file".equals(fs.getUri().getScheme())) {
            return java.nio.file.Path.of(fs.makeQualified(path).toUri());
        }
        java.nio.file.Path local = localDir.resolve(path.getName());
        try (InputStream in = fs.open(path)) {
            Files.copy(in, local);
        }
        return local;
    }

    /** The file's name with its length and modification time: changes when the file does. */
    static String version(String input, Configuration conf) throws IOException {
        Path path = new Path(input);
        FileStatus status = fileSystem(path, conf).getFileStatus(path);
        return input + "@" + status.getLen() + ":" + status.getModificationTime();
    }

    /**
     * Puts {@code localFile} at {@code target}: copied beside it under a hidden name that carries {@code attempt},
     * then renamed. The hidden copy is deleted whatever happens. When the target exists already with the same bytes
     * (a task run again after it had written its output) nothing changes; with other bytes it is replaced only when
     * {@code replace}.
     *
     * @param beforeRename run between the copy and the rename (where a lost executor hurts most; tests fail there)
     * @throws IOException "Cannot write TARGET: reason"
     */
    static void publish(java.nio.file.Path localFile, String target, boolean replace, String attempt,
            Configuration conf, Runnable beforeRename) throws IOException {
        Path to = new Path(target);
        FileSystem fs = fileSystem(to, conf);
        Path part = new Path(to.getParent(), hiddenName(to.getName(), attempt));
        try {
            try (FSDataOutputStream out = fs.create(part, true); InputStream in = Files.newInputStream(localFile)) {
                in.transferTo(out);
            }
            beforeRename.run();
            if (fs.exists(to)) {
                if (sameBytes(fs, to, localFile)) {
                    return;
                }
                if (!replace) {
                    throw new IOException("it exists (written by another run meanwhile?); it was left as it is");
                }
                fs.delete(to, false);
            }
            if (!fs.rename(part, to)) {
                // Another attempt of the same task (speculation) may have put the same result there first.
                if (fs.exists(to) && sameBytes(fs, to, localFile)) {
                    return;
                }
                throw new IOException("the file system refused to rename " + part + " to it");
            }
        } catch (IOException e) {
            throw new IOException("Cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            if (fs.exists(part)) {
                fs.delete(part, false);
            }
        }
    }

    /**
     * Deletes the hidden copies a lost executor may have left in {@code folder} for this run (their names carry
     * {@code runTag}), and returns how many there were.
     */
    static int removeLeftovers(String folder, String runTag, Configuration conf) throws IOException {
        Path dir = new Path(folder);
        FileSystem fs = fileSystem(dir, conf);
        if (!fs.exists(dir)) {
            return 0;
        }
        int removed = 0;
        for (FileStatus status : fs.listStatus(dir)) {
            String name = status.getPath().getName();
            if (name.startsWith(".") && name.endsWith(".part") && name.contains("." + runTag + "-")) {
                fs.delete(status.getPath(), false);
                removed++;
            }
        }
        return removed;
    }

    /**
     * Checks, before any work, that files can be created in {@code folder}: writes and deletes a hidden one.
     *
     * @throws IOException "Cannot write into FOLDER: reason"
     */
    static void probeFolder(String folder, String runTag, Configuration conf) throws IOException {
        Path dir = new Path(folder);
        FileSystem fs = fileSystem(dir, conf);
        Path probe = new Path(dir, hiddenName("probe", runTag + "-driver"));
        try {
            fs.create(probe, true).close();
        } catch (IOException e) {
            throw new IOException("Cannot write into " + folder + ": " + e.getMessage(), e);
        } finally {
            if (fs.exists(probe)) {
                fs.delete(probe, false);
            }
        }
    }

    /** ".name.RUN-STAGE-TASKATTEMPT.part": hidden, so readers of the folder skip it. */
    static String hiddenName(String name, String attempt) {
        return "." + name + "." + attempt + ".part";
    }

    private static boolean sameBytes(FileSystem fs, Path file, java.nio.file.Path local) throws IOException {
        if (fs.getFileStatus(file).getLen() != Files.size(local)) {
            return false;
        }
        try (InputStream a = fs.open(file); InputStream b = Files.newInputStream(local)) {
            byte[] x = new byte[1 << 16];
            byte[] y = new byte[1 << 16];
            while (true) {
                int n = a.readNBytes(x, 0, x.length);
                int m = b.readNBytes(y, 0, y.length);
                if (n != m || !Arrays.equals(x, 0, n, y, 0, m)) {
                    return false;
                }
                if (n < x.length) {
                    return true;
                }
            }
        }
    }
}
