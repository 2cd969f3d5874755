package io.github.biattention.deblur.evaluation;

import io.github.biattention.deblur.data.ChannelImage;
import io.github.biattention.deblur.data.ChannelImageReader;
import io.github.biattention.deblur.data.ImagePair;
import io.github.biattention.deblur.inference.DeblurEngine;
import io.github.biattention.deblur.inference.DeblurSettings;
import io.github.biattention.deblur.inference.Planes;
import io.github.biattention.deblur.inference.ProgressListener;
import io.github.biattention.deblur.metrics.Psnr;
import io.github.biattention.deblur.metrics.Ssim;
import io.github.biattention.deblur.model.DeblurModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import net.imglib2.RandomAccessibleInterval;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;
import net.imglib2.view.Views;

/**
 * Evaluation on pairs of real blurred and sharp images (GOPRO, DVD, or any two folders), as deblurring papers report
 * it: each blurred image is deblurred at full resolution by the engine (colour channels separately, with the
 * grey-level model), the result is stored as the input's file type would store it (clipped to the data range and,
 * for 8/16-bit and RGB, rounded), and both the blurred and the restored image are scored against the sharp one
 * with {@link Psnr} and {@link Ssim} (scikit-image's definitions; for RGB one PSNR over all channels and the mean SSIM
 * of the channels) with the data range of the file type: 255 for 8-bit and RGB, 65535 for 16-bit.
 *
 * <p>A pair that fails (unreadable file, sizes or types that differ, an image under 7x7 pixels) is reported and the
 * others are still evaluated.
 */
public final class PairEvaluation {

    /** The scores of one pair. */
    public static final class Row {
        public final String name;
        public final int width;
        public final int height;
        public final int channels;
        public final double blurredPsnr;
        public final double blurredSsim;
        public final double restoredPsnr;
        public final double restoredSsim;
        /** Deblurring time, reading and scoring excluded. */
        public final double seconds;

        Row(String name, int width, int height, int channels, double blurredPsnr, double blurredSsim,
                double restoredPsnr, double restoredSsim, double seconds) {
            this.name = name;
            this.width = width;
            this.height = height;
            this.channels = channels;
            this.blurredPsnr = blurredPsnr;
            this.blurredSsim = blurredSsim;
            this.restoredPsnr = restoredPsnr;
            this.restoredSsim = restoredSsim;
            this.seconds = seconds;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s %dx%dx%d blurred %.2f dB %.4f restored %.2f dB %.4f %.2f s", name,
                    width, height, channels, blurredPsnr, blurredSsim, restoredPsnr, restoredSsim, seconds);
        }
    }

    /** A pair that could not be evaluated, and why. */
    public static final class Failure {
        public final ImagePair pair;
        public final String message;

        Failure(ImagePair pair, String message) {
            this.pair = pair;
            this.message = message;
        }

        @Override
        public String toString() {
            return pair.name() + ": " + message;
        }
    }

    /** Means over the rows: of each score and of the deblurring time; NaN for no rows. */
    public static final class Means {
        public final int count;
        public final double blurredPsnr;
        public final double blurredSsim;
        public final double restoredPsnr;
        public final double restoredSsim;
        public final double seconds;

        Means(List<Row> rows) {
            double[] sum = new double[5];
            for (Row r : rows) {
                sum[0] += r.blurredPsnr;
                sum[1] += r.blurredSsim;
                sum[2] += r.restoredPsnr;
                sum[3] += r.restoredSsim;
                sum[4] += r.seconds;
            }
            count = rows.size();
            blurredPsnr = sum[0] / count;
            blurredSsim = sum[1] / count;
            restoredPsnr = sum[2] / count;
            restoredSsim = sum[3] / count;
            seconds = sum[4] / count;
        }
    }

    /** The rows of the pairs that were evaluated and the failures of the others, both in the order of the pairs. */
    public static final class Result {
        private final List<Row> rows;
        private final List<Failure> failures;

        Result(List<Row> rows, List<Failure> failures) {
            this.rows = Collections.unmodifiableList(rows);
            this.failures = Collections.unmodifiableList(failures);
        }

        public List<Row> rows() {
            return rows;
        }

        public List<Failure> failures() {
            return failures;
        }

        public Means means() {
            return new Means(rows);
        }
    }

    /** Told about each pair as the run goes, on the running thread. */
    public interface Listener {
        /** Pair {@code index} (from 0) of {@code total} is about to be read. */
        default void started(int index, int total, ImagePair pair) {}

        /** A pair was scored. */
        default void done(Row row) {}

        /** A pair failed; the run goes on with the next. */
        default void failed(Failure failure) {}
    }

    private PairEvaluation() {}

    /** Means of the scores and times of {@code rows}. */
    public static Means means(List<Row> rows) {
        return new Means(rows);
    }

    /**
     * Evaluates the pairs in order with one loaded model.
     *
     * @param progress told {@code (index, pairs, "Image i/n: name")} before each pair and, with the same counts, the
     *     engine's tile messages appended during its deblurring
     * @param cancelled polled before each pair and, by the engine, before every tile
     * @throws CancellationException when {@code cancelled} turned true; the listener has seen the pairs finished
     *     before it
     */
    public static Result run(List<ImagePair> pairs, ChannelImageReader reader, DeblurModel model,
            DeblurSettings settings, Listener listener, ProgressListener progress, BooleanSupplier cancelled) {
        Objects.requireNonNull(reader, "reader");
        Objects.requireNonNull(listener, "listener");
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(cancelled, "cancelled");
        List<Row> rows = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        int total = pairs.size();
        for (int i = 0; i < total; i++) {
            ImagePair pair = pairs.get(i);
            if (cancelled.getAsBoolean()) {
                throw new CancellationException("Evaluation cancelled before " + pair.name());
            }
            listener.started(i, total, pair);
            int index = i;
            String label = "Image " + (i + 1) + "/" + total + ": " + pair.name();
            progress.progress(i, total, label);
            try {
                ChannelImage blurred = reader.read(pair.blurred());
                ChannelImage sharp = reader.read(pair.sharp());
                Row row = evaluate(pair.name(), blurred, sharp, model, settings,
                        (done, tiles, message) -> progress.progress(index, total, label + ", " + message), cancelled);
                rows.add(row);
                listener.done(row);
            } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
                Failure failure = new Failure(pair, e.getMessage() == null ? e.toString() : e.getMessage());
                failures.add(failure);
                listener.failed(failure);
            }
        }
        if (total > 0) {
            progress.progress(total, total, "Evaluated " + total + " images");
        }
        return new Result(rows, failures);
    }

    /**
     * Deblurs {@code blurred} and scores it, and the restored image, against {@code sharp}.
     *
     * @throws IllegalArgumentException when the two images differ in size, channels or data range, or are smaller
     *     than 7x7 (SSIM's window), or the settings do not suit the model
     * @throws CancellationException when {@code cancelled} turned true during the deblurring
     */
    public static Row evaluate(String name, ChannelImage blurred, ChannelImage sharp, DeblurModel model,
            DeblurSettings settings, ProgressListener progress, BooleanSupplier cancelled) {
        requireComparable(blurred, sharp);
        double blurredPsnr = psnr(sharp, blurred);
        double blurredSsim = ssim(sharp, blurred);
        long start = System.nanoTime();
        float[][] restored = deblur(blurred, model, settings, progress, cancelled);
        double seconds = (System.nanoTime() - start) / 1e9;
        ChannelImage stored = blurred.quantized(restored);
        return new Row(name, sharp.width(), sharp.height(), sharp.channelCount(), blurredPsnr, blurredSsim,
                psnr(sharp, stored), ssim(sharp, stored), seconds);
    }

    /** PSNR of {@code test} against {@code reference} over all channels, with the reference's data range. */
    public static double psnr(ChannelImage reference, ChannelImage test) {
        requireComparable(test, reference);
        return Psnr.compute(reference.channels(), test.channels(), reference.dataRange());
    }

    /** SSIM of {@code test} against {@code reference}, the mean over channels, with the reference's data range. */
    public static double ssim(ChannelImage reference, ChannelImage test) {
        requireComparable(test, reference);
        return Ssim.compute(reference.channels(), test.channels(), reference.width(), reference.height(),
                reference.dataRange());
    }

    /**
     * Deblurs every channel of an image, each with its own normalisation.
     *
     * @return one array per channel, unclipped floats in the image's intensity scale
     */
    public static float[][] deblur(ChannelImage image, DeblurModel model, DeblurSettings settings,
            ProgressListener progress, BooleanSupplier cancelled) {
        int w = image.width();
        int h = image.height();
        List<RandomAccessibleInterval<FloatType>> planes = new ArrayList<>();
        for (float[] channel : image.channels()) {
            planes.add(ArrayImgs.floats(channel, w, h));
        }
        boolean grey = planes.size() == 1;
        // Stacked views rather than one copied array: no size limit beyond the engine's per plane.
        RandomAccessibleInterval<FloatType> input = grey ? planes.get(0) : Views.stack(planes);
        Img<FloatType> output = DeblurEngine.deblur(input, grey ? -1 : 2, model, settings, progress, cancelled);
        float[][] result = new float[planes.size()][];
        for (int c = 0; c < result.length; c++) {
            result[c] = Planes.toFloatArray(grey ? output : Views.hyperSlice(output, 2, c));
        }
        return result;
    }

    private static void requireComparable(ChannelImage test, ChannelImage reference) {
        if (test.width() != reference.width() || test.height() != reference.height()
                || test.channelCount() != reference.channelCount()) {
            throw new IllegalArgumentException("The images differ in size: blurred " + test.size() + ", sharp "
                    + reference.size());
        }
        if (test.dataRange() != reference.dataRange()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "The images differ in type: data range %s"
                    + " (blurred) and %s (sharp)", range(test), range(reference)));
        }
    }

    private static String range(ChannelImage image) {
        double r = image.dataRange();
        return r == Math.rint(r) ? String.valueOf((long) r) : String.valueOf(r);
    }
}
