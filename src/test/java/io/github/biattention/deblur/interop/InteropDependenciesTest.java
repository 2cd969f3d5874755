package io.github.biattention.deblur.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class InteropDependenciesTest {

    private static final Pattern UI_IMPORT =
            Pattern.compile("import (static )?(org\\.scijava|net\\.imagej|net\\.imglib2|ij|java\\.awt|javax\\.swing)\\..*");

    /** Weight exchange works without Fiji: no SciJava, ImageJ, ImgLib2 or AWT imports in this package. */
    @Test
    void noUserInterfaceImports() throws IOException {
        List<String> offending;
        try (Stream<Path> files = Files.list(Path.of("src/main/java/io/github/biattention/deblur/interop"))) {
            offending = files.filter(f -> f.toString().endsWith(".java"))
                    .flatMap(f -> {
                        try {
                            return Files.readAllLines(f).stream()
                                    .filter(l -> UI_IMPORT.matcher(l).matches())
                                    .map(l -> f.getFileName() + ": " + l);
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    })
                    .collect(Collectors.toList());
        }
        assertTrue(offending.isEmpty(), String.join("\n", offending));
    }
}
