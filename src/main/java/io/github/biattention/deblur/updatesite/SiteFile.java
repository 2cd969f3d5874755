package io.github.biattention.deblur.updatesite;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One file to publish: where it goes in Fiji, where its content comes from, and the platform it is for.
 * Immutable.
 *
 * <p>The platform follows the updater's convention: a file under {@code jars/<platform>/} is for that platform
 * only, anything else is for every platform. It is taken from the path when not given, and must agree with the
 * path when given.
 */
public final class SiteFile {
    private final String path;
    private final Path source;
    private final String platform;

    private SiteFile(String path, Path source, String platform) {
        this.path = path;
        this.source = source;
        this.platform = platform;
    }

    /**
     * A file for the platform its path names, or for all platforms.
     *
     * @param fijiPath relative to the Fiji folder, {@code /}-separated, without {@code .} or {@code ..} parts,
     *                 ASCII (the updater hashes it as ASCII), e.g. {@code jars/api-0.36.0.jar}
     * @param source   the file to publish there
     */
    public static SiteFile of(String fijiPath, Path source) {
        return of(fijiPath, source, null);
    }

    /**
     * A file for {@code platform}.
     *
     * @param platform a Fiji platform name ({@code linux64}, {@code macos-arm64}, ...) which must be the one that
     *                 {@code fijiPath} names ({@code jars/<platform>/...}), or null to take it from the path
     * @throws IllegalArgumentException for a malformed path, an unknown platform or one that the path contradicts
     */
    public static SiteFile of(String fijiPath, Path source, String platform) {
        Objects.requireNonNull(source, "source");
        checkPath(fijiPath);
        Optional<String> fromPath = FijiPlatforms.fromPath(fijiPath);
        if (platform != null) {
            if (!FijiPlatforms.isKnown(platform)) {
                throw new IllegalArgumentException("unknown Fiji platform '" + platform + "'; known: "
                        + FijiPlatforms.KNOWN);
            }
            if (!fromPath.equals(Optional.of(platform))) {
                // The updater guesses the platform from the folder, so a mismatch would flip after a re-upload.
                throw new IllegalArgumentException(fijiPath + " is not under jars/" + platform + "/");
            }
        }
        return new SiteFile(fijiPath, source, fromPath.orElse(null));
    }

    private static void checkPath(String p) {
        if (p == null || p.isEmpty() || p.startsWith("/") || p.endsWith("/") || p.contains("\\")
                || p.contains("//")) {
            throw new IllegalArgumentException("not a relative '/'-separated Fiji path: '" + p + "'");
        }
        for (String part : p.split("/")) {
            if (part.equals(".") || part.equals("..")) {
                throw new IllegalArgumentException("'.' and '..' are not allowed in Fiji paths: '" + p + "'");
            }
        }
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new IllegalArgumentException("Fiji paths must be printable ASCII: '" + p + "'");
            }
        }
    }

    /** The path relative to the Fiji folder, e.g. {@code jars/linux64/x.jar}. */
    public String path() {
        return path;
    }

    /** The file whose content is published. */
    public Path source() {
        return source;
    }

    /** The Fiji platform, or empty for a file for every platform. */
    public Optional<String> platform() {
        return Optional.ofNullable(platform);
    }

    @Override
    public String toString() {
        return path + (platform == null ? "" : " [" + platform + "]") + " <- " + source;
    }
}
