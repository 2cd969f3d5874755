package io.github.biattention.deblur.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ByteProcessor;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code compare}: panels side by side on the first image's scale, with captions when asked. */
class CompareCommandTest {

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @Test
    void panelsSideBySideWithCaptions(@TempDir Path dir) {
        ByteProcessor dark = new ByteProcessor(30, 20);
        dark.set(0, 0, 200); // the first image's range: 0..200
        ByteProcessor bright = new ByteProcessor(30, 20);
        bright.setValue(100);
        bright.fill();
        Path a = dir.resolve("a.tif");
        Path b = dir.resolve("b.tif");
        new FileSaver(new ImagePlus("a", dark)).saveAsTiff(a.toString());
        new FileSaver(new ImagePlus("b", bright)).saveAsTiff(b.toString());
        Path plain = dir.resolve("plain.png");
        assertEquals(0, DeblurCli.execute("compare", a.toString(), b.toString(), "--output", plain.toString()));
        ImagePlus p = IJ.openImage(plain.toString());
        assertEquals(64, p.getWidth());
        assertEquals(20, p.getHeight());
        assertEquals(128, p.getProcessor().getPixel(40, 10), 1, "100 on the first image's 0..200 scale");
        Path captioned = dir.resolve("captioned.png");
        assertEquals(0, DeblurCli.execute("compare", a.toString(), b.toString(), "--labels", "before,after",
                "--output", captioned.toString()), console.stderr());
        ImagePlus c = IJ.openImage(captioned.toString());
        assertEquals(40, c.getHeight(), "a caption band above the panels");
        int dark0 = 0;
        for (int x = 0; x < 30; x++) {
            for (int y = 0; y < 20; y++) {
                dark0 += c.getProcessor().getPixel(x, y) < 128 ? 1 : 0;
            }
        }
        assertTrue(dark0 > 10, "the caption is drawn");
        assertEquals(1, DeblurCli.execute("compare", a.toString(), b.toString(), "--labels", "one",
                "--output", dir.resolve("x.png").toString()));
        assertTrue(console.stderr().contains("1 captions for 2 images"), console.stderr());
    }
}
