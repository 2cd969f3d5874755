package io.github.biattention.deblur.evaluation;

import io.github.biattention.deblur.classical.Wiener;
import io.github.biattention.deblur.data.BlurKernels;
import io.github.biattention.deblur.data.Convolution;
import io.github.biattention.deblur.data.InFocusSource;
import io.github.biattention.deblur.data.Kernel;
import io.github.biattention.deblur.data.Noise;
import io.github.biattention.deblur.data.Plane;
import io.github.biattention.deblur.data.SharpSource;
import io.github.biattention.deblur.data.TexturedSource;
import io.github.biattention.deblur.evaluation.RobustnessGrid.Blur;
import io.github.biattention.deblur.evaluation.RobustnessGrid.NoiseLevel;
import io.github.biattention.deblur.inference.DeblurEngine;
import io.github.biattention.deblur.inference.DeblurSettings;
import io.github.biattention.deblur.inference.ProgressListener;
import io.github.biattention.deblur.metrics.Psnr;
import io.github.biattention.deblur.metrics.Ssim;
import io.github.biattention.deblur.model.DeblurModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * Does a deblurring method help on every image and never harm? Crops of one image family are put through every cell
 * of the {@link RobustnessGrid} (the same crops in every cell; kernels and noise drawn from the seed, so runs repeat)
 * and each method's output is scored against the sharp crop. Each crop is the most detailed of
 * {@value #DETAIL_CANDIDATES} random in-focus ones ({@link TexturedSource}, {@link InFocusSource}), since flat areas
 * hide what a method does to detail and a soft background is no sharp reference. The cell without blur and noise is the "no harm" test:
 * there the input is the sharp image itself. On request a reference is scored beside the methods: Wiener
 * deconvolution given each image's true kernel, with the noise-to-signal ratio that scores best against the sharp
 * crop: a ceiling no user gets, which shows what a cell allows.
 */
public final class RobustnessEvaluation {
    /** Largest kernel of the grid (strong motion, extent 15). */
    static final int MAX_KERNEL = 31;
    /** Each scored crop is the most detailed of this many. */
    static final int DETAIL_CANDIDATES = 4;
    /** How the scored crops are chosen, for report headers. */
    public static final String CROP_CHOICE = "each the most detailed of " + DETAIL_CANDIDATES + " in-focus ones";
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    /** Name of the reference in scores and tables. */
    public static final String REFERENCE = "Wiener (true kernel, best NSR)";
    /** The noise-to-signal ratios the reference chooses from, per image. */
    static final double[] REFERENCE_NSR = {1e-4, 1e-3, 3e-3, 1e-2, 3e-2, 1e-1};

    /** A method under test: a plane in [0, 1] scale in, the restored plane out (same size). */
    @FunctionalInterface
    public interface Method {
        float[] restore(float[] pixels, int width, int height);

        /** The model, deblurring each plane whole with {@link DeblurEngine#deblurPlane}. */
        static Method deblurring(DeblurModel model, DeblurSettings settings) {
            return (pixels, width, height) -> DeblurEngine.deblurPlane(pixels, width, height, model, settings);
        }
    }

    /**
     * One image of one cell, scored for one method. A cell is a blur (row) and a noise level (column), named by
     * their labels, so other grids (widefield optics x photon counts) share the report.
     */
    public static final class Score {
        public final String family;
        public final String method;
        public final String blur;
        public final String noise;
        public final int image;
        public final double inputPsnr;
        public final double inputSsim;
        public final double outputPsnr;
        public final double outputSsim;
        private final boolean noHarm;

        /**
         * @param noHarm whether the input is the sharp image itself (the output is then scored against the input)
         */
        public Score(String family, String method, String blur, String noise, boolean noHarm, int image,
                double inputPsnr, double inputSsim, double outputPsnr, double outputSsim) {
            this.family = family;
            this.method = method;
            this.blur = blur;
            this.noise = noise;
            this.noHarm = noHarm;
            this.image = image;
            this.inputPsnr = inputPsnr;
            this.inputSsim = inputSsim;
            this.outputPsnr = outputPsnr;
            this.outputSsim = outputSsim;
        }

        /** PSNR gain of the output over the input (minus infinity in the {@link #noHarm} cell). */
        public double gain() {
            return outputPsnr - inputPsnr;
        }

        /** The cell where the input is the sharp image: output scored against the input. */
        public boolean noHarm() {
            return noHarm;
        }

        public String csv() {
            return String.format(Locale.ROOT, "%s,%s,%s,%s,%d,%.4f,%.5f,%.4f,%.5f", family, method, blur,
                    noise.replace("σ ", "sigma "), image, inputPsnr, inputSsim, outputPsnr, outputSsim);
        }
    }

    /** Header of {@link Score#csv()}. */
    public static final String CSV_HEADER =
            "family,method,blur,noise,image,input_psnr,input_ssim,output_psnr,output_ssim";

    private final SharpSource source;
    private final String family;
    private final int count;
    private final int size;
    private final long seed;
    private final boolean reference;

    /**
     * @param family name of the image family in the report
     * @param count crops of the family, at least 1
     * @param size side of the scored crops, at least 16
     */
    public RobustnessEvaluation(SharpSource source, String family, int count, int size, long seed) {
        this(source, family, count, size, seed, false);
    }

    /**
     * @param reference whether to score {@link #REFERENCE} after the methods
     */
    public RobustnessEvaluation(SharpSource source, String family, int count, int size, long seed,
            boolean reference) {
        if (count < 1 || size < 16) {
            throw new IllegalArgumentException("need at least 1 crop of at least 16 px, got " + count + " of " + size);
        }
        // Flat crops (sky, walls, logos) flatter every denoiser and hide lost detail: score detailed ones. Out-of-focus
        // crops (a photograph's soft background) are no sharp reference: a method that sharpens them would count as harm.
        this.source = new TexturedSource(new InFocusSource(source), 1, DETAIL_CANDIDATES);
        this.family = family;
        this.count = count;
        this.size = size;
        this.seed = seed;
        this.reference = reference;
    }

    /** The number of method runs {@link #run} makes per method (and for the reference): cells times crops. */
    public int runsPerMethod() {
        return RobustnessGrid.BLURS.size() * RobustnessGrid.NOISE.size() * count;
    }

    /**
     * Scores every method on every cell and crop.
     *
     * @param methods names and methods, in the order of {@code names}
     * @param progress told after each method run
     * @param cancelled polled between runs
     * @throws CancellationException when {@code cancelled} turns true
     */
    public List<Score> run(List<String> names, List<Method> methods, ProgressListener progress,
            BooleanSupplier cancelled) {
        List<Plane> crops = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            crops.add(source.crop(new SplittableRandom(seed * GOLDEN_GAMMA + i), size + MAX_KERNEL - 1));
        }
        List<Score> scores = new ArrayList<>();
        int total = runsPerMethod() * (methods.size() + (reference ? 1 : 0));
        int done = 0;
        int cell = 0;
        for (Blur blur : RobustnessGrid.BLURS) {
            for (NoiseLevel noise : RobustnessGrid.NOISE) {
                for (int i = 0; i < count; i++) {
                    // One stream per (cell, crop), independent of the methods and of the other cells.
                    SplittableRandom rng = new SplittableRandom((seed + 1) * GOLDEN_GAMMA + 1000L * cell + i);
                    Kernel kernel = blur.none() ? BlurKernels.identity()
                            : BlurKernels.random(rng, blur.kind, blur.strength, MAX_KERNEL);
                    int margin = (MAX_KERNEL - kernel.size()) / 2;
                    Plane region = crops.get(i).crop(margin, margin, size + kernel.size() - 1,
                            size + kernel.size() - 1);
                    Plane blurred = Convolution.valid(region, kernel);
                    Plane input = noise.none() ? blurred
                            : Noise.poissonGaussian(blurred, noise.photonsAtWhite, noise.readSigma, rng);
                    float[] sharp = crops.get(i).crop((MAX_KERNEL - 1) / 2, (MAX_KERNEL - 1) / 2, size, size)
                            .pixels();
                    float[] in = input.pixels();
                    double inPsnr = Psnr.compute(sharp, in, 1);
                    double inSsim = Ssim.compute(sharp, in, size, size, 1);
                    for (int m = 0; m < methods.size(); m++) {
                        if (cancelled.getAsBoolean()) {
                            throw new CancellationException("robustness evaluation cancelled");
                        }
                        float[] out = methods.get(m).restore(in.clone(), size, size);
                        scores.add(new Score(family, names.get(m), blur.label(), noise.label, blur.none() && noise.none(), i,
                                inPsnr, inSsim,
                                Psnr.compute(sharp, out, 1), Ssim.compute(sharp, out, size, size, 1)));
                        done++;
                        progress.progress(done, total, family + ": " + blur.label() + ", noise " + noise.label
                                + ", " + names.get(m));
                    }
                    if (reference) {
                        float[] out = bestWiener(input, kernel, sharp);
                        scores.add(new Score(family, REFERENCE, blur.label(), noise.label, blur.none() && noise.none(),
                                i, inPsnr, inSsim, Psnr.compute(sharp, out, 1), Ssim.compute(sharp, out, size, size, 1)));
                        progress.progress(++done, total, family + ": " + blur.label() + ", noise " + noise.label
                                + ", " + REFERENCE);
                    }
                }
                cell++;
            }
        }
        return scores;
    }

    /** Wiener with the true kernel at each of {@link #REFERENCE_NSR}; the output closest to the sharp crop. */
    private static float[] bestWiener(Plane input, Kernel kernel, float[] sharp) {
        float[] best = null;
        double bestPsnr = Double.NEGATIVE_INFINITY;
        for (double nsr : REFERENCE_NSR) {
            float[] out = new Wiener(kernel, nsr).deconvolve(input, () -> false).pixels();
            double psnr = Psnr.compute(sharp, out, 1);
            if (best == null || psnr > bestPsnr) {
                best = out;
                bestPsnr = psnr;
            }
        }
        return best;
    }
}
