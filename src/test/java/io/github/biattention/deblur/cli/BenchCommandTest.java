package io.github.biattention.deblur.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench} with toy settings: the files it writes and the tables it prints. */
class BenchCommandTest {

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @TempDir
    Path dir;

    @Test
    void tinyBenchWritesTheMarkdownAndTheFigure() throws Exception {
        Path out = dir.resolve("out");
        int code = DeblurCli.execute("bench", "--per-kind", "1", "--size", "32", "--tuning", "1", "--tile", "32",
                "--overlap", "8", "--speed-sizes", "32", "--runs", "1", "--conv-side", "16", "--models", "general", "--output",
                out.toString());
        assertEquals(0, code, console.stderr());
        String printed = console.stdout();
        assertTrue(printed.contains("| RL (true PSF) |") && printed.contains("| general |"), printed);
        assertTrue(printed.contains("| 32² | 32, overlap 8 (1) | 1 |"), printed);

        String markdown = Files.readString(out.resolve("BENCH.md"));
        assertTrue(markdown.contains("- Command: `java -jar bi-attention-deblur.jar bench --per-kind 1 --size 32"),
                markdown);
        assertTrue(markdown.contains("## Quality") && markdown.contains("## Speed"), markdown);
        assertTrue(markdown.contains("- Java ") && markdown.contains("DJL ") && markdown.contains(" cores"), markdown);
        assertTrue(markdown.contains("columns: sharp | blurred | RL | Wiener | general"), markdown);

        ImagePlus figure = IJ.openImage(out.resolve("bench-crops.png").toString());
        // A label column of 64 and 5 panels of 32 + 4; a heading of 16 + 4, 3 rows of 32 + 16 + 4.
        assertEquals(64 + 5 * 36, figure.getWidth());
        assertEquals(20 + 3 * 52, figure.getHeight());
    }

    @Test
    void widefieldBenchPrintsTheTableAndDrawsOneRowPerPhotonBracket() throws Exception {
        Path table = dir.resolve("wf.md");
        Path png = dir.resolve("wf.png");
        int code = DeblurCli.execute("bench-widefield", "--models", "widefield", "--count", "3", "--size", "32",
                "--tuning", "1", "--photons", "100,100", "--output", table.toString(), "--figure", png.toString());
        assertEquals(0, code, console.stderr());
        String markdown = Files.readString(table);
        assertTrue(markdown.contains("| RL (true PSF) |") && markdown.contains("| widefield |")
                && markdown.contains("| widefield + RL |") && markdown.contains("| RL (objective PSF) |")
                && markdown.contains("| widefield + RL (objective PSF) |"), markdown);
        ImagePlus figure = IJ.openImage(png.toString());
        // All three cases are in the lowest bracket: one row; columns sharp, blurred, RL, RL best per case,
        // RL with the objective PSF, Wiener, model, model + RL, model + RL with the objective PSF.
        assertEquals(64 + 9 * 36, figure.getWidth());
        assertEquals(20 + 52, figure.getHeight());
    }

    @Test
    void helpExitsWithZero() {
        assertEquals(0, DeblurCli.execute("bench", "--help"));
        assertTrue(console.stdout().contains("--speed-sizes"), console.stdout());
    }

    @Test
    void badSizesAreRefusedWithOneLine() {
        assertEquals(1, DeblurCli.execute("bench", "--speed-sizes", "8", "--output", dir.toString()));
        assertTrue(console.stderr().contains("--speed-sizes must be at least 16, got 8"), console.stderr());
    }

    @Test
    void modelFilesAreNamedWithoutTheirFolderAndExtension() {
        assertEquals("general", BenchCommand.label("general"));
        assertEquals("mine", BenchCommand.label("/tmp/models/mine.zip"));
    }
}
