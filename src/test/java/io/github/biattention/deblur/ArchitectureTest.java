package io.github.biattention.deblur;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Only the front ends ({@code fiji}, {@code cli}) know about user interfaces: the engine, the network, training,
 * metrics, evaluation, classical deconvolution, model files and the update-site builder import no SciJava, ImageJ or
 * AWT/Swing, so the same
 * engine serves menus, macros, headless runs and tests. The files package (the one reader of image files) and the data
 * package may use ImageJ 1.x.
 */
class ArchitectureTest {

    private static final Path SOURCES = Path.of("src/main/java/io/github/biattention/deblur");
    private static final Pattern UI = Pattern.compile(
            "import (static )?(org\\.scijava|net\\.imagej|ij|java\\.awt|javax\\.swing)\\..*");
    private static final Pattern DJL = Pattern.compile("import (static )?ai\\.djl\\..*");
    private static final Pattern UI_BUT_IMAGEJ_IO = Pattern.compile(
            "import (static )?(org\\.scijava|net\\.imagej|java\\.awt|javax\\.swing)\\..*");

    @Test
    void patternsCatchUserInterfaceImports() {
        assertTrue(UI.matcher("import ij.IJ;").matches());
        assertTrue(UI.matcher("import org.scijava.command.Command;").matches());
        assertFalse(UI.matcher("import io.github.biattention.deblur.model.DeblurModel;").matches());
        assertFalse(UI_BUT_IMAGEJ_IO.matcher("import ij.io.Opener;").matches());
    }

    @Test
    void coreArchitectureImportsNoUserInterface() {
        List<String> offending = Stream.of("network", "inference", "training", "metrics", "evaluation", "model",
                "updatesite", "classical", "interop")
                .flatMap(p -> violations(p, UI).stream()).collect(Collectors.toList());
        offending.addAll(violations("data", UI_BUT_IMAGEJ_IO));
        offending.addAll(violations("files", UI_BUT_IMAGEJ_IO));
        assertTrue(offending.isEmpty(), String.join("\n", offending));
    }

    /** Data generation, metrics, classical deconvolution and the update site are plain Java, without the engine. */
    @Test
    void plainJavaPackagesDoNotUseDjl() {
        List<String> offending = Stream.of("data", "files", "metrics", "classical", "updatesite")
                .flatMap(p -> violations(p, DJL).stream()).collect(Collectors.toList());
        assertTrue(offending.isEmpty(), String.join("\n", offending));
    }

    private static List<String> violations(String pkg, Pattern forbidden) {
        try (Stream<Path> files = Files.list(SOURCES.resolve(pkg))) {
            return files.filter(f -> f.toString().endsWith(".java"))
                    .flatMap(f -> lines(f).stream().filter(l -> forbidden.matcher(l).matches())
                            .map(l -> pkg + "/" + f.getFileName() + ": " + l))
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
