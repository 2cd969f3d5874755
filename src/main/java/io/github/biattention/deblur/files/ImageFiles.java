package io.github.biattention.deblur.files;

import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileInfo;
import ij.io.TiffDecoder;
import ij.process.FloatProcessor;
import ij.process.ImageConverter;
import ij.process.ImageProcessor;
import ij.process.LUT;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The one way image files enter the program: ImageJ 1.x reads them, after the file's declared size and structure have
 * been checked, and what ImageJ would read wrongly is corrected or refused. Every problem becomes an
 * {@link IOException} whose message names the file and says what to do.
 *
 * <p>Before reading: TIFF headers are walked without trusting them ({@link TiffHeaders}: loops, tables past the end,
 * BigTIFF, JPEG, tiles, pages of different sizes) and the declared pixels are held against the heap
 * ({@link ImageBudget}), so a few hundred bytes cannot make it allocate gigabytes; PNG, JPEG, GIF and BMP sizes come
 * from their headers ({@link ImageHeaders}). After reading, values come out as the file means them: signed integers
 * as negative numbers (32-bit), WhiteIsZero and inverted lookup tables as brightness, palette images as their colours,
 * OME-TIFF planes as channels, slices and frames; alpha channels are dropped, with a note.
 */
public final class ImageFiles {

    private ImageFiles() {}

    /** Reads a file within this Java's heap; notes about corrected values go to standard error. */
    public static ImagePlus read(Path file) throws IOException {
        return read(file, ImageBudget.ofHeap(), note -> System.err.println("Note: " + note));
    }

    /**
     * @param budget the most pixels the file may declare
     * @param notes told what was corrected (each note names the file)
     * @return the image, at least 1x1 with at least one plane
     * @throws IOException naming the file: missing, a folder, not a regular file, unreadable, empty, truncated,
     *     corrupt, too large for the budget, or not an image ImageJ opens
     */
    public static ImagePlus read(Path file, ImageBudget budget, Consumer<String> notes) throws IOException {
        long size = checkFile(file);
        byte[] start = new byte[16];
        try (InputStream in = Files.newInputStream(file)) {
            start = java.util.Arrays.copyOf(start, in.readNBytes(start, 0, start.length));
        }
        if (start.length >= 4 && start[0] == 'P' && start[1] == 'K' && start[2] == 3 && start[3] == 4) {
            throw new IOException(file + " is a zip archive: unpack it first (ImageJ would read the image inside"
                    + " without the checks every other file gets)");
        }
        TiffHeaders tiff = null;
        FileInfo[] info = null;
        if (TiffHeaders.isTiff(start)) {
            tiff = TiffHeaders.read(file);
            checkPages(tiff);
            TiffHeaders.Page first = tiff.pages().get(0);
            budget.check(file, tiff.samples(), first.width + "x" + first.height + " pixels"
                    + (first.samplesPerPixel > 1 ? " x " + first.samplesPerPixel + " samples" : "")
                    + (tiff.pages().size() > 1 ? " x " + tiff.pages().size() + " pages" : ""));
            if (!greyAndAlpha(first)) { // ImageJ's decoder refuses grey + alpha; the JDK's TIFF reader takes it
                info = tiffInfo(file, size);
                // ImageJ's own stacks over 4 GB have one header and "images=N" in the description.
                long declared = TiffHeaders.saturatedMultiply(tiff.samples(), Math.max(1, info[0].nImages));
                budget.check(file, declared, first.width + "x" + first.height + " pixels x " + info[0].nImages
                        + " images");
            }
        } else {
            ImageHeaders.check(file, budget);
        }
        ImagePlus image;
        try {
            if (tiff != null) {
                image = greyAndAlpha(tiff.pages().get(0)) ? ImageHeaders.readWithoutAlpha(file)
                        : IJ.openImage(file.toString());
                if (image != null && greyAndAlpha(tiff.pages().get(0))) {
                    notes.accept(file + ": its alpha channel was dropped (deblurring uses the grey values)");
                }
            } else {
                image = ImageHeaders.readWithoutAlpha(file);
                if (image != null) {
                    notes.accept(file + ": its alpha channel was dropped (ImageJ would blend it into the image)");
                } else {
                    image = IJ.openImage(file.toString());
                }
            }
        } catch (OutOfMemoryError e) {
            throw new IOException(file + " does not fit in this Java's memory (" + e.getMessage() + "): give Java"
                    + " more memory (java -Xmx, or Fiji's Edit > Options > Memory & Threads)", e);
        } catch (RuntimeException e) { // ImageJ throws on some corrupt headers
            throw new IOException(file + " is corrupt or not an image (" + e + ")", e);
        }
        if (image == null) {
            throw new IOException(file + " is not an image ImageJ can open (corrupt, truncated or an unsupported"
                    + " format)");
        }
        if (image.getWidth() < 1 || image.getHeight() < 1 || image.getStackSize() < 1) {
            throw new IOException(file + " has no pixels (" + image.getWidth() + "x" + image.getHeight() + ")");
        }
        if (tiff != null) {
            TiffHeaders.Page first = tiff.pages().get(0);
            if (first.extraSamples > 0 && first.samplesPerPixel >= 4) {
                notes.accept(file + ": its alpha channel was dropped (deblurring uses the colour channels)");
            }
            if (first.signedInteger() && first.bitsPerSample == 8 && image.getType() == ImagePlus.GRAY8) {
                image = signedEightBit(image);
                notes.accept(file + ": signed 8-bit values, read as 32-bit (the result is 32-bit)");
            }
            OmeAxes.apply(file, image, first.description, notes);
        }
        return asMeant(file, image, notes);
    }

    private static long checkFile(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new IOException(file + " does not exist");
        }
        if (Files.isDirectory(file)) {
            throw new IOException(file + " is a folder, not an image file");
        }
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " is not a regular file (a device, pipe or socket)");
        }
        if (!Files.isReadable(file)) {
            throw new IOException(file + " cannot be read (permission denied)");
        }
        long size = Files.size(file);
        if (size == 0) {
            throw new IOException(file + " is empty (0 bytes)");
        }
        return size;
    }

    /** Refuses what ImageJ would read wrongly or in part. */
    private static void checkPages(TiffHeaders tiff) throws IOException {
        Path file = tiff.file();
        // Every page ImageJ reads, thumbnails included: one that differs makes it read page 1 only.
        List<TiffHeaders.Page> pages = tiff.pages();
        TiffHeaders.Page first = pages.get(0);
        for (int i = 1; i < pages.size(); i++) {
            TiffHeaders.Page p = pages.get(i);
            if (p.width != first.width || p.height != first.height || p.samplesPerPixel != first.samplesPerPixel
                    || p.bitsPerSample != first.bitsPerSample || p.sampleFormat != first.sampleFormat
                    || p.photometric != first.photometric) {
                throw new IOException(String.format(Locale.ROOT, "%s has pages of different sizes or types (page 1:"
                        + " %dx%d, %d-bit x %d; page %d: %dx%d, %d-bit x %d), and ImageJ would read page 1 only:"
                        + " save each size as its own file (a thumbnail or pyramid level counts too)", file,
                        first.width, first.height, first.bitsPerSample, first.samplesPerPixel, i + 1, p.width,
                        p.height, p.bitsPerSample, p.samplesPerPixel));
            }
        }
        if (first.photometric == 4 || first.photometric == 6 || first.photometric > 5) {
            throw new IOException(file + " stores its colours as " + photometricName(first.photometric)
                    + " (TIFF photometric " + first.photometric + "), which ImageJ 1.x does not read: save it as"
                    + " grey or RGB");
        }
        if (greyAndAlpha(first) && (first.bitsPerSample != 8 && first.bitsPerSample != 16 || pages.size() > 1)) {
            throw new IOException(file + " is grey with an alpha channel in a form this plugin does not read ("
                    + first.bitsPerSample + "-bit, " + pages.size() + " page(s)): save it as grey");
        }
        if (first.sampleFormat == 2 && first.samplesPerPixel > 1) {
            throw new IOException(file + " holds signed integers with " + first.samplesPerPixel + " samples per"
                    + " pixel, which ImageJ 1.x reads as unsigned: save each channel as its own grey image, or as"
                    + " 32-bit float");
        }
        if (first.sampleFormat == 2 && first.bitsPerSample == 32) {
            throw new IOException(file + " holds signed 32-bit integers, which ImageJ 1.x reads wrongly: save it as"
                    + " 32-bit float");
        }
    }

    private static String photometricName(int photometric) {
        switch (photometric) {
            case 4: return "a transparency mask";
            case 6: return "YCbCr";
            case 8: case 9: case 10: return "CIE L*a*b*";
            default: return "an unusual colour space";
        }
    }

    /** Grey plus extra samples (alpha): ImageJ would read the interleaved samples as pixels. */
    private static boolean greyAndAlpha(TiffHeaders.Page page) {
        return page.samplesPerPixel == 2 && page.photometric <= 1;
    }

    /** ImageJ's own decoding of the headers, and the check that uncompressed pixel data lies inside the file. */
    private static FileInfo[] tiffInfo(Path file, long size) throws IOException {
        FileInfo[] info;
        try {
            Path dir = file.toAbsolutePath().getParent();
            info = new TiffDecoder(dir + java.io.File.separator, file.getFileName().toString()).getTiffInfo();
        } catch (IOException e) {
            throw new IOException(file + " is not a TIFF ImageJ can open: " + message(e), e);
        } catch (RuntimeException e) { // the decoder trusts sizes read from the file, and a broken one throws
            throw new IOException(file + " has a corrupt or cut-short TIFF header (" + e.getClass().getSimpleName()
                    + ")", e);
        }
        if (info == null || info.length == 0) {
            throw new IOException(file + " is a TIFF without images");
        }
        for (FileInfo fi : info) {
            long end = dataEnd(fi);
            if (end > size) {
                throw new IOException(String.format(Locale.ROOT, "%s is truncated: its pixel data ends at byte %d,"
                        + " the file has %d bytes", file, end, size));
            }
        }
        return info;
    }

    /** Where the pixel data described by one header ends: its last strip, or all its images when uncompressed. */
    private static long dataEnd(FileInfo fi) {
        long end = 0;
        if (fi.stripOffsets != null && fi.stripLengths != null) {
            for (int i = 0; i < Math.min(fi.stripOffsets.length, fi.stripLengths.length); i++) {
                end = Math.max(end, (fi.stripOffsets[i] & 0xffffffffL) + (fi.stripLengths[i] & 0xffffffffL));
            }
        }
        int bytesPerPixel = fi.getBytesPerPixel();
        if (fi.compression <= FileInfo.COMPRESSION_NONE && bytesPerPixel > 0 && !packed(fi)) {
            long image = (long) fi.width * fi.height * bytesPerPixel;
            int images = Math.max(1, fi.nImages);
            end = Math.max(end, fi.getOffset() + images * image + (images - 1) * fi.getGap());
        }
        return end;
    }

    /** Types stored in fewer bytes per pixel than they are read into. */
    private static boolean packed(FileInfo fi) {
        return fi.fileType == FileInfo.BITMAP || fi.fileType == FileInfo.GRAY12_UNSIGNED
                || fi.fileType == FileInfo.GRAY10_UNSIGNED;
    }

    /** Signed 8-bit samples, read by ImageJ as unsigned: 128..255 are -128..-1. */
    private static ImagePlus signedEightBit(ImagePlus image) {
        ImageStack in = image.getStack();
        ImageStack out = new ImageStack(image.getWidth(), image.getHeight());
        for (int s = 1; s <= in.getSize(); s++) {
            byte[] p = (byte[]) in.getPixels(s);
            float[] f = new float[p.length];
            for (int i = 0; i < p.length; i++) {
                f[i] = p[i]; // Java's byte is signed
            }
            out.addSlice(in.getSliceLabel(s), new FloatProcessor(image.getWidth(), image.getHeight(), f));
        }
        return replaceStack(image, out);
    }

    /**
     * Values as the file means them: signed 16-bit (ImageJ adds 32768 and a calibration function) as the signed
     * numbers, inverted lookup tables (WhiteIsZero) as brightness, palette images as RGB.
     */
    private static ImagePlus asMeant(Path file, ImagePlus image, Consumer<String> notes) {
        if (image.getCalibration().isSigned16Bit()) {
            ImageStack in = image.getStack();
            ImageStack out = new ImageStack(image.getWidth(), image.getHeight());
            for (int s = 1; s <= in.getSize(); s++) {
                short[] p = (short[]) in.getPixels(s);
                float[] f = new float[p.length];
                for (int i = 0; i < p.length; i++) {
                    f[i] = (p[i] & 0xffff) - 32768f;
                }
                out.addSlice(in.getSliceLabel(s), new FloatProcessor(image.getWidth(), image.getHeight(), f));
            }
            image.getCalibration().disableDensityCalibration();
            notes.accept(file + ": signed 16-bit values, read as 32-bit (the result is 32-bit)");
            return replaceStack(image, out);
        }
        int type = image.getType();
        if ((type == ImagePlus.GRAY8 || type == ImagePlus.COLOR_256) && palette(image)) {
            new ImageConverter(image).convertToRGB();
            notes.accept(file + ": a palette (indexed colour) image, read as RGB through its palette");
            return image;
        }
        if ((type == ImagePlus.GRAY8 || type == ImagePlus.GRAY16) && image.isInvertedLut()) {
            int max = type == ImagePlus.GRAY8 ? 255 : 65535;
            ImageStack stack = image.getStack();
            for (int s = 1; s <= stack.getSize(); s++) {
                ImageProcessor ip = stack.getProcessor(s);
                for (int i = 0; i < ip.getPixelCount(); i++) {
                    ip.set(i, max - ip.get(i));
                }
            }
            byte[] ramp = new byte[256];
            for (int i = 0; i < 256; i++) {
                ramp[i] = (byte) i;
            }
            LUT grey = new LUT(ramp, ramp, ramp);
            image.getProcessor().setColorModel(grey);
            if (stack.getSize() > 1) {
                stack.setColorModel(grey);
            }
            image.resetDisplayRange();
            notes.accept(file + ": white is zero in this file (an inverted lookup table); values read as brightness,"
                    + " " + max + " - value");
        }
        return image;
    }

    /**
     * An indexed-colour image, whose values are only keys into a palette: a lookup table that is not a display
     * table of intensities. Display tables (ImageJ's "Green", inverted grey, ...) rise or fall steadily in each of red,
     * green and blue; ImageJ keeps any table it saved itself (its TIFFs say "ImageJ=" in their description).
     */
    private static boolean palette(ImagePlus image) {
        LUT lut = image.getProcessor().getLut();
        String description = image.getOriginalFileInfo() != null ? image.getOriginalFileInfo().description : null;
        if (lut == null || description != null && description.startsWith("ImageJ=")) {
            return false;
        }
        return !(steady(lut, 0) && steady(lut, 1) && steady(lut, 2));
    }

    /** One colour of a table never rises and never falls, or never falls, or never rises. */
    private static boolean steady(LUT lut, int colour) {
        boolean rises = false;
        boolean falls = false;
        for (int i = 1; i < lut.getMapSize(); i++) {
            int a = component(lut, colour, i - 1);
            int b = component(lut, colour, i);
            rises |= b > a;
            falls |= b < a;
        }
        return !(rises && falls);
    }

    private static int component(LUT lut, int colour, int i) {
        return colour == 0 ? lut.getRed(i) : colour == 1 ? lut.getGreen(i) : lut.getBlue(i);
    }

    /** The image with a new stack of the same dimensions, calibration and properties. */
    private static ImagePlus replaceStack(ImagePlus image, ImageStack stack) {
        ImagePlus out = image.createImagePlus();
        out.setStack(image.getTitle(), stack);
        out.setDimensions(image.getNChannels(), image.getNSlices(), image.getNFrames());
        out.setCalibration(image.getCalibration());
        out.getCalibration().disableDensityCalibration();
        if (image.getProperty("Info") != null) {
            out.setProperty("Info", image.getProperty("Info"));
        }
        out.setOpenAsHyperStack(image.isHyperStack());
        return out;
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }
}
