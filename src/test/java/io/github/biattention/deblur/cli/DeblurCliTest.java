package io.github.biattention.deblur.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ColorProcessor;
import ij.process.ShortProcessor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class DeblurCliTest {

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @Test
    void gradientCheckFindsTheNetworksTrainingGradientsRight() {
        assertEquals(0, DeblurCli.execute("gradient-check", "--width", "8", "--size", "32"), () -> console.stderr() + console.stdout());
        String out = console.stdout();
        assertTrue(out.contains("filters  DJL Conv2d  network's convolution"), out);
        assertTrue(out.contains("at half resolution (pixel unshuffle), 32x32: 56 parameters"), out);
        assertTrue(out.endsWith("Training gradients are right." + System.lineSeparator()), out);
    }

    @Test
    void deviceInfoReportsTheEngineAndWhyAGpuIsNotUsed(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        assertEquals(0, DeblurCli.execute("device-info"));
        String out = console.stdout();
        assertTrue(out.contains("Engine: PyTorch"), out);
        assertTrue(out.contains("Device used for 'auto': cpu()"), out);
        assertTrue(out.contains("No GPU is usable ("), "this machine has no GPU, and the report says why: " + out);
        console.reset();
        // forward asked for the GPU: the same reason on stderr, and the pass runs on the CPU
        java.nio.file.Path input = dir.resolve("in.npy");
        java.nio.file.Files.write(input, io.github.biattention.deblur.interop.Npy.toBytes(
                io.github.biattention.deblur.interop.NpyArray.ofFloats(new float[32 * 32], new long[] {32, 32})));
        assertEquals(0, DeblurCli.execute("forward", "--device", "gpu", "--input", input.toString()));
        assertTrue(console.stderr().contains("No GPU is usable ("), console.stderr());
        assertTrue(console.stdout().contains("device cpu(), input [32, 32]"), console.stdout());
    }

    @Test
    void helpOnTheToolAndEverySubcommandExitsZero() {
        for (String[] args : new String[][] {{"--help"}, {"deblur", "--help"}, {"train", "--help"},
                {"models", "--help"}}) {
            console.reset();
            assertEquals(0, DeblurCli.execute(args), String.join(" ", args));
            assertTrue(console.stdout().contains("Usage:"), String.join(" ", args));
        }
    }

    @Test
    void modelsListsTheBundledModelWithItsCard() {
        assertEquals(0, DeblurCli.execute("models"));
        assertTrue(console.stdout().contains("== general (default)"));
    }

    private static Path write16Bit(Path file, int w, int h, long seed) {
        ShortProcessor sp = new ShortProcessor(w, h);
        Random random = new Random(seed);
        for (int i = 0; i < w * h; i++) {
            sp.set(i, 1000 + (int) (800 * Math.sin(i % w / 5.0) * Math.cos(i / w / 7.0)) + random.nextInt(50));
        }
        new FileSaver(new ImagePlus("x", sp)).saveAsTiff(file.toString());
        return file;
    }

    @Test
    void deblursOneFileIntoA32BitTiffInTheInputsScale(@TempDir Path dir) {
        Path in = write16Bit(dir.resolve("in.tif"), 45, 38, 1);
        Path target = dir.resolve("out.tif");
        assertEquals(0, DeblurCli.execute("deblur", "--input", in.toString(), "--output", target.toString()),
                console.stderr());
        ImagePlus result = IJ.openImage(target.toString());
        assertEquals(45, result.getWidth());
        assertEquals(38, result.getHeight());
        assertEquals(ImagePlus.GRAY32, result.getType());
        double mean = result.getStatistics().mean;
        assertTrue(mean > 800 && mean < 1200, "output stays in the input's intensity scale, mean " + mean);
        // The default refuses to overwrite.
        assertEquals(1, DeblurCli.execute("deblur", "--input", in.toString(), "--output", target.toString()));
        assertTrue(console.stderr().contains("--overwrite"), console.stderr());
    }

    /** The largest pixel difference of two 32-bit images of one size. */
    private static double maxDifference(ImagePlus a, ImagePlus b) {
        float[] pa = (float[]) a.getProcessor().getPixels();
        float[] pb = (float[]) b.getProcessor().getPixels();
        double difference = 0;
        for (int i = 0; i < pa.length; i++) {
            difference = Math.max(difference, Math.abs(pa[i] - pb[i]));
        }
        return difference;
    }

    @Test
    void ensembleAveragesEightOrientationsIntoAnotherResultOfTheSameScale(@TempDir Path dir) {
        Path in = write16Bit(dir.resolve("in.tif"), 48, 40, 5);
        Path once = dir.resolve("once.tif");
        Path eight = dir.resolve("eight.tif");
        assertEquals(0, DeblurCli.execute("deblur", "--input", in.toString(), "--output", once.toString()));
        assertEquals(0, DeblurCli.execute("deblur", "--input", in.toString(), "--output", eight.toString(),
                "--ensemble"), console.stderr());
        ImagePlus a = IJ.openImage(once.toString());
        ImagePlus b = IJ.openImage(eight.toString());
        double difference = maxDifference(a, b);
        assertTrue(difference > 0.1, "the ensemble changed the result by at most " + difference);
        double means = Math.abs(a.getStatistics().mean - b.getStatistics().mean);
        assertTrue(means < 0.02 * a.getStatistics().mean, "same intensity scale: means differ by " + means);
    }

    @Test
    void knownOpticsRefineTheResultAndMissingOpticsAreRefused(@TempDir Path dir) {
        Path in = write16Bit(dir.resolve("in.tif"), 48, 40, 3);
        Path blind = dir.resolve("blind.tif");
        Path optics = dir.resolve("optics.tif");
        assertEquals(0, DeblurCli.execute("deblur", "--input", in.toString(), "--output", blind.toString()));
        assertEquals(0, DeblurCli.execute("deblur", "--input", in.toString(), "--output", optics.toString(),
                "--na", "1.4", "--wavelength", "520", "--ri", "1.515", "--pixel-size", "65", "--refine", "5"),
                console.stderr());
        double difference = maxDifference(IJ.openImage(blind.toString()), IJ.openImage(optics.toString()));
        assertTrue(difference > 1, "the optics-aware step changed the result by at most " + difference);
        // The image has no calibration: without --pixel-size the PSF cannot be made.
        assertEquals(1, DeblurCli.execute("deblur", "--input", in.toString(), "--output",
                dir.resolve("x.tif").toString(), "--na", "1.4"));
        assertTrue(console.stderr().contains("no pixel size"), console.stderr());
        assertEquals(1, DeblurCli.execute("deblur", "--input", in.toString(), "--output",
                dir.resolve("z.tif").toString(), "--na", "1.4", "--pixel-size", "0"));
        assertTrue(console.stderr().contains("--pixel-size must be positive (nm), got 0.0"), console.stderr());
        assertEquals(1, DeblurCli.execute("deblur", "--input", in.toString(), "--output",
                dir.resolve("y.tif").toString(), "--refine", "5"));
        assertTrue(console.stderr().contains("--refine needs the optics"), console.stderr());
    }

    @Test
    void deblursAFolderOfGrayAndRgbImages(@TempDir Path dir) throws Exception {
        Path inDir = Files.createDirectories(dir.resolve("in"));
        write16Bit(inDir.resolve("a.tif"), 32, 40, 2);
        ColorProcessor cp = new ColorProcessor(30, 20);
        cp.setColor(new java.awt.Color(200, 40, 90));
        cp.fillOval(5, 3, 15, 12);
        new FileSaver(new ImagePlus("b", cp)).saveAsPng(inDir.resolve("b.png").toString());
        Files.writeString(inDir.resolve("notes.txt"), "not an image");
        Path outDir = dir.resolve("out");
        assertEquals(0, DeblurCli.execute("deblur", "--input", inDir.toString(), "--output", outDir.toString()),
                console.stderr());
        assertTrue(Files.isRegularFile(outDir.resolve("a.tif")));
        ImagePlus rgb = IJ.openImage(outDir.resolve("b.tif").toString());
        assertEquals(3, rgb.getNChannels(), "RGB becomes three deblurred channels");
        assertFalse(Files.exists(outDir.resolve("notes.tif")));
    }

    @Test
    void badInputExitsNonZeroWithOneClearLine(@TempDir Path dir) throws Exception {
        assertNotEquals(0, DeblurCli.execute("deblur", "--input", dir.resolve("missing.tif").toString(),
                "--output", dir.resolve("o.tif").toString()));
        assertTrue(console.stderr().contains("does not exist"), console.stderr());

        console.reset();
        Path empty = Files.createDirectories(dir.resolve("empty"));
        assertNotEquals(0, DeblurCli.execute("deblur", "--input", empty.toString(), "--output",
                dir.resolve("o").toString()));
        assertTrue(console.stderr().contains("No images"), console.stderr());

        console.reset();
        Path in = write16Bit(dir.resolve("in.tif"), 16, 16, 3);
        assertNotEquals(0, DeblurCli.execute("deblur", "--input", in.toString(), "--output",
                dir.resolve("o.tif").toString(), "--model", "nosuchmodel"));
        assertTrue(console.stderr().contains("Unknown model 'nosuchmodel'"), console.stderr());

        console.reset();
        Path garbage = dir.resolve("garbage.png");
        Files.writeString(garbage, "this is not a PNG");
        assertNotEquals(0, DeblurCli.execute("deblur", "--input", garbage.toString(), "--output",
                dir.resolve("g.tif").toString()));
        assertTrue(console.stderr().contains("garbage.png is not an image"), console.stderr());
        assertFalse(Files.exists(dir.resolve("g.tif")), "nothing written for a failed image");
        for (String line : console.stderr().split("\n")) {
            assertFalse(line.trim().startsWith("at "), "no stack trace: " + console.stderr());
        }
    }
}
