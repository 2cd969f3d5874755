package io.github.biattention.deblur.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ShortProcessor;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM (what Ctrl-C, kill and batch schedulers send) ends a deblurring run within 5 s and leaves no partial file. */
@EnabledOnOs({OS.LINUX, OS.MAC})
class SignalTest {

    @Test
    void sigtermEndsARunQuicklyWithNothingPartialLeft(@TempDir Path dir) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        ShortProcessor sp = new ShortProcessor(1024, 1024);
        for (int i = 0; i < 1024 * 1024; i++) {
            sp.set(i, 1000 + (i * 7919) % 3000);
        }
        for (String name : List.of("a.tif", "b.tif", "c.tif", "d.tif", "e.tif", "f.tif", "g.tif", "h.tif")) {
            new FileSaver(new ImagePlus(name, sp)).saveAsTiff(in.resolve(name).toString());
        }
        Path out = dir.resolve("out");
        Process process = new ProcessBuilder(ChildCli.command(dir, "deblur", "--input", in.toString(),
                "--output", out.toString(), "--model", "general"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile()).start();
        // Let it start, load the model and finish its first image (it is then in the middle of the run), then ask it
        // to stop as a scheduler would.
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (!Files.exists(out.resolve("a.tif")) && process.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        Thread.sleep(500);
        assertTrue(process.isAlive(), "still working after its first image: "
                + Files.readString(dir.resolve("log.txt")));
        long start = System.nanoTime();
        process.destroy(); // SIGTERM
        boolean ended = process.waitFor(20, TimeUnit.SECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (!ended) {
            process.destroyForcibly();
        }
        assertTrue(ended && seconds < 5, "ended " + ended + " after " + seconds + " s");
        if (Files.isDirectory(out)) {
            try (Stream<Path> files = Files.list(out)) {
                List<String> left = files.map(p -> p.getFileName().toString()).collect(Collectors.toList());
                assertTrue(left.stream().noneMatch(n -> n.endsWith(".part")), "temporary files left: " + left);
                for (String name : left) {
                    assertTrue(new File(out.toFile(), name).length() > 1024 * 1024, name + " is complete");
                }
            }
        }
    }
}
