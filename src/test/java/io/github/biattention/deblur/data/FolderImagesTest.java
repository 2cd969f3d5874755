package io.github.biattention.deblur.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.ShortProcessor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FolderImagesTest {
    private static final double GREY8 = 51 / 255.0;
    private static final double GREY16 = 40000 / 65535.0;
    private static final double RGB = (0.299 * 200 + 0.587 * 100 + 0.114 * 50) / 255;
    private static final double JPEG = 180 / 255.0;

    @TempDir
    static Path dir;

    @BeforeAll
    static void writeImages() throws IOException {
        System.setProperty("java.awt.headless", "true");
        // IJ.saveAs goes through ImageJ's menus, which fail when headless; FileSaver does not.
        ByteProcessor grey = new ByteProcessor(64, 64);
        grey.setValue(51);
        grey.fill();
        assertTrue(new FileSaver(new ImagePlus("g", grey)).saveAsPng(dir.resolve("a_grey8.png").toString()));

        Files.createDirectories(dir.resolve("nested"));
        ShortProcessor deep = new ShortProcessor(80, 64);
        deep.setValue(40000);
        deep.fill();
        assertTrue(new FileSaver(new ImagePlus("s", deep)).saveAsTiff(dir.resolve("nested/b_grey16.TIF").toString()));

        ColorProcessor colour = new ColorProcessor(64, 72);
        colour.setColor(new java.awt.Color(200, 100, 50));
        colour.fill();
        assertTrue(new FileSaver(new ImagePlus("c", colour)).saveAsPng(dir.resolve("c_rgb.png").toString()));

        ByteProcessor photo = new ByteProcessor(64, 64);
        photo.setValue(180);
        photo.fill();
        assertTrue(new FileSaver(new ImagePlus("j", photo)).saveAsJpeg(dir.resolve("d_grey.jpg").toString()));

        ByteProcessor tiny = new ByteProcessor(20, 20); // too small for the crops below
        assertTrue(new FileSaver(new ImagePlus("t", tiny)).saveAsPng(dir.resolve("e_tiny.png").toString()));

        byte[] junk = new byte[300];
        new SplittableRandom(1).nextBytes(junk);
        Files.write(dir.resolve("f_corrupt.png"), junk);
        Files.writeString(dir.resolve("notes.txt"), "not an image");
    }

    @Test
    void listsImagesRecursivelyAndSorted() {
        List<String> names = FolderImages.listImages(dir).stream()
                .map(p -> dir.relativize(p).toString().replace('\\', '/'))
                .collect(Collectors.toList());
        assertEquals(List.of("a_grey8.png", "c_rgb.png", "d_grey.jpg", "e_tiny.png", "f_corrupt.png",
                "nested/b_grey16.TIF"), names);
    }

    @Test
    void readsEveryFormatSkipsTheCorruptFileAndConvertsToUnitGrey() {
        FolderImages source = new FolderImages(dir);
        assertEquals(5, source.size(), "the corrupt png is skipped");
        double[] expected = {GREY8, GREY16, RGB, JPEG};
        boolean[] seen = new boolean[expected.length];
        SplittableRandom rng = new SplittableRandom(3);
        for (int i = 0; i < 60; i++) {
            Plane crop = source.crop(rng, 48);
            assertEquals(48, crop.width());
            assertEquals(48, crop.height());
            double v = crop.get(10, 10);
            for (float p : crop.pixels()) {
                assertEquals(v, p, 0.02, "images are constant, and so must crops be");
            }
            int match = -1;
            for (int k = 0; k < expected.length; k++) {
                // Exact conversions; JPEG may be off by a level or two.
                if (Math.abs(v - expected[k]) < (k == 3 ? 0.01 : 1e-6)) {
                    match = k;
                }
            }
            assertTrue(match >= 0, "unexpected grey value " + v);
            seen[match] = true;
        }
        // The 20×20 image is never used for 48×48 crops; the other four all are.
        assertArrayEquals(new boolean[] {true, true, true, true}, seen);
    }

    @Test
    void cropsAreReproducibleAndFlipped(@TempDir Path rampDir) {
        // A horizontal ramp: a crop is a ramp along one axis, in one of two directions, after flips/rotations.
        ByteProcessor ramp = new ByteProcessor(100, 100);
        for (int y = 0; y < 100; y++) {
            for (int x = 0; x < 100; x++) {
                ramp.set(x, y, 2 * x);
            }
        }
        assertTrue(new FileSaver(new ImagePlus("r", ramp)).saveAsPng(rampDir.resolve("ramp.png").toString()));
        FolderImages source = new FolderImages(rampDir, 1.0);
        assertEquals(1, source.size());
        assertArrayEquals(source.crop(new SplittableRandom(5), 32).pixels(),
                source.crop(new SplittableRandom(5), 32).pixels());
        TreeSet<String> orientations = new TreeSet<>();
        SplittableRandom rng = new SplittableRandom(6);
        for (int i = 0; i < 40; i++) {
            Plane c = source.crop(rng, 32);
            double alongX = c.get(31, 0) - c.get(0, 0);
            double alongY = c.get(0, 31) - c.get(0, 0);
            assertTrue(Math.abs(alongX) < 1e-6 ^ Math.abs(alongY) < 1e-6, "ramp along exactly one axis");
            assertEquals(62 / 255.0, Math.abs(alongX + alongY), 1e-5, "no downscaling when maxDownscale is 1");
            orientations.add((Math.abs(alongX) > 0 ? "x" : "y") + (alongX + alongY > 0 ? "+" : "-"));
        }
        assertEquals(4, orientations.size(), "all four ramp orientations occur: " + orientations);
    }

    @Test
    void emptyFolderThrowsNamingIt(@TempDir Path empty) throws IOException {
        Files.writeString(empty.resolve("readme.txt"), "nothing here");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FolderImages(empty));
        assertTrue(e.getMessage().contains(empty.toString()), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new FolderImages(empty.resolve("missing")));
    }

    @Test
    void cropLargerThanEveryImageThrows() {
        FolderImages source = new FolderImages(dir);
        assertThrows(IllegalArgumentException.class, () -> source.crop(new SplittableRandom(1), 100));
    }
}
