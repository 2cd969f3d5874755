package io.github.biattention.deblur.files;

import ij.ImagePlus;
import ij.ImageStack;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The channels, slices and frames of an OME-TIFF, which ImageJ 1.x reads as one flat stack of planes: the OME-XML in
 * the first page's description gives the sizes and the order of the planes (DimensionOrder, fastest first after X
 * and Y), and the stack is rearranged into ImageJ's order (channel fastest, then slice, then frame).
 */
final class OmeAxes {

    private static final Pattern PIXELS = Pattern.compile("<(?:\\w+:)?Pixels\\b([^>]*)>");

    private OmeAxes() {}

    /**
     * Gives {@code image} the OME dimensions of {@code description} (nothing when it holds no OME-XML or the image
     * already has them).
     *
     * @throws IOException naming the file when the OME sizes do not match the planes, or it holds several images
     */
    static void apply(Path file, ImagePlus image, String description, Consumer<String> notes) throws IOException {
        if (description == null || !description.contains("<OME") && !description.contains(":OME")) {
            return;
        }
        Matcher m = PIXELS.matcher(description);
        if (!m.find()) {
            return;
        }
        String attributes = m.group(1);
        if (m.find()) {
            throw new IOException(file + " is an OME-TIFF with several images (series), which ImageJ 1.x reads as"
                    + " one stack: open it in Fiji with File > Import > Bio-Formats and save each series as TIFF");
        }
        int c = size(attributes, "SizeC");
        int z = size(attributes, "SizeZ");
        int t = size(attributes, "SizeT");
        String order = attribute(attributes, "DimensionOrder");
        if (order == null) {
            order = "XYCZT";
        }
        if (image.getType() == ImagePlus.COLOR_RGB && c % 3 == 0) {
            c /= 3; // RGB samples are counted as channels
        }
        int planes = image.getStackSize();
        if ((long) c * z * t != planes) {
            throw new IOException(String.format(Locale.ROOT, "%s is an OME-TIFF whose metadata give %d channels x %d"
                    + " slices x %d frames, but it holds %d planes", file, c, z, t, planes));
        }
        if (planes == 1 || image.getNChannels() == c && image.getNSlices() == z && image.getNFrames() == t) {
            return;
        }
        String axes = order.toUpperCase(Locale.ROOT).replace("X", "").replace("Y", "");
        if (axes.length() != 3 || axes.indexOf('C') < 0 || axes.indexOf('Z') < 0 || axes.indexOf('T') < 0) {
            throw new IOException(file + " is an OME-TIFF with an unknown DimensionOrder \"" + order + "\"");
        }
        int[] sizes = {c, z, t};
        int[] stride = new int[3]; // stride of C, Z, T in the file's plane order
        int step = 1;
        for (char axis : axes.toCharArray()) {
            int k = "CZT".indexOf(axis);
            stride[k] = step;
            step *= sizes[k];
        }
        ImageStack in = image.getStack();
        ImageStack out = new ImageStack(image.getWidth(), image.getHeight());
        for (int ti = 0; ti < t; ti++) {
            for (int zi = 0; zi < z; zi++) {
                for (int ci = 0; ci < c; ci++) {
                    int plane = ci * stride[0] + zi * stride[1] + ti * stride[2] + 1;
                    out.addSlice(in.getSliceLabel(plane), in.getProcessor(plane));
                }
            }
        }
        image.setStack(out, c, z, t);
        image.setOpenAsHyperStack(true);
        notes.accept(String.format(Locale.ROOT, "%s: OME-TIFF planes (%s) read as %d channels x %d slices x %d"
                + " frames", file, order, c, z, t));
    }

    private static int size(String attributes, String name) throws IOException {
        String value = attribute(attributes, name);
        try {
            int n = value == null ? 1 : Integer.parseInt(value.trim());
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IOException("OME " + name + " is not a positive number: \"" + value + "\"");
        }
    }

    private static String attribute(String attributes, String name) {
        Matcher m = Pattern.compile("\\b" + name + "\\s*=\\s*\"([^\"]*)\"").matcher(attributes);
        return m.find() ? m.group(1) : null;
    }
}
