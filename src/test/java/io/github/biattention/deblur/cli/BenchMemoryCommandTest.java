package io.github.biattention.deblur.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import io.github.biattention.deblur.inference.RandomModels;
import io.github.biattention.deblur.network.NetworkConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class BenchMemoryCommandTest {

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @Test
    void largeImageAndSoakPrintTheirFigures(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("tiny.zip");
        try (Model m = RandomModels.create(NetworkConfig.biAttention(1, 8, 1), 42, 0.5f, 1e-4f)) {
            RandomModels.save(m, "tiny", model);
        }
        assertEquals(0, DeblurCli.execute("bench-memory", "--size", "100", "--tile", "64", "--overlap", "8",
                "--model", model.toString(), "--output", dir.resolve("out.tif").toString()), console.stderr());
        assertTrue(console.stdout().matches("(?s).*Deblurred 100x100 in .* s .*: peak RSS .*, peak heap .*"),
                console.stdout());
        console.reset();
        assertEquals(0, DeblurCli.execute("bench-memory", "--soak", "5", "--every", "2", "--tile", "64",
                "--overlap", "8", "--model", model.toString()), console.stderr());
        String out = console.stdout();
        for (String row : new String[] {"| 0 |", "| 2 |", "| 4 |", "| 5 |"}) {
            assertTrue(out.contains(row), out);
        }
        assertTrue(out.contains("5 tiles of 64"), out);
    }
}
