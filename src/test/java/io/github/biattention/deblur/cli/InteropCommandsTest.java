package io.github.biattention.deblur.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.biattention.deblur.interop.Npy;
import io.github.biattention.deblur.interop.NpyArray;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code export}, {@code import} and the hidden {@code forward}. */
class InteropCommandsTest {

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @Test
    void exportImportAndForwardGiveTheBundledModelsOutputBitForBit(@TempDir Path dir) throws Exception {
        Path npz = dir.resolve("general.npz");
        assertEquals(0, DeblurCli.execute("export", "--model", "general", "--output", npz.toString()));
        assertTrue(console.stdout().contains("Wrote 58 parameter arrays of 'general'"), console.stdout());
        Path model = dir.resolve("copy.zip");
        assertEquals(0, DeblurCli.execute("import", "--weights", npz.toString(), "--output", model.toString(),
                "--name", "copy"));
        assertTrue(console.stdout().contains("Wrote model 'copy'"), console.stdout());

        Random random = new Random(2);
        float[] pixels = new float[48 * 40];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextFloat();
        }
        Path input = dir.resolve("in.npy");
        Files.write(input, Npy.toBytes(NpyArray.ofFloats(pixels, 48, 40)));
        Path a = dir.resolve("a.npy");
        Path b = dir.resolve("b.npy");
        assertEquals(0, DeblurCli.execute("forward", "--model", "general", "--input", input.toString(),
                "--output", a.toString(), "--repeat", "2"));
        assertTrue(console.stdout().matches("(?s).*input \\[48, 40], threads \\d+, forward median [0-9.]+ ms over 2.*"),
                console.stdout());
        assertEquals(0, DeblurCli.execute("forward", "--model", model.toString(), "--input", input.toString(),
                "--output", b.toString()));
        NpyArray ya = Npy.parse(Files.readAllBytes(a), "a");
        NpyArray yb = Npy.parse(Files.readAllBytes(b), "b");
        assertArrayEquals(new long[] {48, 40}, ya.shape());
        assertArrayEquals(ya.floats(), yb.floats(), 0f);
    }

    @Test
    void existingOutputsAreKeptWithoutOverwriteAndBadWeightsExplainThemselves(@TempDir Path dir) throws Exception {
        Path npz = dir.resolve("w.npz");
        Files.writeString(npz, "old");
        assertEquals(1, DeblurCli.execute("export", "--output", npz.toString()));
        assertTrue(console.stderr().contains("--overwrite"));
        assertEquals("old", Files.readString(npz));

        Path model = dir.resolve("m.zip");
        assertEquals(1, DeblurCli.execute("import", "--weights", npz.toString(), "--output", model.toString()));
        assertTrue(console.stderr().contains("Cannot read the weights"));
        assertFalse(Files.exists(model));
    }

    @Test
    void forwardIsHiddenFromTheUsage() {
        assertEquals(0, DeblurCli.execute("--help"));
        assertTrue(console.stdout().contains("export") && console.stdout().contains("import"), console.stdout());
        assertFalse(console.stdout().contains("forward"), console.stdout());
    }

    @Test
    void bankWritesCropsKernelsAndTheNoiseSettingsTheTwinNeeds(@TempDir Path dir) throws Exception {
        Path general = dir.resolve("general.npz");
        assertEquals(0, DeblurCli.execute("bank", "--count", "3", "--kernels", "5", "--output",
                general.toString()));
        java.util.Map<String, NpyArray> g = io.github.biattention.deblur.interop.Npz.read(general);
        // The trainer's crop: a 128 px patch plus the 31 px kernel's margin.
        assertArrayEquals(new long[] {3, 158, 158}, g.get("sharp").shape());
        assertArrayEquals(new long[] {5, 31, 31}, g.get("kernels").shape());
        for (int k = 0; k < 5; k++) {
            double sum = 0;
            for (int i = 0; i < 31 * 31; i++) {
                sum += g.get("kernels").floats()[k * 31 * 31 + i];
            }
            assertEquals(1.0, sum, 1e-4, "kernel " + k);
        }
        String settings = new String(g.get("__settings__").bytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(settings.contains("\"kind\": \"general\"") && settings.contains("\"maxPhotons\": 30000.0"), settings);

        Path widefield = dir.resolve("widefield.npz");
        assertEquals(0, DeblurCli.execute("bank", "--kind", "widefield", "--count", "2", "--kernels", "2",
                "--output", widefield.toString()));
        java.util.Map<String, NpyArray> w = io.github.biattention.deblur.interop.Npz.read(widefield);
        assertArrayEquals(new long[] {2, 190, 190}, w.get("sharp").shape());
        assertArrayEquals(new long[] {2, 63, 63}, w.get("kernels").shape());
        assertTrue(new String(w.get("__settings__").bytes(), java.nio.charset.StandardCharsets.UTF_8)
                .contains("\"sharpEncoding\": \"sqrt8\""));
        assertEquals(1, DeblurCli.execute("bank", "--kind", "confocal", "--output", dir.resolve("x.npz").toString()));
        assertEquals(1, DeblurCli.execute("bank", "--size", "64", "--output", dir.resolve("y.npz").toString()));
        assertTrue(console.stderr().contains("--size >= 158"), console.stderr());
    }

    @Test
    void bankTakesTheGivenShareOfItsCropsFromTheSharpFolder(@TempDir Path dir) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("sharp"));
        ij.process.ByteProcessor grey = new ij.process.ByteProcessor(512, 512);
        grey.setValue(128);
        grey.fill();
        ij.IJ.saveAsTiff(new ij.ImagePlus("grey", grey), folder.resolve("grey.tif").toString());
        int[] constantCrops = new int[2];
        double[] shares = {1, 0};
        for (int s = 0; s < 2; s++) {
            Path bank = dir.resolve("bank" + s + ".npz");
            assertEquals(0, DeblurCli.execute("bank", "--kind", "widefield", "--sharp", folder.toString(),
                    "--sharp-share", String.valueOf(shares[s]), "--count", "6", "--kernels", "1",
                    "--output", bank.toString()));
            byte[] crops = io.github.biattention.deblur.interop.Npz.read(bank).get("sharp").bytes();
            int n = 190 * 190;
            for (int c = 0; c < 6; c++) {
                boolean constant = true;
                for (int i = 1; i < n && constant; i++) {
                    constant = crops[c * n + i] == crops[c * n];
                }
                constantCrops[s] += constant ? 1 : 0;
            }
        }
        // Share 1: every crop is the uniform grey image; share 0: none (generated specimens, never uniform).
        assertEquals(6, constantCrops[0]);
        assertEquals(0, constantCrops[1]);
        assertEquals(1, DeblurCli.execute("bank", "--sharp-share", "1.5", "--sharp", folder.toString(),
                "--output", dir.resolve("z.npz").toString()));
        assertTrue(console.stderr().contains("--sharp-share must be between 0 and 1"), console.stderr());
    }
}
