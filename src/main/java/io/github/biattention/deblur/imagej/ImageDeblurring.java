package io.github.biattention.deblur.imagej;

import ij.ImagePlus;
import io.github.biattention.deblur.inference.DeblurEngine;
import io.github.biattention.deblur.inference.DeblurSettings;
import io.github.biattention.deblur.inference.ProgressListener;
import io.github.biattention.deblur.model.DeblurModel;
import java.util.function.BooleanSupplier;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Deblurs an ImageJ 1.x image: the one operation behind the Fiji commands and the command-line tool.
 */
public final class ImageDeblurring {

    private ImageDeblurring() {}

    /**
     * @param keepBitDepth convert the result back to the input's bit depth (clipped to the type's range and rounded;
     *     RGB stays RGB) instead of returning 32-bit
     * @return a new image with the same dimensions, calibration and intensity scale as {@code input}, titled
     *     {@link #outputTitle}; 32-bit unless {@code keepBitDepth}. A 32-bit result of an RGB input has three
     *     channels (each colour deblurred with the grayscale model)
     * @throws java.util.concurrent.CancellationException if {@code cancelled} turned true (nothing is returned)
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static ImagePlus deblur(ImagePlus input, DeblurModel model, DeblurSettings settings, boolean keepBitDepth,
            ProgressListener progress, BooleanSupplier cancelled) {
        Img<FloatType> output = DeblurEngine.deblur((RandomAccessibleInterval) ImagePlusBridge.wrap(input),
                ImagePlusBridge.CHANNEL_AXIS, model, settings, progress, cancelled);
        return toResult(output, input, keepBitDepth);
    }

    /** The engine's float output as the image {@link #deblur} returns for {@code input}. */
    static ImagePlus toResult(Img<FloatType> output, ImagePlus input, boolean keepBitDepth) {
        ImagePlus result = ImagePlusBridge.toImagePlus(output, input, outputTitle(input.getTitle()));
        return keepBitDepth ? ImagePlusBridge.toBitDepth(result, input) : result;
    }

    /** "cells.tif" becomes "cells-deblurred.tif"; a title without an extension gets "-deblurred" appended. */
    public static String outputTitle(String title) {
        int dot = title.lastIndexOf('.');
        if (dot > 0 && title.length() - dot <= 5) {
            return title.substring(0, dot) + "-deblurred" + title.substring(dot);
        }
        return title + "-deblurred";
    }
}
