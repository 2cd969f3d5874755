package io.github.biattention.deblur.imagej;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ImageProcessor;
import io.github.biattention.deblur.inference.Planes;
import java.util.ArrayList;
import java.util.List;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.basictypeaccess.array.ByteArray;
import net.imglib2.img.basictypeaccess.array.FloatArray;
import net.imglib2.img.basictypeaccess.array.ShortArray;
import net.imglib2.img.planar.PlanarImg;
import net.imglib2.type.numeric.RealType;
import net.imglib2.type.numeric.integer.UnsignedByteType;
import net.imglib2.type.numeric.integer.UnsignedShortType;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.util.Fraction;
import net.imglib2.view.Views;

/**
 * ImageJ 1.x images as ImgLib2 images and back.
 *
 * <p>{@link #wrap} views the stack's pixel arrays as a {@link PlanarImg} with axes X, Y, C, Z, T, without copying:
 * ImageJ orders a hyperstack's planes channel first, then slice, then frame, which is the order of a PlanarImg's
 * planes. RGB images are the exception: their packed pixels are split into three channels (a copy), so the axes
 * are X, Y, C(3 x channels), Z, T.
 */
public final class ImagePlusBridge {

    /** Axis indices of the 5D view. */
    public static final int CHANNEL_AXIS = 2;

    private ImagePlusBridge() {}

    /**
     * @return a 5D image (X, Y, C, Z, T) of the ImagePlus's pixels
     * @throws IllegalArgumentException for an empty image
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static RandomAccessibleInterval<? extends RealType<?>> wrap(ImagePlus imp) {
        if (imp.getWidth() < 1 || imp.getHeight() < 1 || imp.getStackSize() < 1) {
            String title = imp.getTitle() == null || imp.getTitle().isEmpty() ? "" : " " + imp.getTitle();
            throw new IllegalArgumentException("The image" + title + " has no pixels (" + imp.getWidth() + "x"
                    + imp.getHeight() + ", " + imp.getStackSize() + " planes)");
        }
        ImageStack stack = imp.getStack();
        long[] dims = {imp.getWidth(), imp.getHeight(), imp.getNChannels(), imp.getNSlices(), imp.getNFrames()};
        int n = stack.getSize();
        switch (imp.getType()) {
            case ImagePlus.GRAY8:
            case ImagePlus.COLOR_256: {
                List<ByteArray> planes = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    planes.add(new ByteArray((byte[]) stack.getPixels(i)));
                }
                PlanarImg<UnsignedByteType, ByteArray> img = new PlanarImg<>(planes, dims, new Fraction());
                img.setLinkedType(new UnsignedByteType(img));
                return img;
            }
            case ImagePlus.GRAY16: {
                List<ShortArray> planes = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    planes.add(new ShortArray((short[]) stack.getPixels(i)));
                }
                PlanarImg<UnsignedShortType, ShortArray> img = new PlanarImg<>(planes, dims, new Fraction());
                img.setLinkedType(new UnsignedShortType(img));
                return img;
            }
            case ImagePlus.GRAY32: {
                List<FloatArray> planes = new ArrayList<>();
                for (int i = 1; i <= n; i++) {
                    planes.add(new FloatArray((float[]) stack.getPixels(i)));
                }
                return floats(planes, dims);
            }
            case ImagePlus.COLOR_RGB:
                return splitRgb(imp, dims);
            default:
                throw new IllegalArgumentException("Unsupported image type " + imp.getType() + " of " + imp.getTitle());
        }
    }

    private static PlanarImg<FloatType, FloatArray> floats(List<FloatArray> planes, long[] dims) {
        PlanarImg<FloatType, FloatArray> img = new PlanarImg<>(planes, dims, new Fraction());
        img.setLinkedType(new FloatType(img));
        return img;
    }

    /** RGB: each packed plane becomes three float planes (R, G, B), channel axis multiplied by 3. */
    private static PlanarImg<FloatType, FloatArray> splitRgb(ImagePlus imp, long[] dims) {
        ImageStack stack = imp.getStack();
        List<FloatArray> planes = new ArrayList<>();
        int size = imp.getWidth() * imp.getHeight();
        for (int i = 1; i <= stack.getSize(); i++) {
            int[] rgb = (int[]) stack.getPixels(i);
            for (int shift = 16; shift >= 0; shift -= 8) {
                float[] channel = new float[size];
                for (int p = 0; p < size; p++) {
                    channel[p] = (rgb[p] >> shift) & 0xff;
                }
                planes.add(new FloatArray(channel));
            }
        }
        long[] rgbDims = dims.clone();
        rgbDims[CHANNEL_AXIS] *= 3;
        return floats(planes, rgbDims);
    }

    /**
     * A 32-bit ImagePlus from a 5D float image (X, Y, C, Z, T), with the template's calibration and properties. The
     * planes of a planar image are shared, not copied.
     * RGB templates give a 3-channel composite (one channel per colour).
     */
    public static ImagePlus toImagePlus(Img<FloatType> image, ImagePlus template, String title) {
        int w = (int) image.dimension(0);
        int h = (int) image.dimension(1);
        int c = (int) image.dimension(2);
        int z = (int) image.dimension(3);
        int t = (int) image.dimension(4);
        ImageStack stack = new ImageStack(w, h);
        ImageStack source = template.getStack();
        for (int frame = 0; frame < t; frame++) {
            for (int slice = 0; slice < z; slice++) {
                for (int channel = 0; channel < c; channel++) {
                    float[] pixels = planeArray(image, channel + c * (slice + z * frame));
                    if (pixels == null) {
                        pixels = Planes.toFloatArray(Views.hyperSlice(Views.hyperSlice(Views.hyperSlice(
                                image, 4, frame), 3, slice), 2, channel));
                    }
                    int sourceIndex = template.getType() == ImagePlus.COLOR_RGB
                            ? template.getStackIndex(channel / 3 + 1, slice + 1, frame + 1)
                            : template.getStackIndex(channel + 1, slice + 1, frame + 1);
                    String label = sourceIndex <= source.getSize() ? source.getSliceLabel(sourceIndex) : null;
                    stack.addSlice(label, new FloatProcessor(w, h, pixels));
                }
            }
        }
        ImagePlus result = new ImagePlus(title, stack);
        result.setDimensions(c, z, t);
        if (c > 1 || z > 1 || t > 1) {
            result.setOpenAsHyperStack(true);
        }
        Calibration calibration = template.getCalibration().copy();
        // The pixels are now floats in the input's intensity scale: a density calibration no longer applies.
        calibration.disableDensityCalibration();
        result.setCalibration(calibration);
        result.setProperty("Info", template.getProperty("Info"));
        setDisplayRange(result, template);
        return result;
    }

    /**
     * The storage array of plane {@code index} when the image is a planar float image (what the engine returns), so
     * that the ImagePlus shares it instead of holding a second copy; null otherwise.
     */
    private static float[] planeArray(Img<FloatType> image, int index) {
        if (image instanceof PlanarImg && image.numDimensions() == 5) {
            Object access = ((PlanarImg<?, ?>) image).getPlane(index);
            if (access instanceof FloatArray) {
                return ((FloatArray) access).getCurrentStorageArray();
            }
        }
        return null;
    }

    /** Shows the output like the input: the same display range for 8/16/32-bit, 0..255 for RGB. */
    private static void setDisplayRange(ImagePlus result, ImagePlus template) {
        if (template.getType() == ImagePlus.COLOR_RGB) {
            result.setDisplayRange(0, 255);
        } else {
            result.setDisplayRange(template.getDisplayRangeMin(), template.getDisplayRangeMax());
        }
    }

    /**
     * The deblurred 32-bit image converted back to the template's bit depth: values clipped to the type's range
     * (0-255 for 8-bit and RGB, 0-65535 for 16-bit) and rounded to the nearest integer; the three channels of an RGB
     * template are packed back into RGB. A 32-bit template gives the image unchanged.
     */
    public static ImagePlus toBitDepth(ImagePlus deblurred, ImagePlus template) {
        int type = template.getType();
        if (type == ImagePlus.GRAY32) {
            return deblurred;
        }
        ImageStack source = deblurred.getStack();
        int w = deblurred.getWidth();
        int h = deblurred.getHeight();
        ImageStack stack = new ImageStack(w, h);
        if (type == ImagePlus.COLOR_RGB) {
            for (int i = 1; i + 2 <= source.getSize(); i += 3) {
                ColorProcessor rgb = new ColorProcessor(w, h);
                byte[][] channels = new byte[3][];
                for (int c = 0; c < 3; c++) {
                    channels[c] = (byte[]) source.getProcessor(i + c).convertToByteProcessor(false).getPixels();
                }
                rgb.setRGB(channels[0], channels[1], channels[2]);
                stack.addSlice(source.getSliceLabel(i), rgb);
            }
        } else {
            for (int i = 1; i <= source.getSize(); i++) {
                ImageProcessor plane = source.getProcessor(i);
                // convertTo*Processor(false) clips to the type's range and rounds, without scaling.
                stack.addSlice(source.getSliceLabel(i), type == ImagePlus.GRAY16
                        ? plane.convertToShortProcessor(false) : plane.convertToByteProcessor(false));
            }
        }
        ImagePlus result = new ImagePlus(deblurred.getTitle(), stack);
        result.setDimensions(template.getNChannels(), template.getNSlices(), template.getNFrames());
        result.setOpenAsHyperStack(deblurred.isHyperStack());
        result.setCalibration(template.getCalibration().copy());
        result.setProperty("Info", template.getProperty("Info"));
        if (type != ImagePlus.COLOR_RGB) {
            result.setDisplayRange(template.getDisplayRangeMin(), template.getDisplayRangeMax());
        }
        return result;
    }
}
