package io.github.biattention.deblur.inference;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class PackageDependenciesTest {

    private static final Pattern UI_IMPORT =
            Pattern.compile("import (static )?(org\\.scijava|net\\.imagej|ij|java\\.awt|javax\\.swing)\\..*");

    @Test
    void patternCatchesUserInterfaceImports() {
        assertTrue(UI_IMPORT.matcher("import ij.IJ;").matches());
        assertTrue(UI_IMPORT.matcher("import org.scijava.command.Command;").matches());
        assertFalse(UI_IMPORT.matcher("import io.github.biattention.deblur.model.DeblurModel;").matches());
    }

    /** The engine is usable without a UI: no SciJava, ImageJ or AWT imports in this package's sources. */
    @Test
    void noUserInterfaceImports() throws IOException {
        Path sources = Path.of("src/main/java/io/github/biattention/deblur/inference");
        List<String> offending;
        try (Stream<Path> files = Files.list(sources)) {
            offending = files.filter(f -> f.toString().endsWith(".java"))
                    .flatMap(f -> lines(f).stream()
                            .filter(l -> UI_IMPORT.matcher(l).matches())
                            .map(l -> f.getFileName() + ": " + l))
                    .collect(Collectors.toList());
        }
        assertTrue(offending.isEmpty(), String.join("\n", offending));
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
