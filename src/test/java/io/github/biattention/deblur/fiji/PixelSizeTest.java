package io.github.biattention.deblur.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ij.ImagePlus;
import ij.measure.Calibration;
import ij.process.FloatProcessor;
import io.github.biattention.deblur.imagej.ClassicalDeconvolution;
import org.junit.jupiter.api.Test;

/** {@link ClassicalDeconvolution#pixelSizeNm(ImagePlus, double, String)}: given, else calibration, else a message. */
class PixelSizeTest {

    private static ImagePlus image(String title, String unit, double width) {
        ImagePlus imp = new ImagePlus(title, new FloatProcessor(4, 4));
        if (unit != null) {
            Calibration cal = new Calibration();
            cal.setUnit(unit);
            cal.pixelWidth = width;
            cal.pixelHeight = width;
            imp.setCalibration(cal);
        }
        return imp;
    }

    @Test
    void givenSizeWinsElseTheCalibrationInNm() {
        ImagePlus microns = image("cells", "micron", 0.065);
        assertEquals(65, ClassicalDeconvolution.pixelSizeNm(microns, Double.NaN, "unused"), 1e-9);
        assertEquals(100, ClassicalDeconvolution.pixelSizeNm(microns, 100, "unused"), 0);
        assertEquals(80, ClassicalDeconvolution.pixelSizeNm(image("c", "nm", 80), Double.NaN, "unused"), 0);
    }

    @Test
    void noSizeAnywhereNamesTheImageAndWhatToDo() {
        String message = assertThrows(IllegalArgumentException.class, () -> ClassicalDeconvolution.pixelSizeNm(
                image("cells.tif", null, 0), Double.NaN, "give --pixel-size (nm)")).getMessage();
        assertEquals("cells.tif has no pixel size in nm, micron or mm in its calibration: give --pixel-size (nm)",
                message);
        String inches = assertThrows(IllegalArgumentException.class, () -> ClassicalDeconvolution.pixelSizeNm(
                image("", "inch", 0.01), Double.NaN, "enter the pixel size (nm)")).getMessage();
        assertEquals("The image has no pixel size in nm, micron or mm in its calibration: enter the pixel size (nm)",
                inches);
    }
}
