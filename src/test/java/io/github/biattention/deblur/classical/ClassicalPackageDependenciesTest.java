package io.github.biattention.deblur.classical;

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

/** The classical methods are plain Java: no ImageJ, SciJava, AWT/Swing or DJL imports. */
class ClassicalPackageDependenciesTest {

    private static final Pattern FORBIDDEN =
            Pattern.compile("import (static )?(org\\.scijava|net\\.imagej|ij|java\\.awt|javax\\.swing|ai\\.djl)\\..*");

    @Test
    void noUserInterfaceOrEngineImports() throws IOException {
        List<String> offending;
        try (Stream<Path> files = Files.list(Path.of("src/main/java/io/github/biattention/deblur/classical"))) {
            offending = files.filter(f -> f.toString().endsWith(".java"))
                    .flatMap(f -> lines(f).stream().filter(l -> FORBIDDEN.matcher(l).matches())
                            .map(l -> f.getFileName() + ": " + l))
                    .collect(Collectors.toList());
        }
        assertTrue(offending.isEmpty(), String.join("\n", offending));
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
