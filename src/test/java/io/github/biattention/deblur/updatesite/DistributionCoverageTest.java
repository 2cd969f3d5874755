package io.github.biattention.deblur.updatesite;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every library the plugin runs with reaches a Fiji user: the update site ships it ({@code update-site/build.sh}'s
 * {@code --include}), or {@code update-site/README.md} names it among what Fiji has, or among what is not needed.
 */
class DistributionCoverageTest {

    /** Test-only jars on the test class path. */
    private static final Set<String> TEST_ONLY = Set.of("junit-jupiter-api", "junit-jupiter-engine",
            "junit-jupiter-params", "junit-platform-commons", "junit-platform-engine", "junit-platform-launcher",
            "opentest4j", "apiguardian-api", "surefire-api", "surefire-booter", "surefire-junit-platform",
            "common-java5", "common-junit3", "common-junit4", "surefire-logger-api", "surefire-shared-utils",
            "surefire-extensions-spi", "surefire-extensions-api", "junit-jupiter");

    @Test
    void everyRuntimeJarIsShippedOrNamedAsFijis() throws IOException {
        String build = Files.readString(Path.of("update-site/build.sh"));
        Matcher include = Pattern.compile("--include ([\\w,.-]+)").matcher(build);
        assertTrue(include.find(), "build.sh names what it ships");
        List<String> shipped = List.of(include.group(1).split(","));
        String readme = Files.readString(Path.of("update-site/README.md"));
        List<String> missing = new ArrayList<>();
        // The runtime class path Maven wrote for this test: Spark (provided by a cluster) and test jars are not in it.
        String runtime = Files.readString(Path.of("target/runtime-classpath.txt")).strip();
        assertTrue(runtime.contains("pytorch-engine"), "the runtime class path lists the plugin's jars");
        for (String entry : runtime.split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (!name.endsWith(".jar") || !entry.contains(".m2")) {
                continue; // the project's own classes
            }
            String artifact = name.replaceFirst("-\\d.*\\.jar$", "");
            boolean fromDjlNatives = artifact.startsWith("pytorch-native-cpu");
            if (TEST_ONLY.contains(artifact) || fromDjlNatives || shipped.contains(artifact)) {
                continue;
            }
            if (!readme.contains(":" + artifact + "`") && !readme.contains("`" + artifact + "`")) {
                missing.add(artifact);
            }
        }
        assertTrue(missing.isEmpty(), "neither shipped nor named in update-site/README.md: " + missing);
    }
}
