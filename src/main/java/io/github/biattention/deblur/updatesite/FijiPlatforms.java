package io.github.biattention.deblur.updatesite;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fiji's platform names and how files map to them.
 *
 * <p>Names are imagej-updater's {@code Platforms.known()}; the updater guesses a file's platform from a
 * {@code jars/<platform>/} (or {@code lib/}, {@code mm/}) folder. Fiji's launcher (config/fiji.toml) puts
 * {@code jars/*}{@code /*.jar} on the class path, and additionally the current architecture's
 * {@code jars/<platform>/} folder on the Java <em>module</em> path, which is why files there must be valid
 * automatic modules (see {@link ModulePathJars}).
 */
final class FijiPlatforms {
    /** Every platform name the updater accepts, sorted as {@code Platforms.known()} sorts them. */
    static final List<String> KNOWN = Collections.unmodifiableList(Arrays.asList(
            "linux-arm64", "linux32", "linux64", "linuxx",
            "macos-arm64", "macos64", "macosx",
            "win-arm64", "win32", "win64", "winx"));

    /** DJL's native classifiers (pytorch-native-* jars) to Fiji's platforms. */
    private static final Map<String, String> DJL_CLASSIFIERS = new LinkedHashMap<>();

    static {
        DJL_CLASSIFIERS.put("linux-x86_64", "linux64");
        DJL_CLASSIFIERS.put("linux-aarch64", "linux-arm64");
        DJL_CLASSIFIERS.put("osx-x86_64", "macos64");
        DJL_CLASSIFIERS.put("osx-aarch64", "macos-arm64");
        DJL_CLASSIFIERS.put("win-x86_64", "win64");
        DJL_CLASSIFIERS.put("win-aarch64", "win-arm64");
    }

    private FijiPlatforms() {
    }

    /** Whether {@code platform} is a name the updater knows. */
    static boolean isKnown(String platform) {
        return KNOWN.contains(platform);
    }

    /**
     * The platform the updater would guess for a Fiji path (its {@code Checksummer.guessPlatform} for
     * non-executables): the folder right below {@code jars/}, {@code lib/} or {@code mm/} if that is a known
     * platform name ({@code linux} meaning {@code linux32}).
     */
    static Optional<String> fromPath(String fijiPath) {
        for (String top : new String[] {"jars/", "lib/", "mm/"}) {
            if (fijiPath.startsWith(top)) {
                String rest = fijiPath.substring(top.length());
                int slash = rest.indexOf('/');
                if (slash < 0) {
                    return Optional.empty();
                }
                String platform = rest.substring(0, slash);
                if (platform.equals("linux")) {
                    platform = "linux32";
                }
                return isKnown(platform) ? Optional.of(platform) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * Whether Fiji's launcher puts this path's folder on the module path: {@code jars/<platform>/} for an
     * architecture-specific platform (the {@code ...x} groups are never on it).
     */
    static boolean onModulePath(String fijiPath) {
        Optional<String> platform = fromPath(fijiPath);
        return fijiPath.startsWith("jars/") && platform.isPresent() && !platform.get().endsWith("x");
    }

    /**
     * The Fiji platform of a DJL native jar, read from its file name ending {@code -<classifier>.jar}, e.g.
     * {@code pytorch-native-cpu-2.7.1-osx-aarch64.jar} is {@code macos-arm64}.
     */
    static Optional<String> fromDjlNativeJar(String fileName) {
        for (Map.Entry<String, String> e : DJL_CLASSIFIERS.entrySet()) {
            if (fileName.endsWith("-" + e.getKey() + ".jar")) {
                return Optional.of(e.getValue());
            }
        }
        return Optional.empty();
    }

    /** The DJL classifiers that map to a Fiji platform, for messages. */
    static String djlClassifiers() {
        return String.join(", ", DJL_CLASSIFIERS.keySet());
    }
}
