package io.github.biattention.deblur.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.measure.Calibration;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import io.github.biattention.deblur.data.Kernel;
import io.github.biattention.deblur.imagej.ClassicalDeconvolution;
import java.io.File;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandModule;
import org.scijava.command.CommandService;

class ClassicalDeconvolutionCommandTest {

    private Context context;

    @BeforeEach
    void createContext() {
        context = new Context(CommandService.class);
    }

    @AfterEach
    void disposeContext() {
        context.dispose();
    }

    /** Every parameter given: SciJava would otherwise fill in values persisted by an earlier run. */
    private static Map<String, Object> parameters(ImagePlus image, String method, String psf, File psfFile) {
        Map<String, Object> p = new HashMap<>();
        p.put("image", image);
        p.put("method", method);
        p.put("iterations", 10);
        p.put("tv", 0.0);
        p.put("nsr", 0.01);
        p.put("boundary", "reflect");
        p.put("psf", psf);
        p.put("sigma", 1.5);
        p.put("radius", 3.0);
        p.put("length", 9.0);
        p.put("angle", 0.0);
        p.put("na", 1.4);
        p.put("wavelength", 520.0);
        p.put("ri", 1.515);
        p.put("pixelsize", 0.0);
        p.put("defocus", 0.0);
        p.put("psffile", psfFile);
        return p;
    }

    private static ImagePlus cells() {
        ByteProcessor bp = new ByteProcessor(40, 30);
        bp.setColor(40);
        bp.fill();
        bp.setColor(200);
        bp.fillOval(10, 5, 15, 15);
        bp.blurGaussian(1.5);
        ImagePlus imp = new ImagePlus("cells.tif", bp);
        Calibration cal = imp.getCalibration();
        cal.pixelWidth = 0.13;
        cal.pixelHeight = 0.13;
        cal.setUnit("micron");
        return imp;
    }

    private CommandModule run(Map<String, Object> parameters) throws Exception {
        return context.service(CommandService.class).run(ClassicalDeconvolutionCommand.class, true, parameters).get();
    }

    @Test
    void richardsonLucyKeepsCalibrationAndScale() throws Exception {
        CommandModule module = run(parameters(cells(), "Richardson-Lucy", "gaussian", null));
        assertTrue(!module.isCanceled(), () -> "cancelled: " + module.getCancelReason());
        ImagePlus out = (ImagePlus) module.getOutput("deconvolved");
        assertEquals("cells-rl.tif", out.getTitle());
        assertEquals(ImagePlus.GRAY32, out.getType());
        assertEquals(0.13, out.getCalibration().pixelWidth, 1e-12);
        assertEquals("micron", out.getCalibration().getUnit());
        assertEquals(40, out.getWidth());
        double mean = out.getStatistics().mean;
        assertTrue(mean > 40 && mean < 120, "input's scale, mean " + mean);
    }

    @Test
    void wienerWithTheWidefieldPsfOfTheCalibrationAndRgbInput() throws Exception {
        CommandModule module = run(parameters(cells(), "Wiener", "widefield", null));
        assertTrue(!module.isCanceled(), () -> "cancelled: " + module.getCancelReason());
        assertEquals("cells-wiener.tif", ((ImagePlus) module.getOutput("deconvolved")).getTitle());

        ColorProcessor cp = new ColorProcessor(24, 20);
        cp.setColor(new java.awt.Color(200, 40, 90));
        cp.fillOval(5, 3, 12, 10);
        CommandModule rgb = run(parameters(new ImagePlus("rgb", cp), "Richardson-Lucy", "motion", null));
        ImagePlus out = (ImagePlus) rgb.getOutput("deconvolved");
        assertEquals(3, out.getNChannels(), "RGB becomes three 32-bit channels");
    }

    @Test
    void measuredPsfFromAFile(@TempDir Path dir) throws Exception {
        FloatProcessor bead = new FloatProcessor(11, 11);
        bead.setValue(10);
        bead.fill();
        bead.setf(6, 5, 110);
        bead.setf(5, 5, 60);
        Path file = dir.resolve("bead.tif");
        new FileSaver(new ImagePlus("bead", bead)).saveAsTiff(file.toString());
        Kernel k = ClassicalDeconvolution.readPsf(file);
        assertEquals(1, k.get((k.size() - 1) / 2, (k.size() - 1) / 2) + k.get((k.size() - 1) / 2 - 1,
                (k.size() - 1) / 2), 1e-6, "background removed, all mass in the two bright pixels");
        CommandModule module = run(parameters(cells(), "Richardson-Lucy", "file", file.toFile()));
        assertTrue(!module.isCanceled(), () -> "cancelled: " + module.getCancelReason());
    }

    @Test
    void badPsfFileOrUncalibratedWidefieldCancelWithAClearReason() throws Exception {
        CommandModule missing = run(parameters(cells(), "Richardson-Lucy", "file", new File("/nonexistent/psf.tif")));
        assertTrue(missing.isCanceled());
        assertTrue(missing.getCancelReason().contains("/nonexistent/psf.tif"), missing.getCancelReason());
        assertNull(missing.getOutput("deconvolved"));

        ImagePlus uncalibrated = new ImagePlus("plain", new ByteProcessor(20, 20));
        CommandModule widefield = run(parameters(uncalibrated, "Wiener", "widefield", null));
        assertTrue(widefield.isCanceled());
        assertTrue(widefield.getCancelReason().contains("pixel size"), widefield.getCancelReason());
    }
}
