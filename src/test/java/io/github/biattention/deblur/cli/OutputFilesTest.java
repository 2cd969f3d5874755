package io.github.biattention.deblur.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ShortProcessor;
import io.github.biattention.deblur.inference.RandomModels;
import io.github.biattention.deblur.network.NetworkConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Output files: permissions of any new file, existing outputs reported or skipped, folders, names, devices. */
class OutputFilesTest {

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @TempDir
    static Path shared;
    private static String model;

    @BeforeAll
    static void tinyModel() throws Exception {
        Path file = shared.resolve("tiny.zip");
        try (Model m = RandomModels.create(NetworkConfig.biAttention(1, 8, 1), 7, 0.5f, 1e-4f)) {
            RandomModels.save(m, "tiny", file);
        }
        model = file.toString();
    }

    private static Path image(Path file) {
        ShortProcessor sp = new ShortProcessor(24, 20);
        for (int i = 0; i < 24 * 20; i++) {
            sp.set(i, 500 + (i * 37) % 900);
        }
        new FileSaver(new ImagePlus("x", sp)).saveAsTiff(file.toString());
        return file;
    }

    private int deblur(String... more) {
        String[] args = new String[4 + more.length];
        args[0] = "deblur";
        args[1] = "--model";
        args[2] = model;
        args[3] = "--per-plane";
        System.arraycopy(more, 0, args, 4, more.length);
        console.reset();
        return DeblurCli.execute(args);
    }

    @Test
    void outputsGetThePermissionsOfAnyNewFile(@TempDir Path dir) throws Exception {
        Path in = image(dir.resolve("in.tif"));
        Path out = dir.resolve("out.tif");
        assertEquals(0, deblur("--input", in.toString(), "--output", out.toString()), console.stderr());
        Set<PosixFilePermission> expected = Files.getPosixFilePermissions(Files.createFile(dir.resolve("plain")));
        assertEquals(expected, Files.getPosixFilePermissions(out), "the umask's permissions, not 0600");
    }

    @Test
    void aFolderRunReportsAnExistingOutputAndDeblursTheOthers(@TempDir Path dir) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        image(in.resolve("a.tif"));
        image(in.resolve("b.tif"));
        image(in.resolve("c.tif"));
        Path out = Files.createDirectories(dir.resolve("out"));
        byte[] kept = {1, 2, 3};
        Files.write(out.resolve("b.tif"), kept);
        assertEquals(1, deblur("--input", in.toString(), "--output", out.toString()));
        String err = console.stderr();
        assertTrue(err.contains("b.tif exists: use --overwrite to replace it or --skip-existing"), err);
        assertTrue(err.contains("1 of 3 images failed: b.tif"), err);
        assertTrue(Files.size(out.resolve("a.tif")) > 100 && Files.size(out.resolve("c.tif")) > 100);
        assertArrayEquals(kept, Files.readAllBytes(out.resolve("b.tif")));

        Files.delete(out.resolve("c.tif"));
        assertEquals(0, deblur("--input", in.toString(), "--output", out.toString(), "--skip-existing"),
                console.stderr());
        assertTrue(console.stderr().contains("Skipped b.tif"), console.stderr());
        assertTrue(Files.size(out.resolve("c.tif")) > 100, "the missing output was made");
        assertArrayEquals(kept, Files.readAllBytes(out.resolve("b.tif")));
        assertEquals(1, deblur("--input", in.toString(), "--output", out.toString(), "--skip-existing",
                "--overwrite"));
        assertTrue(console.stderr().contains("not both"), console.stderr());
        try (Stream<Path> files = Files.list(out)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".part")), "no temporary file left");
        }
    }

    @Test
    void aTrailingSlashMeansAFolder(@TempDir Path dir) {
        Path in = image(dir.resolve("cells.tif"));
        assertEquals(0, deblur("--input", in.toString(), "--output", dir.resolve("new/deeper") + "/"),
                console.stderr());
        assertTrue(Files.isRegularFile(dir.resolve("new/deeper/cells.tif")));
    }

    @Test
    void devicesAndNamesTooLongFailBeforeTheWork(@TempDir Path dir) throws Exception {
        Path in = image(dir.resolve("in.tif"));
        assertEquals(1, deblur("--input", in.toString(), "--output", "/dev/null", "--overwrite"));
        assertTrue(console.stderr().contains("/dev/null exists and is not a regular file"), console.stderr());
        assertTrue(Files.exists(Path.of("/dev/null")) && !Files.isRegularFile(Path.of("/dev/null")));
        String longName = "x".repeat(250) + ".tif";
        assertEquals(1, deblur("--input", in.toString(), "--output", dir.resolve(longName).toString()));
        String err = console.stderr();
        assertTrue(err.contains("Cannot write") && err.contains("name too long"), err);
        assertFalse(err.contains("Deblurring"), err);
    }

    @Test
    void anOmeTiffComesOutWithItsChannelsAndSlices(@TempDir Path dir) throws Exception {
        String ome = "<?xml version=\"1.0\"?><OME xmlns=\"http://www.openmicroscopy.org/Schemas/OME/2016-06\">"
                + "<Image ID=\"Image:0\"><Pixels ID=\"Pixels:0\" DimensionOrder=\"XYCZT\" Type=\"uint16\""
                + " SizeX=\"32\" SizeY=\"24\" SizeZ=\"3\" SizeC=\"2\" SizeT=\"1\"/></Image></OME>";
        io.github.biattention.deblur.files.TiffBytes t = new io.github.biattention.deblur.files.TiffBytes();
        for (int plane = 0; plane < 6; plane++) {
            int[] v = new int[32 * 24];
            for (int i = 0; i < v.length; i++) {
                v[i] = 1000 * (plane + 1) + (i * 31) % 500;
            }
            io.github.biattention.deblur.files.TiffBytes.Page p = t.add(32, 24, 16, 1)
                    .pixels(io.github.biattention.deblur.files.TiffBytes.shorts(v));
            if (plane == 0) {
                p.text(270, ome);
            }
        }
        Path in = t.write(dir.resolve("ome.tif"));
        Path out = dir.resolve("out.tif");
        assertEquals(0, deblur("--input", in.toString(), "--output", out.toString()), console.stderr());
        ImagePlus result = ij.IJ.openImage(out.toString());
        assertEquals(2, result.getNChannels());
        assertEquals(3, result.getNSlices());
        // Plane (c=2, z=3) of the file was its 6th: values around 6000.
        result.setPosition(2, 3, 1);
        double mean = result.getProcessor().getStatistics().mean;
        assertTrue(mean > 5500 && mean < 7000, "c2 z3 mean " + mean);
    }
}
