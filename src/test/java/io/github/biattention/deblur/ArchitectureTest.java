package io.github.biattention.deblur;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layers, checked on every source file's whole text (imports and fully qualified names alike):
 *
 * <ul>
 *   <li>the engine and everything below the shells (network, inference, training, metrics, evaluation, model,
 *       classical, interop, update site) use no SciJava, ImageJ, AWT or Swing, so the same engine serves menus,
 *       macros, headless runs and tests;
 *   <li>the ImageJ 1.x layer ({@code imagej}, {@code files}), {@code data}, {@code microscopy} (its sample is an
 *       ImageJ TIFF) and {@code benchmark} (it stands on microscopy) may use ImageJ 1.x, never SciJava, windows or
 *       Swing;
 *   <li>the benchmarks ({@code benchmark}) serve only the shells: nothing else uses them;
 *   <li>only the Fiji commands ({@code fiji}) use SciJava, and nothing else uses them; nothing uses the command line
 *       ({@code cli}) or the Spark job ({@code spark}), the only package that uses Spark, Hadoop or Scala (they come
 *       from a cluster, and the plugin's jar leaves the package out);
 *   <li>plain Java packages (data, files, metrics, classical, update site) do not use the engine (DJL).
 * </ul>
 */
class ArchitectureTest {

    private static final Path SOURCES = Path.of("src/main/java/io/github/biattention/deblur");
    private static final Set<String> CORE = Set.of("network", "inference", "training", "metrics", "evaluation",
            "model", "classical", "interop", "updatesite");
    /** May use ImageJ 1.x (microscopy writes its bundled sample as an ImageJ TIFF; benchmark uses microscopy). */
    private static final Set<String> IMAGEJ_LAYER = Set.of("imagej", "files", "data", "microscopy", "benchmark");
    private static final Set<String> SHELLS = Set.of("fiji", "cli", "spark");
    private static final Set<String> PLAIN_JAVA = Set.of("data", "files", "metrics", "classical", "updatesite");

    private static final Pattern USER_INTERFACE = Pattern.compile(
            "\\b(org\\.scijava|net\\.imagej|javax\\.swing)\\.|\\bjava\\.awt\\.[A-Z]|^import (static )?ij\\.",
            Pattern.MULTILINE);
    private static final Pattern SCIJAVA_OR_WINDOWS = Pattern.compile(
            "\\b(org\\.scijava|net\\.imagej|javax\\.swing)\\.|\\bjava\\.awt\\.[A-Z]");
    /** DJL imported or named by class (module names in comments, such as ai.djl.pytorch_native..., are not use). */
    private static final Pattern DJL = Pattern.compile("^import (static )?ai\\.djl\\.|\\bai\\.djl\\.(\\w+\\.)*[A-Z]",
            Pattern.MULTILINE);
    private static final Pattern FIJI = Pattern.compile("\\bio\\.github\\.biattention\\.deblur\\.fiji\\.");
    private static final Pattern CLI = Pattern.compile("\\bio\\.github\\.biattention\\.deblur\\.cli\\.");
    private static final Pattern EVALUATION = Pattern.compile("\\bio\\.github\\.biattention\\.deblur\\.evaluation\\.");
    private static final Pattern SPARK = Pattern.compile("\\bio\\.github\\.biattention\\.deblur\\.spark\\.");
    /** Spark and Hadoop are provided by a cluster, never by Fiji: only the spark package (its own jar) uses them. */
    private static final Pattern CLUSTER = Pattern.compile("\\borg\\.apache\\.(spark|hadoop)\\.|\\bscala\\.");
    private static final Pattern BENCHMARK = Pattern.compile("\\bio\\.github\\.biattention\\.deblur\\.benchmark\\.");

    @Test
    void patternsCatchWhatTheyShould() {
        assertTrue(USER_INTERFACE.matcher("import ij.IJ;").find());
        assertTrue(USER_INTERFACE.matcher("x = new org.scijava.Context();").find());
        assertTrue(USER_INTERFACE.matcher("java.awt.Font f;").find());
        assertFalse(USER_INTERFACE.matcher("import io.github.biattention.deblur.model.DeblurModel;").find());
        assertFalse(SCIJAVA_OR_WINDOWS.matcher("import ij.io.Opener;").find());
        assertFalse(SCIJAVA_OR_WINDOWS.matcher("java.awt.image.BufferedImage b;").find());
        assertTrue(FIJI.matcher("io.github.biattention.deblur.fiji.MacroBridge.install()").find());
    }

    /** A new package must be placed in one of the layers first. */
    @Test
    void everyPackageHasALayer() throws IOException {
        Set<String> known = new TreeSet<>(CORE);
        known.addAll(IMAGEJ_LAYER);
        known.addAll(SHELLS);
        try (Stream<Path> dirs = Files.list(SOURCES)) {
            Set<String> packages = dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString())
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(known, packages);
        }
    }

    @Test
    void layersUseOnlyWhatIsBelowThem() {
        List<String> offending = new ArrayList<>();
        for (String p : CORE) {
            offending.addAll(violations(p, USER_INTERFACE));
        }
        for (String p : IMAGEJ_LAYER) {
            offending.addAll(violations(p, SCIJAVA_OR_WINDOWS));
        }
        for (String p : PLAIN_JAVA) {
            offending.addAll(violations(p, DJL));
        }
        for (String p : union(CORE, IMAGEJ_LAYER, Set.of("cli", "spark"))) {
            offending.addAll(violations(p, FIJI));
        }
        for (String p : union(CORE, IMAGEJ_LAYER, Set.of("fiji", "spark"))) {
            offending.addAll(violations(p, CLI));
        }
        for (String p : union(CORE, IMAGEJ_LAYER, Set.of("fiji", "cli"))) {
            offending.addAll(violations(p, SPARK));
            offending.addAll(violations(p, CLUSTER));
        }
        // The benchmarks sit just below the shells: what they measure must not depend on them.
        for (String p : union(CORE, IMAGEJ_LAYER)) {
            if (!p.equals("benchmark")) {
                offending.addAll(violations(p, BENCHMARK));
            }
        }
        // Training draws its data from data, never from the evaluation that scores its results.
        offending.addAll(violations("training", EVALUATION));
        assertTrue(offending.isEmpty(), String.join("\n", offending));
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        Set<String> all = new TreeSet<>();
        for (Set<String> s : sets) {
            all.addAll(s);
        }
        return all;
    }

    private static List<String> violations(String pkg, Pattern forbidden) {
        try (Stream<Path> files = Files.list(SOURCES.resolve(pkg))) {
            return files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> forbidden.matcher(text(f)).find())
                    .map(f -> pkg + "/" + f.getFileName() + " uses " + forbidden.pattern())
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
