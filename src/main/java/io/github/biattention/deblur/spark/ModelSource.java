package io.github.biattention.deblur.spark;

import io.github.biattention.deblur.model.ModelFiles;
import io.github.biattention.deblur.model.UserModels;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.math.BigInteger;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The model the executors load: a bundled one by name (every executor has the plugin's jar), anything else as the
 * bytes of its file, read once by the driver and broadcast, so executors need no access to the driver's files.
 */
final class ModelSource implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The largest model file sent: {@link ModelFiles} refuses larger ones anyway. */
    private static final long MAX_BYTES = 1L << 30;

    final String name;
    /** Null for a bundled model. */
    final byte[] bytes;
    /** Tells models apart in an executor's cache. */
    final String key;

    private ModelSource(String name, byte[] bytes, String key) {
        this.name = name;
        this.bytes = bytes;
        this.key = key;
    }

    /**
     * @param nameOrPath a bundled model's name, a user model's name (on the driver), or a model file (any file
     *     system Hadoop reaches)
     * @throws IOException if no such model exists or it cannot be read
     */
    static ModelSource resolve(String nameOrPath, Configuration conf) throws IOException {
        if (ModelFiles.bundledNames().contains(nameOrPath)) {
            return new ModelSource(nameOrPath, null, "bundled:" + nameOrPath);
        }
        Optional<java.nio.file.Path> user = UserModels.find(nameOrPath);
        byte[] bytes;
        if (user.isPresent()) {
            bytes = Files.readAllBytes(user.get());
        } else {
            Path path = new Path(nameOrPath);
            FileSystem fs = HadoopFiles.fileSystem(path, conf);
            if (!fs.exists(path) || !fs.getFileStatus(path).isFile()) {
                throw new IOException("Unknown model '" + nameOrPath + "': give a bundled model ("
                        + String.join(", ", ModelFiles.bundledNames()) + ") or a model file (.zip)");
            }
            if (fs.getFileStatus(path).getLen() > MAX_BYTES) {
                throw new IOException("Model file " + nameOrPath + " is larger than any model (1 GiB)");
            }
            try (InputStream in = fs.open(path)) {
                bytes = in.readAllBytes();
            }
        }
        return new ModelSource(nameOrPath, bytes, "file:" + sha256(bytes));
    }

    private static String sha256(byte[] bytes) {
        try {
            return String.format("%064x", new BigInteger(1, MessageDigest.getInstance("SHA-256").digest(bytes)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java", e);
        }
    }
}
