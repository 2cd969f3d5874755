package io.github.biattention.deblur.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.ShortProcessor;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class DeconvolveCommandTest {

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    /** A 16-bit stack of blurry blobs around 1000, calibrated at 0.065 micron per pixel. */
    private static Path writeStack(Path file, int w, int h, int planes) {
        ImageStack stack = new ImageStack(w, h);
        for (int p = 0; p < planes; p++) {
            ShortProcessor sp = new ShortProcessor(w, h);
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double d2 = Math.pow(x - w / 2.0 - p, 2) + Math.pow(y - h / 2.0, 2);
                    sp.set(x, y, 1000 + (int) (2000 * Math.exp(-d2 / 20)));
                }
            }
            stack.addSlice("plane" + p, sp);
        }
        ImagePlus imp = new ImagePlus("x", stack);
        imp.getCalibration().pixelWidth = 0.065;
        imp.getCalibration().pixelHeight = 0.065;
        imp.getCalibration().setUnit("micron");
        FileSaver saver = new FileSaver(imp);
        assertTrue(planes > 1 ? saver.saveAsTiffStack(file.toString()) : saver.saveAsTiff(file.toString()));
        return file;
    }

    @Test
    void helpExitsZero() {
        assertEquals(0, DeblurCli.execute("deconvolve", "--help"));
        String help = console.stdout();
        assertTrue(help.contains("Usage:") && help.contains("--psf-motion") && help.contains("--widefield"), help);
        console.reset();
        assertEquals(0, DeblurCli.execute("--help"));
        assertTrue(console.stdout().contains("deconvolve"));
    }

    /** A watery sample under an oil objective: the Gibson-Lanni PSF, wider with depth, from the calibration. */
    @Test
    void aMismatchedSampleGivesTheWiderGibsonLanniPsf(@TempDir Path dir) {
        Path in = writeStack(dir.resolve("in.tif"), 40, 30, 1);
        String[] sizes = new String[2];
        String[][] samples = {{}, {"--sample-ri", "1.333", "--depth", "10000"}};
        for (int i = 0; i < 2; i++) {
            console.reset();
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("deconvolve", "--input",
                    in.toString(), "--output", dir.resolve("out" + i + ".tif").toString(), "--widefield", "--na", "1.4",
                    "--iterations", "2", "--verbose"));
            args.addAll(java.util.List.of(samples[i]));
            assertEquals(0, DeblurCli.execute(args.toArray(new String[0])), console.stderr());
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("PSF (\\d+)x").matcher(console.stdout());
            assertTrue(m.find(), console.stdout());
            sizes[i] = m.group(1);
        }
        assertTrue(Integer.parseInt(sizes[1]) > Integer.parseInt(sizes[0]), sizes[0] + " -> " + sizes[1]);
        assertEquals(1, DeblurCli.execute("deconvolve", "--input", in.toString(), "--output",
                dir.resolve("bad.tif").toString(), "--widefield", "--sample-ri", "0.5"));
        assertTrue(console.stderr().contains("The sample refractive index must be in [1, 3], got 0.5"),
                console.stderr());
    }

    @Test
    void richardsonLucyWritesA32BitStackInTheInputsScale(@TempDir Path dir) {
        Path in = writeStack(dir.resolve("in.tif"), 40, 30, 3);
        Path target = dir.resolve("rl.tif");
        assertEquals(0, DeblurCli.execute("deconvolve", "--input", in.toString(), "--output", target.toString(),
                "--method", "rl", "--iterations", "10", "--tv", "0.002", "--psf-gaussian", "1.5"), console.stderr());
        ImagePlus result = IJ.openImage(target.toString());
        assertEquals(40, result.getWidth());
        assertEquals(30, result.getHeight());
        assertEquals(3, result.getStackSize());
        assertEquals(ImagePlus.GRAY32, result.getType());
        assertEquals(0.065, result.getCalibration().pixelWidth, 1e-7);
        double mean = result.getStatistics().mean;
        assertTrue(mean > 1000 && mean < 1500, "output stays in the input's intensity scale, mean " + mean);
        // The peak gets sharper: higher than the blurred input's.
        ImagePlus input = IJ.openImage(in.toString());
        assertTrue(result.getStack().getProcessor(2).getStatistics().max > input.getStack().getProcessor(2)
                .getStatistics().max);
        try (java.util.stream.Stream<Path> files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary file left beside the output");
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        // The default refuses to overwrite.
        assertEquals(1, DeblurCli.execute("deconvolve", "--input", in.toString(), "--output", target.toString(),
                "--psf-disk", "2"));
        assertTrue(console.stderr().contains("--overwrite"), console.stderr());
    }

    @Test
    void wienerWithWidefieldPsfUsesTheCalibration(@TempDir Path dir) {
        Path in = writeStack(dir.resolve("in.tif"), 32, 32, 1);
        Path target = dir.resolve("w.tif");
        assertEquals(0, DeblurCli.execute("deconvolve", "--input", in.toString(), "--output", target.toString(),
                "--method", "wiener", "--nsr", "0.01", "--widefield", "--na", "1.4", "--wavelength", "520", "--ri",
                "1.515", "--verbose"), console.stderr());
        assertTrue(console.stdout().contains("Wiener"), console.stdout());
        assertTrue(Files.isRegularFile(target));
        Path motion = dir.resolve("m.tif");
        assertEquals(0, DeblurCli.execute("deconvolve", "--input", in.toString(), "--output", motion.toString(),
                "--psf-motion", "7,30", "--boundary", "zero", "--iterations", "3"), console.stderr());
    }

    @Test
    void aFolderWithABadFileDeconvolvesTheOthersAndNamesIt(@TempDir Path dir) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        writeStack(in.resolve("good.tif"), 24, 24, 1);
        Files.writeString(in.resolve("broken.tif"), "not a TIFF");
        Path out = dir.resolve("out");
        assertEquals(1, DeblurCli.execute("deconvolve", "--input", in.toString(), "--output", out.toString(),
                "--psf-disk", "2", "--iterations", "2"));
        assertTrue(console.stderr().contains("1 of 2 images failed: broken.tif"), console.stderr());
        assertTrue(Files.isRegularFile(out.resolve("good.tif")));
        assertFalse(Files.exists(out.resolve("broken.tif")));
    }

    @Test
    void badPsfGivesOneClearLineAndExitOne(@TempDir Path dir) throws Exception {
        Path in = writeStack(dir.resolve("in.tif"), 20, 20, 1);
        Path badPsf = dir.resolve("psf.tif");
        Files.writeString(badPsf, "not a TIFF");
        assertEquals(1, DeblurCli.execute("deconvolve", "--input", in.toString(), "--output",
                dir.resolve("o.tif").toString(), "--psf", badPsf.toString()));
        String[] lines = console.stderr().trim().split("\n");
        assertEquals(1, lines.length, console.stderr());
        assertTrue(lines[0].startsWith("Error: ") && lines[0].contains(badPsf.toString()), console.stderr());
        assertFalse(Files.exists(dir.resolve("o.tif")));

        // A flat PSF image: nothing above its background.
        console.reset();
        ShortProcessor flat = new ShortProcessor(9, 9);
        flat.setValue(100);
        flat.fill();
        new FileSaver(new ImagePlus("flat", flat)).saveAsTiff(dir.resolve("flat.tif").toString());
        assertEquals(1, DeblurCli.execute("deconvolve", "--input", in.toString(), "--output",
                dir.resolve("o.tif").toString(), "--psf", dir.resolve("flat.tif").toString()));
        assertTrue(console.stderr().contains("no signal above its background"), console.stderr());

        // Two PSF options, or none, are usage errors.
        console.reset();
        assertEquals(2, DeblurCli.execute("deconvolve", "--input", in.toString(), "--output",
                dir.resolve("o.tif").toString(), "--psf-gaussian", "1", "--psf-disk", "2"));
        assertTrue(console.stderr().contains("mutually exclusive"), console.stderr());
        console.reset();
        assertEquals(2, DeblurCli.execute("deconvolve", "--input", in.toString(), "--output",
                dir.resolve("o.tif").toString()));

        // An uncalibrated image needs --pixel-size for the widefield PSF.
        console.reset();
        ShortProcessor plain = new ShortProcessor(16, 16);
        new FileSaver(new ImagePlus("plain", plain)).saveAsTiff(dir.resolve("plain.tif").toString());
        assertEquals(1, DeblurCli.execute("deconvolve", "--input", dir.resolve("plain.tif").toString(), "--output",
                dir.resolve("o.tif").toString(), "--widefield"));
        assertTrue(console.stderr().contains("--pixel-size"), console.stderr());
        for (String line : console.stderr().split("\n")) {
            assertFalse(line.trim().startsWith("at "), "no stack trace: " + console.stderr());
        }
    }
}
