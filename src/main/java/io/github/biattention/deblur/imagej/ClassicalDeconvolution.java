package io.github.biattention.deblur.imagej;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.ImageProcessor;
import io.github.biattention.deblur.classical.Boundary;
import io.github.biattention.deblur.classical.Deconvolver;
import io.github.biattention.deblur.classical.Psf;
import io.github.biattention.deblur.classical.RichardsonLucy;
import io.github.biattention.deblur.classical.WidefieldObjective;
import io.github.biattention.deblur.classical.Wiener;
import io.github.biattention.deblur.data.Kernel;
import io.github.biattention.deblur.data.Plane;
import io.github.biattention.deblur.files.ImageFiles;
import io.github.biattention.deblur.inference.Planes;
import io.github.biattention.deblur.inference.ProgressListener;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.planar.PlanarImgs;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * Classical deconvolution (Richardson–Lucy, Wiener) of ImageJ 1.x images, for the Classical Deconvolution command and
 * the CLI's {@code deconvolve}: every plane of a stack or hyperstack is deconvolved on its own with the same PSF;
 * an RGB image becomes three 32-bit channels. The result is 32-bit, in the input's intensity scale, with its
 * dimensions and calibration.
 */
public final class ClassicalDeconvolution {

    private ClassicalDeconvolution() {}

    /**
     * @param method "rl" (Richardson–Lucy) or "wiener", case-insensitive
     * @param iterations RL iterations (ignored by Wiener)
     * @param tv RL total-variation weight, 0 for none (ignored by Wiener)
     * @param nsr Wiener noise-to-signal ratio (ignored by RL)
     * @throws IllegalArgumentException for an unknown method or invalid values
     */
    public static Deconvolver deconvolver(String method, Kernel psf, int iterations, double tv, double nsr,
            Boundary boundary) {
        switch (method.trim().toLowerCase(Locale.ROOT)) {
            case "rl":
            case "richardson-lucy":
                return new RichardsonLucy(psf, iterations, tv, boundary);
            case "wiener":
                return new Wiener(psf, nsr, boundary);
            default:
                throw new IllegalArgumentException("Unknown method '" + method + "': use rl or wiener");
        }
    }

    /**
     * Deconvolves every plane.
     *
     * @param progress told after each plane
     * @param cancelled polled between RL iterations
     * @throws java.util.concurrent.CancellationException once {@code cancelled} turned true
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static ImagePlus deconvolve(ImagePlus input, Deconvolver deconvolver, String suffix,
            ProgressListener progress, BooleanSupplier cancelled) {
        RandomAccessibleInterval<? extends RealType<?>> source = ImagePlusBridge.wrap(input);
        long[] dims = new long[source.numDimensions()];
        source.dimensions(dims);
        Img<FloatType> output = PlanarImgs.floats(dims);
        int w = (int) dims[0];
        int h = (int) dims[1];
        int total = (int) (dims[2] * dims[3] * dims[4]);
        int done = 0;
        for (long t = 0; t < dims[4]; t++) {
            for (long z = 0; z < dims[3]; z++) {
                for (long c = 0; c < dims[2]; c++) {
                    float[] pixels = Planes.toFloatArray(slice((RandomAccessibleInterval) source, c, z, t));
                    Plane result = deconvolver.deconvolve(new Plane(w, h, pixels), cancelled);
                    Planes.copyInto(result.pixels(), slice(output, c, z, t));
                    done++;
                    progress.progress(done, total, "Deconvolving plane " + done + "/" + total);
                }
            }
        }
        return ImagePlusBridge.toImagePlus(output, input, outputTitle(input.getTitle(), suffix));
    }

    private static <T> RandomAccessibleInterval<T> slice(RandomAccessibleInterval<T> image, long c, long z, long t) {
        return Views.hyperSlice(Views.hyperSlice(Views.hyperSlice(image, 4, t), 3, z), 2, c);
    }

    /** "cells.tif" with suffix "rl" becomes "cells-rl.tif"; a title without an extension gets "-rl" appended. */
    public static String outputTitle(String title, String suffix) {
        int dot = title.lastIndexOf('.');
        if (dot > 0 && title.length() - dot <= 5) {
            return title.substring(0, dot) + "-" + suffix + title.substring(dot);
        }
        return title + "-" + suffix;
    }

    /**
     * A measured PSF from an image file, prepared by {@link Psf#fromImage} (border-median background subtracted,
     * centred on its centre of mass, normalised). A stack (e.g. a 3D bead image) gives its plane with the highest
     * maximum, the in-focus one; RGB is converted to grey.
     *
     * @throws IOException with one line naming the file: unreadable, or no signal above the background
     */
    public static Kernel readPsf(Path file) throws IOException {
        ImagePlus image;
        try {
            image = ImageFiles.read(file);
        } catch (IOException e) {
            throw new IOException("Cannot read the PSF: " + e.getMessage(), e);
        }
        try {
            return psfFromImage(image);
        } catch (IllegalArgumentException e) {
            throw new IOException("PSF " + file + ": " + e.getMessage(), e);
        }
    }

    /** As {@link #readPsf} for an open image. */
    public static Kernel psfFromImage(ImagePlus image) {
        ImageStack stack = image.getStack();
        ImageProcessor best = null;
        double bestMax = Double.NEGATIVE_INFINITY;
        for (int i = 1; i <= stack.getSize(); i++) {
            ImageProcessor plane = stack.getProcessor(i).convertToFloat();
            double max = plane.getStatistics().max;
            if (max > bestMax) {
                bestMax = max;
                best = plane;
            }
        }
        return Psf.fromImage(new Plane(best.getWidth(), best.getHeight(), (float[]) best.getPixels()));
    }

    /**
     * The objective of a Fiji dialog's numbers; a sample index of 0 is the dialog's "as the immersion" (no mismatch).
     *
     * @throws IllegalArgumentException for a value outside its range, saying what to enter
     */
    public static WidefieldObjective objective(double na, double wavelength, double immersionIndex, double defocus,
            double sampleIndex, double depth) {
        return new WidefieldObjective(na, wavelength, immersionIndex, defocus)
                .inSample(sampleIndex == 0 ? immersionIndex : sampleIndex, depth);
    }

    /**
     * The pixel size in nm for a PSF computed for {@code image}: {@code givenNm} unless it is NaN (not given), else
     * the image's calibration ({@link #pixelSizeNm(ImagePlus)}). A given size is checked later, with the PSF.
     *
     * @param whatToDo the end of the message when neither is there, e.g. "give --pixel-size (nm)"
     * @throws IllegalArgumentException when none is given and the image has no calibration in a length unit
     */
    public static double pixelSizeNm(ImagePlus image, double givenNm, String whatToDo) {
        if (!Double.isNaN(givenNm)) {
            return givenNm;
        }
        double calibrated = pixelSizeNm(image);
        if (Double.isNaN(calibrated)) {
            String title = image.getTitle() == null || image.getTitle().isBlank() ? "The image" : image.getTitle();
            throw new IllegalArgumentException(title + " has no pixel size in nm, micron or mm in its calibration: "
                    + whatToDo);
        }
        return calibrated;
    }

    /**
     * The pixel width of a calibrated image in nanometres, or NaN when the unit is not a length ImageJ writes
     * (nm, micron/µm/um, mm) or the image is uncalibrated.
     */
    public static double pixelSizeNm(ImagePlus image) {
        Calibration cal = image.getCalibration();
        if (!cal.scaled()) {
            return Double.NaN;
        }
        String unit = cal.getUnit().trim().toLowerCase(Locale.ROOT);
        switch (unit) {
            case "nm":
            case "nanometer":
            case "nanometre":
                return cal.pixelWidth;
            case "micron":
            case "microns":
            case "µm":
            case "μm":
            case "um":
                return cal.pixelWidth * 1e3;
            case "mm":
                return cal.pixelWidth * 1e6;
            default:
                return Double.NaN;
        }
    }
}
