package io.github.biattention.deblur.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ij.IJ;
import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ShortProcessor;
import io.github.biattention.deblur.inference.RandomModels;
import io.github.biattention.deblur.network.NetworkConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C on a running batch, in a real process: it stops within a tile and leaves only complete files. */
class InterruptTest {

    private static final int IMAGES = 6;

    @Test
    @EnabledOnOs(OS.LINUX)
    void ctrlCStopsTheBatchAndLeavesNoPartialFile(@TempDir Path dir) throws Exception {
        // A shell's background job starts with SIGINT ignored, and the child would inherit that: no Ctrl-C to test.
        Assumptions.assumeFalse(sigintIgnored(), "SIGINT is ignored in this process (started in the background)");
        Path model = dir.resolve("tiny.zip");
        try (Model m = RandomModels.create(NetworkConfig.biAttention(1, 8, 1), 42, 0.5f, 1e-4f)) {
            RandomModels.save(m, "tiny", model);
        }
        Path in = Files.createDirectories(dir.resolve("in"));
        Random random = new Random(1);
        for (int i = 0; i < IMAGES; i++) {
            ShortProcessor sp = new ShortProcessor(320, 320);
            for (int p = 0; p < 320 * 320; p++) {
                sp.set(p, 500 + random.nextInt(1000));
            }
            new FileSaver(new ImagePlus("i" + i, sp)).saveAsTiff(in.resolve("img" + i + ".tif").toString());
        }
        Path out = dir.resolve("out");
        Process process = new ProcessBuilder(ChildCli.command(dir.resolve("home"), "deblur",
                "--input", in.toString(), "--output", out.toString(), "--model", model.toString(), "--tile", "64",
                "--overlap", "8", "--verbose")).redirectErrorStream(true).start();
        StringBuilder output = new StringBuilder();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            // Interrupt once the first image is written: the second one is then being deblurred.
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                output.append(line).append('\n');
                if (line.contains(" -> ")) {
                    new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
                    break;
                }
            }
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "stopped: " + output);
            reader.lines().forEach(l -> output.append(l).append('\n'));
        } finally {
            process.destroyForcibly();
        }
        assertTrue(process.exitValue() != 0, "a cancelled run does not exit 0: " + output);
        List<String> files;
        try (Stream<Path> list = Files.list(out)) {
            files = list.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
        assertTrue(files.size() < IMAGES, "stopped before the end: " + files + "\n" + output);
        for (String name : files) {
            assertTrue(name.matches("img\\d\\.tif"), "only complete outputs, no temporary file: " + files);
            ImagePlus image = IJ.openImage(out.resolve(name).toString());
            assertNotNull(image, name);
            assertEquals(320, image.getWidth());
        }
        assertTrue(output.toString().contains("Cancelled (") && output.toString().contains("no partial file"),
                output.toString());
    }

    /** Whether SIGINT (signal 2) is in this process's ignored set, from the SigIgn mask of /proc/self/status. */
    private static boolean sigintIgnored() throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & (1L << 1)) != 0;
            }
        }
        return false;
    }
}
