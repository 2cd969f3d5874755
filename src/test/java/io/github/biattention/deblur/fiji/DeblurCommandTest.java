package io.github.biattention.deblur.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.measure.Calibration;
import ij.process.ByteProcessor;
import java.util.Map;
import java.util.Random;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImg;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.img.basictypeaccess.array.ShortArray;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.module.Module;
import org.scijava.command.CommandService;

class DeblurCommandTest {

    private Context context;

    @BeforeEach
    void createContext() {
        context = new Context(CommandService.class);
    }

    @AfterEach
    void disposeContext() {
        context.dispose();
    }

    @Test
    void deblursAnImgLib2ImageThroughTheCommandService() throws Exception {
        ArrayImg<UnsignedShortType, ShortArray> image = ArrayImgs.unsignedShorts(37, 29, 2);
        Random random = new Random(5);
        image.forEach(p -> p.set(500 + random.nextInt(3000)));
        Module module = Commands.run(context, DeblurImgCommand.class, Map.of("image", image, "channel", 2, "model", "general",
                        "tile", 64, "overlap", 8, "low", 1.0, "high", 99.8, "device", "auto"));
        @SuppressWarnings("unchecked")
        Img<FloatType> out = (Img<FloatType>) module.getOutput("deblurred");
        assertEquals(37, out.dimension(0));
        assertEquals(29, out.dimension(1));
        assertEquals(2, out.dimension(2));
        double mean = 0;
        for (FloatType v : out) {
            mean += v.get();
        }
        mean /= 37 * 29 * 2;
        assertTrue(mean > 1000 && mean < 3000, "output in the input's scale, mean " + mean);
    }

    @Test
    void deblursAnImagePlusKeepingCalibrationAndTitle() throws Exception {
        ByteProcessor bp = new ByteProcessor(40, 30);
        bp.setColor(200);
        bp.fillOval(10, 5, 15, 15);
        ImagePlus imp = new ImagePlus("cells.tif", bp);
        Calibration cal = imp.getCalibration();
        cal.pixelWidth = 0.13;
        cal.pixelHeight = 0.13;
        cal.setUnit("micron");
        Module module = Commands.run(context, DeblurImagePlusCommand.class, Map.of("image", imp, "model", "general", "tile", 256,
                        "overlap", 32, "low", 1.0, "high", 99.8, "device", "cpu"));
        ImagePlus out = (ImagePlus) module.getOutput("deblurred");
        assertTrue(!Commands.canceled(module), () -> "cancelled: " + Commands.reason(module));
        assertEquals("cells-deblurred.tif", out.getTitle());
        assertEquals(ImagePlus.GRAY32, out.getType());
        assertEquals(0.13, out.getCalibration().pixelWidth, 1e-12);
        assertEquals("micron", out.getCalibration().getUnit());
        assertEquals(40, out.getWidth());
    }

    @Test
    void knownOpticsTakeThePixelSizeFromTheCalibrationAndChangeTheResult() throws Exception {
        ByteProcessor bp = new ByteProcessor(48, 40);
        bp.setColor(40);
        bp.fill();
        bp.setColor(220);
        bp.fillOval(12, 8, 6, 6);
        bp.fillOval(28, 20, 4, 4);
        bp.blurGaussian(2);
        ImagePlus imp = new ImagePlus("beads.tif", bp);
        Calibration cal = imp.getCalibration();
        cal.pixelWidth = 0.065;
        cal.pixelHeight = 0.065;
        cal.setUnit("micron");
        Module blind = Commands.run(context, DeblurImagePlusCommand.class, Map.of("image", imp, "model", "widefield",
                "device", "cpu"));
        Module optics = Commands.run(context, DeblurImagePlusCommand.class, Map.of("image", imp, "model", "widefield",
                "device", "cpu", "optics", DeblurImagePlusCommand.KNOWN_WIDEFIELD, "na", 1.4, "wavelength", 520.0,
                "ri", 1.515, "pixelsize", 0.0, "refine", 5));
        assertTrue(!Commands.canceled(optics), () -> "cancelled: " + Commands.reason(optics));
        float[] a = (float[]) ((ImagePlus) blind.getOutput("deblurred")).getProcessor().getPixels();
        float[] b = (float[]) ((ImagePlus) optics.getOutput("deblurred")).getProcessor().getPixels();
        double difference = 0;
        for (int i = 0; i < a.length; i++) {
            difference = Math.max(difference, Math.abs(a[i] - b[i]));
        }
        assertTrue(difference > 0.5, "the optics changed the result by at most " + difference);

        imp.setCalibration(new Calibration()); // no pixel size, none given: one clear message
        Module uncalibrated = Commands.run(context, DeblurImagePlusCommand.class, Map.of("image", imp,
                "model", "widefield", "device", "cpu", "optics", DeblurImagePlusCommand.KNOWN_WIDEFIELD,
                "pixelsize", 0.0));
        assertTrue(Commands.canceled(uncalibrated));
        assertTrue(Commands.reason(uncalibrated).contains("no pixel size"), Commands.reason(uncalibrated));
        Module noFile = Commands.run(context, DeblurImagePlusCommand.class, Map.of("image", imp,
                "model", "widefield", "device", "cpu", "optics", DeblurImagePlusCommand.KNOWN_PSF));
        assertTrue(Commands.canceled(noFile));
        assertTrue(Commands.reason(noFile).contains("no PSF file"), Commands.reason(noFile));
        assertNull(noFile.getOutput("deblurred"));
    }

    @Test
    void folderCommandRefusesAnUnreadablePsfBeforeAnyFile(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path in = java.nio.file.Files.createDirectories(dir.resolve("in"));
        ij.IJ.saveAsTiff(new ImagePlus("a", new ByteProcessor(24, 24)), in.resolve("a.tif").toString());
        java.nio.file.Path out = dir.resolve("out");
        Module module = Commands.run(context, DeblurFolderCommand.class, Map.of("input", in.toFile(),
                "output", out.toFile(), "model", "general", "device", "cpu",
                "optics", DeblurImagePlusCommand.KNOWN_PSF, "psffile", dir.resolve("no-bead.tif").toFile()));
        assertTrue(Commands.canceled(module));
        assertTrue(Commands.reason(module).contains("no-bead.tif"), Commands.reason(module));
        assertTrue(!java.nio.file.Files.exists(out.resolve("a.tif")), "nothing is written");
    }

    @Test
    void aMissingModelFileCancelsWithAClearReason() throws Exception {
        ImagePlus imp = new ImagePlus("x", new ByteProcessor(20, 20));
        Module module = Commands.run(context, DeblurImagePlusCommand.class, Map.of("image", imp, "model", "file",
                        "modelfile", new java.io.File("/nonexistent/model.zip")));
        assertTrue(Commands.canceled(module));
        assertTrue(Commands.reason(module).contains("/nonexistent/model.zip"), Commands.reason(module));
        assertNull(module.getOutput("deblurred"));
    }

    private Module runFolder(java.nio.file.Path in, java.nio.file.Path out) throws Exception {
        return Commands.run(context, DeblurFolderCommand.class, Map.of("input", in.toFile(),
                "output", out.toFile(), "model", "general", "overwrite", false, "keepdepth", true, "tile", 256,
                "overlap", 32, "low", 1.0, "high", 99.8, "device", "cpu"));
    }

    @Test
    void folderCommandDeblursTheGoodFilesAndReportsTheBadOne(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path in = java.nio.file.Files.createDirectories(dir.resolve("in"));
        ByteProcessor bp = new ByteProcessor(24, 20);
        bp.setColor(180);
        bp.fillOval(4, 4, 10, 8);
        new ij.io.FileSaver(new ImagePlus("a", bp)).saveAsTiff(in.resolve("a.tif").toString());
        java.nio.file.Files.writeString(in.resolve("broken.png"), "not a png");
        java.nio.file.Path out = dir.resolve("out");
        Module module = runFolder(in, out);
        String summary = (String) module.getOutput("summary");
        assertTrue(summary.startsWith("1 of 2 images deblurred"), summary);
        assertTrue(Commands.canceled(module) && Commands.reason(module).contains("broken.png"), Commands.reason(module));
        ImagePlus result = ij.IJ.openImage(out.resolve("a.tif").toString());
        assertEquals(ImagePlus.GRAY8, result.getType(), "keepdepth=true writes 8-bit for 8-bit input");
        assertTrue(!java.nio.file.Files.exists(out.resolve("broken.tif")));
        // A second run refuses to overwrite.
        Module again = runFolder(in, out);
        assertTrue(Commands.canceled(again) && Commands.reason(again).contains("exists"), Commands.reason(again));
    }

    @Test
    void deviceInfoSaysWhatDjlSeesAndWhyNoGpu() throws Exception {
        Module module = Commands.run(context, DeviceInfoCommand.class, Map.of());
        String info = (String) module.getOutput("info");
        assertTrue(info.contains("PyTorch") && info.contains("2.7.1"), info);
        assertTrue(info.contains("No GPU is usable"), info);
    }

    @Test
    void deblursA16BitHyperstackIntoA32BitHyperstackWithTheSameDimensionsAndCalibration() throws Exception {
        int channels = 3;
        int slices = 5;
        ImagePlus imp = ij.IJ.createHyperStack("stack.tif", 48, 40, channels, slices, 1, 16);
        java.util.Random random = new java.util.Random(9);
        for (int i = 1; i <= imp.getStackSize(); i++) {
            ij.process.ImageProcessor ip = imp.getStack().getProcessor(i);
            int scale = 1000 * (1 + (i - 1) % channels); // each channel its own intensity scale
            for (int p = 0; p < 48 * 40; p++) {
                ip.set(p, scale + random.nextInt(200) + (p % 48 > 24 ? scale / 2 : 0));
            }
        }
        Calibration cal = imp.getCalibration();
        cal.pixelWidth = 0.065;
        cal.pixelHeight = 0.065;
        cal.pixelDepth = 0.3;
        cal.setUnit("micron");
        cal.xOrigin = 12;
        Module module = Commands.run(context, DeblurImagePlusCommand.class, Map.of("image", imp, "model", "general", "tile", 256, "overlap", 32, "low", 1.0, "high", 99.8,
                        "device", "cpu", "perplane", false, "keepdepth", false));
        ImagePlus out = (ImagePlus) module.getOutput("deblurred");
        assertEquals(ImagePlus.GRAY32, out.getType());
        assertTrue(out.isHyperStack());
        org.junit.jupiter.api.Assertions.assertArrayEquals(imp.getDimensions(), out.getDimensions());
        Calibration c = out.getCalibration();
        assertEquals(0.065, c.pixelWidth, 0);
        assertEquals(0.3, c.pixelDepth, 0);
        assertEquals("micron", c.getUnit());
        assertEquals(12, c.xOrigin, 0);
        for (int ch = 1; ch <= channels; ch++) {
            double in = imp.getStack().getProcessor(imp.getStackIndex(ch, 3, 1)).getStatistics().mean;
            double res = out.getStack().getProcessor(out.getStackIndex(ch, 3, 1)).getStatistics().mean;
            assertEquals(in, res, in * 0.1, "channel " + ch + " keeps its intensity scale");
        }
    }
}
