package io.github.biattention.deblur.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.biattention.deblur.evaluation.EvaluationReport;
import io.github.biattention.deblur.fiji.PairImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code evaluate} on pairs of real images: folders and a fake GOPRO tree. */
class EvaluateCommandTest {

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @TempDir
    Path dir;

    @Test
    void pairsOfFoldersPrintTheTableAndMeansAndWriteTheCsv() throws IOException {
        PairImages.rgb(dir.resolve("blur/a.png"), 24, 20, 1, 1.5);
        PairImages.rgb(dir.resolve("sharp/a.png"), 24, 20, 1, 0);
        PairImages.grey16(dir.resolve("blur/b.tif"), 24, 20, 2, 1.5);
        PairImages.grey16(dir.resolve("sharp/b.tif"), 24, 20, 2, 0);
        PairImages.grey16(dir.resolve("blur/extra.tif"), 24, 20, 3, 1.5);
        Path csv = dir.resolve("scores.csv");
        int code = DeblurCli.execute("evaluate", "--pairs", dir.resolve("blur").toString(),
                dir.resolve("sharp").toString(), "--tile", "128", "--csv", csv.toString());
        assertEquals(0, code, console.stderr());
        String printed = console.stdout();
        assertTrue(printed.contains("Evaluating 2 pairs: pairs of "), printed);
        assertTrue(printed.contains("blurred PSNR / SSIM"), printed);
        assertTrue(printed.lines().anyMatch(l -> l.startsWith("a.png ") && l.contains("24x20x3")), printed);
        assertTrue(printed.lines().anyMatch(l -> l.startsWith("b.tif ") && l.contains("24x20 ")), printed);
        assertTrue(printed.contains("mean over 2 images: blurred "), printed);
        assertTrue(console.stderr().contains("1 file without a partner was skipped: blur/extra.tif"), console.stderr());
        List<String> lines = Files.readAllLines(csv);
        assertEquals(EvaluationReport.CSV_HEADER, lines.get(0));
        assertEquals(3, lines.size());
        assertTrue(lines.get(1).startsWith("a.png,24,20,3,"), lines.get(1));
        assertTrue(lines.get(2).startsWith("b.tif,24,20,1,"), lines.get(2));
    }

    @Test
    void aGoproTreeIsDetectedAndLimited() {
        for (String sequence : List.of("GOPR0384_11_00", "GOPR0410_11_00")) {
            for (int frame = 1; frame <= 2; frame++) {
                Path base = dir.resolve("GOPRO_Large/test/" + sequence);
                String name = String.format("%06d.png", frame);
                PairImages.rgb(base.resolve("blur/" + name), 24, 20, frame, 1.5);
                PairImages.rgb(base.resolve("sharp/" + name), 24, 20, frame, 0);
            }
        }
        int code = DeblurCli.execute("evaluate", "--dataset", dir.toString(), "--limit", "3");
        assertEquals(0, code, console.stderr());
        String printed = console.stdout();
        assertTrue(printed.contains("Evaluating 3 of 4 pairs: GOPRO test (blur)"), printed);
        assertTrue(printed.contains("GOPR0410_11_00/000001.png"), printed);
        assertTrue(!printed.contains("GOPR0410_11_00/000002.png"), printed);
        assertTrue(printed.contains("mean over 3 images"), printed);
    }

    @Test
    void modesAndTheirOptionsDoNotMix() throws IOException {
        Files.createDirectories(dir.resolve("b"));
        assertEquals(1, DeblurCli.execute("evaluate", "--gopro", dir.toString(), "--dvd", dir.toString()));
        assertTrue(console.stderr().contains("Choose one of --gopro, --dvd"), console.stderr());
        console.reset();
        assertEquals(1, DeblurCli.execute("evaluate", "--dvd", dir.toString(), "--count", "3"));
        assertTrue(console.stderr().contains("--count is only for the synthetic evaluation"), console.stderr());
        console.reset();
        assertEquals(1, DeblurCli.execute("evaluate", "--limit", "3", "--count", "1"));
        assertTrue(console.stderr().contains("--limit is only for --pairs"), console.stderr());
        console.reset();
        assertEquals(1, DeblurCli.execute("evaluate", "--gopro", dir.resolve("b").toString()));
        assertTrue(console.stderr().contains("No test folder"), console.stderr());
        console.reset();
        assertEquals(0, DeblurCli.execute("evaluate", "--help"));
        assertTrue(console.stdout().contains("--pairs=DIR DIR"), console.stdout());
    }
}
