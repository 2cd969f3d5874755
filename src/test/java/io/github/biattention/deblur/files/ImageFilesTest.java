package io.github.biattention.deblur.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.ImageStack;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile and unusual files: refused quickly with a message naming the file, or read in their true values. */
class ImageFilesTest {

    @TempDir
    Path dir;

    private final List<String> notes = new ArrayList<>();

    private ImagePlus read(Path file) throws IOException {
        return ImageFiles.read(file, ImageBudget.ofBytes(1L << 30), notes::add);
    }

    /** The refusal's message, which must name the file and arrive within seconds (no loop, no huge allocation). */
    private String refused(Path file) {
        IOException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(IOException.class,
                () -> read(file)));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        return e.getMessage();
    }

    private static float[] values(ImagePlus image, int slice) {
        return (float[]) image.getStack().getProcessor(slice).convertToFloatProcessor().getPixels();
    }

    @Test
    void headerChainsThatLoopAreRefused() throws IOException {
        TiffBytes self = new TiffBytes();
        self.add(2, 1, 8, 1).pixels(TiffBytes.bytes(1, 2)).nextPage = 0;
        assertTrue(refused(self.write(dir.resolve("self.tif"))).contains("loops back from page 1 to page 1"));
        TiffBytes two = new TiffBytes();
        two.add(2, 1, 8, 1).pixels(TiffBytes.bytes(1, 2));
        two.add(2, 1, 8, 1).pixels(TiffBytes.bytes(3, 4)).nextPage = 0;
        assertTrue(refused(two.write(dir.resolve("loop.tif"))).contains("loops back from page 2 to page 1"));
    }

    @Test
    void stripTablesClaimingMoreThanTheFileAreRefused() throws IOException {
        TiffBytes far = new TiffBytes();
        far.add(4, 4, 8, 1).pixels(new byte[16]).tag(273, 1_000_000_000L);
        assertTrue(refused(far.write(dir.resolve("far.tif"))).contains("is truncated"));
        // A strip table of 2^30 entries: its values would lie far past the end.
        TiffBytes one = new TiffBytes();
        one.add(4, 4, 8, 1).pixels(new byte[16]);
        byte[] many = one.bytes();
        int entry = indexOfTag(many, 273);
        ByteBuffer.wrap(many).order(ByteOrder.LITTLE_ENDIAN).putInt(entry + 4, 1 << 30).putInt(entry + 8, 8);
        Path manyFile = Files.write(dir.resolve("many.tif"), many);
        assertTrue(refused(manyFile).contains("past the end"));
    }

    @Test
    void hugeDeclaredSizesAreRefusedBeforeAllocating() throws IOException {
        TiffBytes huge = new TiffBytes();
        huge.add(40000, 40000, 16, 1).tag(259, 8).tag(278, 1).pixels(new byte[64]);
        String message = refused(huge.write(dir.resolve("huge.tif")));
        assertTrue(message.contains("40000x40000 pixels") && message.contains("give Java more memory"), message);
        assertTrue(!message.contains("tiles"), message);
        String png = refused(png(dir.resolve("huge.png"), 100000, 100000));
        assertTrue(png.contains("100000x100000 pixels"), png);
    }

    @Test
    void everyFrameOfAnAnimatedGifCountsAgainstTheBudget() throws IOException {
        Path gif = dir.resolve("frames.gif");
        javax.imageio.ImageWriter writer = javax.imageio.ImageIO.getImageWritersByFormatName("gif").next();
        try (javax.imageio.stream.ImageOutputStream out = javax.imageio.ImageIO.createImageOutputStream(gif.toFile())) {
            writer.setOutput(out);
            writer.prepareWriteSequence(null);
            for (int f = 0; f < 5; f++) {
                java.awt.image.BufferedImage frame = new java.awt.image.BufferedImage(100, 100,
                        java.awt.image.BufferedImage.TYPE_BYTE_INDEXED);
                writer.writeToSequence(new javax.imageio.IIOImage(frame, null, null), null);
            }
            writer.endWriteSequence();
        } finally {
            writer.dispose();
        }
        // One frame (100 x 100 x 3 samples x 10 bytes = 0.3 MB) fits in 1 MB; five do not.
        IOException e = assertThrows(IOException.class, () -> ImageFiles.read(gif, ImageBudget.ofBytes(1_000_000),
                notes::add));
        assertTrue(e.getMessage().contains("100x100 pixels x 5 frames"), e.getMessage());
        assertEquals(5, ImageFiles.read(gif, ImageBudget.ofBytes(1L << 30), notes::add).getStackSize());
    }

    @Test
    void formatsImageJCannotReadAreNamed() throws IOException {
        byte[] big = {'I', 'I', 43, 0, 8, 0, 0, 0, 16, 0, 0, 0, 0, 0, 0, 0};
        assertTrue(refused(Files.write(dir.resolve("big.tif"), big)).contains("BigTIFF"));
        TiffBytes jpeg = new TiffBytes();
        jpeg.add(4, 4, 8, 1).tag(259, 7).pixels(new byte[16]);
        assertTrue(refused(jpeg.write(dir.resolve("jpeg.tif"))).contains("JPEG-compressed"));
        TiffBytes tiled = new TiffBytes();
        tiled.add(4, 4, 8, 1).tag(322, 16).tag(323, 16).tag(324, 8).pixels(new byte[16]);
        assertTrue(refused(tiled.write(dir.resolve("tiled.tif"))).contains("tiled TIFF"));
        assertTrue(refused(cmykJpeg(dir.resolve("cmyk.jpg"))).contains("CMYK JPEG"));
        assertTrue(refused(Files.createDirectories(dir.resolve("folder.tif"))).contains("is a folder"));
    }

    @Test
    void pagesOfDifferentSizesAreRefused() throws IOException {
        TiffBytes t = new TiffBytes();
        t.add(4, 1, 8, 1).pixels(TiffBytes.bytes(1, 2, 3, 4));
        t.add(2, 1, 8, 1).pixels(TiffBytes.bytes(5, 6));
        String message = refused(t.write(dir.resolve("pages.tif")));
        assertTrue(message.contains("page 1: 4x1") && message.contains("page 2: 2x1"), message);
    }

    @Test
    void whatImageJWouldReadInPartOrWronglyIsRefused() throws IOException {
        TiffBytes thumbnail = new TiffBytes();
        thumbnail.add(8, 8, 8, 1).pixels(new byte[64]);
        thumbnail.add(8, 8, 8, 1).pixels(new byte[64]);
        thumbnail.add(2, 2, 8, 1).tag(254, 1).pixels(new byte[4]); // a reduced-resolution page
        assertTrue(refused(thumbnail.write(dir.resolve("thumb.tif"))).contains("thumbnail or pyramid level"));
        TiffBytes signedRgb = new TiffBytes();
        signedRgb.add(2, 1, 8, 3).tag(339, 2, 2, 2).pixels(new byte[6]);
        assertTrue(refused(signedRgb.write(dir.resolve("srgb.tif"))).contains("signed integers with 3 samples"));
        TiffBytes meta = new TiffBytes();
        meta.add(2, 1, 8, 1).pixels(new byte[2]).tag(50838, 0x7ffffff0L).tag(50839, 1, 2, 3, 4);
        assertTrue(refused(meta.write(dir.resolve("meta.tif"))).contains("ImageJ's metadata"));
        Path zip = dir.resolve("image.zip");
        try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new java.util.zip.ZipEntry("a.tif"));
            z.write(new byte[] {1, 2, 3});
        }
        assertTrue(refused(zip).contains("zip archive"));
    }

    @Test
    void signedIntegersKeepTheirSign() throws IOException {
        TiffBytes s16 = new TiffBytes();
        s16.add(4, 1, 16, 1).tag(339, 2).pixels(TiffBytes.shorts(-999, 0, 999, -1));
        ImagePlus a = read(s16.write(dir.resolve("s16.tif")));
        assertEquals(32, a.getBitDepth());
        assertArrayEquals(new float[] {-999, 0, 999, -1}, values(a, 1), 0f);
        TiffBytes s8 = new TiffBytes();
        s8.add(4, 1, 8, 1).tag(339, 2).pixels(TiffBytes.bytes(-100, 0, 100, -1));
        ImagePlus b = read(s8.write(dir.resolve("s8.tif")));
        assertArrayEquals(new float[] {-100, 0, 100, -1}, values(b, 1), 0f);
        assertTrue(notes.stream().anyMatch(n -> n.contains("s8.tif") && n.contains("signed 8-bit")), "" + notes);
    }

    @Test
    void alphaIsDroppedWithANote() throws IOException {
        TiffBytes grey = new TiffBytes();
        grey.add(4, 2, 8, 2).tag(338, 2).tag(284, 1).pixels(TiffBytes.bytes(10, 255, 20, 0, 30, 128, 40, 255,
                50, 255, 60, 0, 70, 128, 80, 255));
        ImagePlus g = read(grey.write(dir.resolve("grey-alpha.tif")));
        assertEquals(4, g.getWidth());
        assertEquals(8, g.getBitDepth());
        assertArrayEquals(new float[] {10, 20, 30, 40, 50, 60, 70, 80}, values(g, 1), 0f);
        TiffBytes rgba = new TiffBytes();
        rgba.add(2, 1, 8, 4).tag(338, 2).pixels(TiffBytes.bytes(10, 20, 30, 0, 40, 50, 60, 128));
        ImagePlus c = read(rgba.write(dir.resolve("rgba.tif")));
        assertEquals(ImagePlus.COLOR_RGB, c.getType());
        assertEquals(0x0a141e, c.getProcessor().get(0, 0) & 0xffffff); // alpha 0 did not blank the colour
        assertEquals(2, notes.stream().filter(n -> n.contains("alpha channel was dropped")).count(), "" + notes);
    }

    @Test
    void pngAlphaIsDroppedNotBlended(@TempDir Path dir2) throws IOException {
        java.awt.image.BufferedImage la = new java.awt.image.BufferedImage(3, 1,
                java.awt.image.BufferedImage.TYPE_INT_ARGB);
        la.setRGB(0, 0, 0x00102030); // fully transparent: ImageJ would show white
        la.setRGB(1, 0, 0x80405060);
        la.setRGB(2, 0, 0xff708090);
        Path rgba = dir2.resolve("rgba.png");
        javax.imageio.ImageIO.write(la, "png", rgba.toFile());
        ImagePlus c = read(rgba);
        assertEquals(ImagePlus.COLOR_RGB, c.getType());
        assertEquals(0x102030, c.getProcessor().get(0, 0) & 0xffffff);
        assertEquals(0x405060, c.getProcessor().get(1, 0) & 0xffffff);
        // Grey + alpha, 16-bit.
        java.awt.image.ComponentColorModel model = new java.awt.image.ComponentColorModel(
                java.awt.color.ColorSpace.getInstance(java.awt.color.ColorSpace.CS_GRAY), new int[] {16, 16}, true,
                false, java.awt.Transparency.TRANSLUCENT, java.awt.image.DataBuffer.TYPE_USHORT);
        java.awt.image.WritableRaster raster = model.createCompatibleWritableRaster(2, 1);
        raster.setSample(0, 0, 0, 1000);
        raster.setSample(1, 0, 0, 60000);
        raster.setSample(0, 0, 1, 0);
        raster.setSample(1, 0, 1, 65535);
        Path greyAlpha = dir2.resolve("grey-alpha.png");
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(model, raster, false, null), "png",
                greyAlpha.toFile());
        ImagePlus g = read(greyAlpha);
        assertEquals(16, g.getBitDepth());
        assertArrayEquals(new float[] {1000, 60000}, values(g, 1), 0f);
        assertEquals(2, notes.stream().filter(n -> n.contains("alpha channel was dropped")).count(), "" + notes);
    }

    @Test
    void whiteIsZeroAndPalettesKeepTheirMeaning() throws IOException {
        TiffBytes w8 = new TiffBytes();
        w8.add(4, 1, 8, 1).tag(262, 0).pixels(TiffBytes.bytes(0, 100, 200, 255));
        ImagePlus a = read(w8.write(dir.resolve("wiz8.tif")));
        assertArrayEquals(new float[] {255, 155, 55, 0}, values(a, 1), 0f);
        assertTrue(!a.isInvertedLut());
        TiffBytes w16 = new TiffBytes();
        w16.add(2, 1, 16, 1).tag(262, 0).pixels(TiffBytes.shorts(0, 65000));
        assertArrayEquals(new float[] {65535, 535}, values(read(w16.write(dir.resolve("wiz16.tif"))), 1), 0f);
        long[] map = new long[768];
        for (int i = 0; i < 256; i++) {
            map[i] = (i % 2 == 0 ? 255 : 0) * 257; // red on even indices: a palette, not a display table
            map[256 + i] = i * 257;
        }
        TiffBytes palette = new TiffBytes();
        palette.add(2, 1, 8, 1).tag(262, 3).tag(320, map).pixels(TiffBytes.bytes(0, 101));
        ImagePlus p = read(palette.write(dir.resolve("palette.tif")));
        assertEquals(ImagePlus.COLOR_RGB, p.getType());
        assertEquals(0xff0000, p.getProcessor().get(0, 0) & 0xffffff);
        assertEquals(0x006500, p.getProcessor().get(1, 0) & 0xffffff);
    }

    @Test
    void omeAxesBecomeChannelsSlicesAndFrames() throws IOException {
        // Planes stored Z fastest, then C (XYZCT): z0c0, z1c0, z2c0, z0c1, z1c1, z2c1; each plane's value 10c + z.
        String ome = "<?xml version=\"1.0\"?><OME xmlns=\"http://www.openmicroscopy.org/Schemas/OME/2016-06\">"
                + "<Image ID=\"Image:0\"><Pixels ID=\"Pixels:0\" DimensionOrder=\"XYZCT\" Type=\"uint8\" SizeX=\"2\""
                + " SizeY=\"1\" SizeZ=\"3\" SizeC=\"2\" SizeT=\"1\"/></Image></OME>";
        TiffBytes t = new TiffBytes();
        for (int c = 0; c < 2; c++) {
            for (int z = 0; z < 3; z++) {
                TiffBytes.Page p = t.add(2, 1, 8, 1).pixels(TiffBytes.bytes(10 * c + z, 10 * c + z));
                if (c == 0 && z == 0) {
                    p.text(270, ome);
                }
            }
        }
        ImagePlus image = read(t.write(dir.resolve("ome.tif")));
        assertEquals(2, image.getNChannels());
        assertEquals(3, image.getNSlices());
        assertEquals(1, image.getNFrames());
        for (int z = 0; z < 3; z++) {
            for (int c = 0; c < 2; c++) {
                assertEquals(10 * c + z, values(image, image.getStackIndex(c + 1, z + 1, 1))[0], 0f);
            }
        }
    }

    @Test
    void anOrdinaryImageJTiffIsReadAsItIs() throws IOException {
        ImageStack stack = new ImageStack(3, 2);
        stack.addSlice(new ij.process.ShortProcessor(3, 2));
        stack.getProcessor(1).set(1, 1, 4000);
        Path file = dir.resolve("plain.tif");
        new ij.io.FileSaver(new ImagePlus("plain", stack)).saveAsTiff(file.toString());
        ImagePlus image = read(file);
        assertEquals(16, image.getBitDepth());
        assertEquals(4000, image.getProcessor().get(1, 1));
        assertTrue(notes.isEmpty(), "" + notes);
    }

    private static int indexOfTag(byte[] tiff, int tag) {
        ByteBuffer b = ByteBuffer.wrap(tiff).order(ByteOrder.LITTLE_ENDIAN);
        int ifd = b.getInt(4);
        int entries = b.getShort(ifd) & 0xffff;
        for (int i = 0; i < entries; i++) {
            if ((b.getShort(ifd + 2 + 12 * i) & 0xffff) == tag) {
                return ifd + 2 + 12 * i;
            }
        }
        throw new AssertionError("no tag " + tag);
    }

    /** A PNG whose header declares width x height, with one tiny data chunk. */
    static Path png(Path file, int width, int height) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 0)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", ihdr.array());
        chunk(out, "IDAT", new byte[] {0x78, (byte) 0x9c, 3, 0, 0, 0, 0, 1});
        chunk(out, "IEND", new byte[0]);
        return Files.write(file, out.toByteArray());
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        d.writeInt(data.length);
        byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        d.write(t);
        d.write(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        d.writeInt((int) crc.getValue());
    }

    /** The start of a JPEG whose frame header declares 4 components (CMYK). */
    static Path cmykJpeg(Path file) throws IOException {
        byte[] b = {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xc0, 0, 20, 8, 0, 4, 0, 4, 4,
            1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0, 4, 0x11, 0, (byte) 0xff, (byte) 0xd9};
        return Files.write(file, b);
    }
}
