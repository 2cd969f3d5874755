package io.github.biattention.deblur.benchmark;

import io.github.biattention.deblur.classical.PsfRefinement;
import io.github.biattention.deblur.classical.RichardsonLucy;
import io.github.biattention.deblur.classical.Wiener;
import io.github.biattention.deblur.data.Kernel;
import io.github.biattention.deblur.data.Plane;
import io.github.biattention.deblur.data.SharpSource;
import io.github.biattention.deblur.data.UnseenSpecimens;
import io.github.biattention.deblur.inference.DeblurEngine;
import io.github.biattention.deblur.inference.DeblurSettings;
import io.github.biattention.deblur.inference.Normalization;
import io.github.biattention.deblur.inference.PercentileNormalizer;
import io.github.biattention.deblur.inference.Planes;
import io.github.biattention.deblur.metrics.Psnr;
import io.github.biattention.deblur.metrics.Ssim;
import io.github.biattention.deblur.microscopy.WidefieldDegradation;
import io.github.biattention.deblur.microscopy.WidefieldDegradation.Acquisition;
import io.github.biattention.deblur.microscopy.WidefieldOptics;
import io.github.biattention.deblur.model.DeblurModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Widefield deblurring measured against classical deconvolution handed the true PSF, on specimens none of the
 * methods was tuned or trained on ({@link UnseenSpecimens} by default).
 *
 * <p>Each case: random optics ({@link WidefieldOptics#random}), a specimen blurred by its PSF, Poisson noise at a
 * peak photon count drawn log-uniformly from [min, max], 1–3 electrons of read noise and a camera offset. Methods:
 * the blurred image, Richardson-Lucy and Wiener with the true PSF (offset subtracted; iterations and noise-to-signal
 * ratio chosen by the best mean PSNR on separate tuning cases; and RL with the best iteration count for each case,
 * chosen against the sharp specimen, as RL's ceiling), RL with the PSF a user can enter
 * ({@link WidefieldOptics#objectivePsf}: the objective's, in focus, without the plane's defocus and haze; its
 * iterations tuned the same way), every model (blind to the optics, given the raw image; the known camera offset is
 * subtracted from its output, as it is from the others' input), and the optics-aware path {@code MODEL + RL}:
 * {@link PsfRefinement} of the first model's estimate with the true PSF, and with the objective PSF, at the plugin's
 * default iteration count. Scores: PSNR and SSIM with the sharp specimen's maximum as the data range.
 */
public final class WidefieldBenchmark {
    public static final String BLURRED = "blurred";
    public static final String RL = "RL (true PSF)";
    /** RL with, for each case, the iteration count that scores best against the sharp specimen: RL's ceiling. */
    public static final String RL_ORACLE = "RL (true PSF, best per case)";
    /** RL with the PSF a user can enter: the objective's, in focus, no haze ({@link WidefieldOptics#objectivePsf}). */
    public static final String RL_OBJECTIVE = "RL (objective PSF)";
    public static final String WIENER = "Wiener (true PSF)";
    /** Fields of view with less contrast than this ((max - min) / max) are drawn again: nothing to score there. */
    private static final double MIN_CONTRAST = 0.1;
    /** The classical rows of the table, whose names a model may not take. */
    public static final List<String> METHODS = List.of(BLURRED, RL, RL_ORACLE, RL_OBJECTIVE, WIENER);
    /** Photon-count brackets of the per-noise table. */
    private static final double[] BRACKETS = {200, 700};

    private final SharpSource specimens;
    private final int count;
    private final int size;
    private final long seed;
    private final int tuning;
    private final double minPhotons;
    private final double maxPhotons;
    private final int[] rlIterations = {5, 10, 20, 40, 80, 160};
    /** The oracle's grid stops here: in the tuning runs so far RL peaked at 5 to 10 iterations. */
    private static final int MAX_ORACLE_ITERATIONS = 80;
    private final double[] wienerNsr = {1e-3, 3e-3, 0.01, 0.03, 0.1, 0.3};

    public WidefieldBenchmark(SharpSource specimens, int count, int size, long seed, int tuning, double minPhotons,
            double maxPhotons) {
        if (count < 1 || size < 16 || tuning < 1) {
            throw new IllegalArgumentException("need count >= 1, size >= 16 and tuning >= 1");
        }
        this.specimens = specimens;
        this.count = count;
        this.size = size;
        this.seed = seed;
        this.tuning = tuning;
        this.minPhotons = minPhotons;
        this.maxPhotons = maxPhotons;
    }

    /** Case {@code index} of the stream {@code streamSeed}: a pure function of its arguments. */
    public Acquisition makeCase(long streamSeed, long index) {
        return new WidefieldDegradation(specimens, size, minPhotons, maxPhotons)
                .acquire(streamSeed, index, MIN_CONTRAST);
    }

    /** The raw image less the camera offset, as a user would prepare it for deconvolution. */
    private static Plane offsetCorrected(Acquisition c) {
        return c.raw.plus(-c.offset);
    }

    /** One case's images for a figure: the sharp specimen first, then each method's output, offset-free. */
    public static final class Example {
        public final String label;
        public final int width;
        public final int height;
        /** The specimen's maximum: shown white. */
        public final double white;
        public final Map<String, float[]> images = new LinkedHashMap<>();
        public final Map<String, Double> psnr = new LinkedHashMap<>();

        Example(Acquisition c) {
            label = String.format(Locale.ROOT, "%.0f ph", c.photons);
            width = c.sharp.width();
            height = c.sharp.height();
            white = c.sharp.max();
            images.put("sharp", c.sharp.pixels());
        }
    }

    /** Mean scores of one method. */
    public static final class Score {
        public final double psnr;
        public final double ssim;
        /** Mean PSNR per photon bracket (below 200, 200–700, above 700), NaN where a bracket is empty. */
        public final double[] bracketPsnr;
        public final double seconds;

        Score(double psnr, double ssim, double[] bracketPsnr, double seconds) {
            this.psnr = psnr;
            this.ssim = ssim;
            this.bracketPsnr = bracketPsnr;
            this.seconds = seconds;
        }
    }

    /** Scores per method, in the order of the table, plus what tuning chose. */
    public static final class Result {
        public final Map<String, Score> scores;
        public final int rlIterations;
        public final int rlObjectiveIterations;
        public final double wienerNsr;
        public final int refineIterations;
        public final int[] bracketCounts;
        /** The first case of each photon bracket, every method's output. */
        public final List<Example> examples;
        /** Whether the models ran with the 8-orientation ensemble ({@link DeblurSettings#ensemble()}). */
        public final boolean ensemble;
        final WidefieldBenchmark benchmark;

        Result(Map<String, Score> scores, int rlIterations, int rlObjectiveIterations, double wienerNsr,
                int refineIterations, int[] bracketCounts, List<Example> examples, boolean ensemble,
                WidefieldBenchmark benchmark) {
            this.scores = scores;
            this.rlIterations = rlIterations;
            this.rlObjectiveIterations = rlObjectiveIterations;
            this.wienerNsr = wienerNsr;
            this.refineIterations = refineIterations;
            this.bracketCounts = bracketCounts;
            this.examples = examples;
            this.ensemble = ensemble;
            this.benchmark = benchmark;
        }

        /** A row per method: PSNR / SSIM over all cases, PSNR per photon bracket, seconds per image. */
        public BenchmarkTable table() {
            WidefieldBenchmark b = benchmark;
            BenchmarkTable table = new BenchmarkTable(String.format(Locale.ROOT, "%d cases of %dx%d, seed %d;"
                    + " random widefield optics (NA 0.25-1.45, 450-700 nm, 1.7-3.4 px per Airy FWHM, up to half a"
                    + " depth of field out of focus, 0-60%% haze); %.0f-%.0f photons at the peak, 1-3 e- read noise,"
                    + " camera offset. PSNR (dB) / SSIM, data range = the sharp specimen's maximum. RL: %d iterations"
                    + " (objective PSF: %d), Wiener NSR %s, model + RL: %d iterations (RL and Wiener: the best of"
                    + " their grids on %d tuning cases of another seed; model + RL: the plugin's default).%s",
                    b.count, b.size, b.size, b.seed, b.minPhotons, b.maxPhotons, rlIterations, rlObjectiveIterations,
                    wienerNsr, refineIterations, b.tuning,
                    ensemble ? " Models: each tile averaged over its 8 flips and rotations (ensemble)." : ""))
                    .column("method").column("all")
                    .column(String.format(Locale.ROOT, "< %.0f photons (%d)", BRACKETS[0], bracketCounts[0]))
                    .column(String.format(Locale.ROOT, "%.0f-%.0f (%d)", BRACKETS[0], BRACKETS[1], bracketCounts[1]))
                    .column(String.format(Locale.ROOT, "> %.0f (%d)", BRACKETS[1], bracketCounts[2]))
                    .numberColumn("s / image");
            for (Map.Entry<String, Score> e : scores.entrySet()) {
                Score sc = e.getValue();
                table.row(e.getKey(), String.format(Locale.ROOT, "**%.2f / %.4f**", sc.psnr, sc.ssim),
                        bracket(sc.bracketPsnr[0]), bracket(sc.bracketPsnr[1]), bracket(sc.bracketPsnr[2]),
                        e.getKey().equals(BLURRED) ? "–" : String.format(Locale.ROOT, "%.3f", sc.seconds));
            }
            return table;
        }

        private static String bracket(double v) {
            return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.2f", v);
        }
    }

    /**
     * @param models blind models by name, in table order; the first one also gets the RL refinement
     */
    public Result run(Map<String, DeblurModel> models, DeblurSettings deblur, Consumer<String> log) {
        List<Acquisition> tuningCases = new ArrayList<>();
        for (int i = 0; i < tuning; i++) {
            tuningCases.add(makeCase(seed + 1, i));
        }
        int rl = rlIterations[best(tuningCases, rlIterations.length,
                (c, i) -> new RichardsonLucy(c.psf, rlIterations[i]).deconvolve(offsetCorrected(c)))];
        // The objective PSF of a case is computed once (tuning tries every iteration count with it).
        Map<Acquisition, Kernel> objectivePsfs = new IdentityHashMap<>();
        Function<Acquisition, Kernel> objectivePsf = c -> objectivePsfs.computeIfAbsent(c,
                a -> a.optics.objectivePsf());
        int rlObjective = rlIterations[best(tuningCases, rlIterations.length, (c, i) ->
                new RichardsonLucy(objectivePsf.apply(c), rlIterations[i]).deconvolve(offsetCorrected(c)))];
        double nsr = wienerNsr[best(tuningCases, wienerNsr.length,
                (c, i) -> new Wiener(c.psf, wienerNsr[i]).deconvolve(offsetCorrected(c)))];
        String first = models.isEmpty() ? null : models.keySet().iterator().next();
        // The optics-aware step runs as users get it, with the plugin's default iterations: not tuned here.
        int refine = PsfRefinement.DEFAULT_ITERATIONS;
        log.accept(String.format(Locale.ROOT, "tuned: RL %d iterations (objective PSF: %d), Wiener NSR %s; %s + RL:"
                + " %d iterations", rl, rlObjective, nsr, first, refine));

        List<String> methods = new ArrayList<>(METHODS);
        methods.addAll(models.keySet());
        String refinedName = first == null ? null : first + " + RL";
        String refinedObjectiveName = first == null ? null : first + " + RL (objective PSF)";
        if (refinedName != null) {
            methods.add(refinedName);
            methods.add(refinedObjectiveName);
        }
        Map<String, double[]> sums = new LinkedHashMap<>(); // psnr, ssim, seconds, bracket sums
        methods.forEach(m -> sums.put(m, new double[3 + BRACKETS.length + 1]));
        int[] bracketCounts = new int[BRACKETS.length + 1];
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Acquisition c = makeCase(seed, i);
            int bracket = bracketOf(c.photons);
            bracketCounts[bracket]++;
            float[] firstEstimate = null;
            Kernel entered = objectivePsf.apply(c); // before the clock starts, as the true PSF is
            // The first case of each photon bracket is kept as an example for the figure.
            Example example = bracketCounts[bracket] == 1 ? new Example(c) : null;
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "case %d/%d (%s, %.0f photons):",
                    i + 1, count, c.optics, c.photons));
            for (String method : methods) {
                long start = System.nanoTime();
                Plane restored;
                if (method.equals(BLURRED)) {
                    restored = offsetCorrected(c);
                } else if (method.equals(RL)) {
                    restored = new RichardsonLucy(c.psf, rl).deconvolve(offsetCorrected(c));
                } else if (method.equals(RL_OBJECTIVE)) {
                    restored = new RichardsonLucy(entered, rlObjective).deconvolve(offsetCorrected(c));
                } else if (method.equals(RL_ORACLE)) {
                    restored = bestRichardsonLucy(c, rl);
                } else if (method.equals(WIENER)) {
                    restored = new Wiener(c.psf, nsr).deconvolve(offsetCorrected(c));
                } else if (method.equals(refinedName)) {
                    restored = refined(c, c.psf, firstEstimate, refine);
                } else if (method.equals(refinedObjectiveName)) {
                    restored = refined(c, entered, firstEstimate, refine);
                } else {
                    float[] raw = rawModel(models.get(method), c, deblur);
                    restored = minusOffset(c, raw);
                    if (method.equals(first)) {
                        firstEstimate = raw;
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                double[] sum = sums.get(method);
                double psnr = psnr(c, restored);
                sum[0] += psnr;
                sum[1] += ssim(c, restored);
                sum[2] += seconds;
                sum[3 + bracket] += psnr;
                line.append(String.format(Locale.ROOT, " %s %.2f", method, psnr));
                if (example != null) {
                    example.images.put(method, restored.pixels());
                    example.psnr.put(method, psnr);
                }
            }
            if (example != null) {
                examples.add(example);
            }
            log.accept(line.toString());
        }
        Map<String, Score> scores = new LinkedHashMap<>();
        for (String method : methods) {
            double[] s = sums.get(method);
            double[] brackets = new double[BRACKETS.length + 1];
            for (int b = 0; b < brackets.length; b++) {
                brackets[b] = bracketCounts[b] == 0 ? Double.NaN : s[3 + b] / bracketCounts[b];
            }
            scores.put(method, new Score(s[0] / count, s[1] / count, brackets, s[2] / count));
        }
        return new Result(scores, rl, rlObjective, nsr, refine, bracketCounts, examples, deblur.ensemble(), this);
    }

    /**
     * RL over the iteration grid up to 80 (or the tuned count, if larger), the one closest to the sharp specimen: it
     * needs the answer to choose, so it is a ceiling for RL, never below the tuned RL.
     */
    private Plane bestRichardsonLucy(Acquisition c, int tuned) {
        int[] counts = Arrays.stream(rlIterations).filter(n -> n <= Math.max(MAX_ORACLE_ITERATIONS, tuned)).toArray();
        Plane best = null;
        double bestPsnr = Double.NEGATIVE_INFINITY;
        for (Plane restored : new RichardsonLucy(c.psf, counts[counts.length - 1])
                .deconvolveAt(offsetCorrected(c), counts)) {
            double psnr = psnr(c, restored);
            if (psnr > bestPsnr) {
                best = restored;
                bestPsnr = psnr;
            }
        }
        return best;
    }

    private static int bracketOf(double photons) {
        int b = 0;
        while (b < BRACKETS.length && photons >= BRACKETS[b]) {
            b++;
        }
        return b;
    }

    /** The model's restoration of the raw image: raw units, camera offset included (the model keeps the baseline). */
    private static float[] rawModel(DeblurModel model, Acquisition c, DeblurSettings deblur) {
        return DeblurEngine.deblurPlane(c.raw.pixels(), c.raw.width(), c.raw.height(), model, deblur);
    }

    /** Scores are taken offset-free, as the sharp specimen is. */
    private static Plane minusOffset(Acquisition c, float[] raw) {
        return new Plane(c.raw.width(), c.raw.height(), raw).plus(-c.offset);
    }

    /** The optics-aware path of the plugin ({@link PsfRefinement}) on a raw model output, offset removed for scoring. */
    static Plane refined(Acquisition c, Kernel psf, float[] rawEstimate, int iterations) {
        Normalization normalization = PercentileNormalizer.fit(Planes.toImg(c.raw.pixels(), c.raw.width(),
                c.raw.height()), PercentileNormalizer.DEFAULT_LOW_PERCENT, PercentileNormalizer.DEFAULT_HIGH_PERCENT);
        return minusOffset(c, new PsfRefinement(psf, iterations).refine(c.raw.pixels(), rawEstimate,
                normalization.low(), c.raw.width(), c.raw.height(), () -> false));
    }

    private interface Method {
        Plane apply(Acquisition c, int candidate);
    }

    /** The candidate with the best mean PSNR over the cases (the first on ties). */
    private static int best(List<Acquisition> cases, int candidates, Method method) {
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < candidates; i++) {
            int candidate = i;
            double score = mean(cases, c -> psnr(c, method.apply(c, candidate)));
            if (score > bestScore) {
                bestScore = score;
                best = i;
            }
        }
        return best;
    }

    private static double mean(List<Acquisition> cases, ToDoubleFunction<Acquisition> f) {
        return cases.stream().mapToDouble(f).average().orElse(Double.NaN);
    }

    private static double range(Acquisition c) {
        return c.sharp.max();
    }

    static double psnr(Acquisition c, Plane restored) {
        return Psnr.compute(c.sharp.pixels(), restored.pixels(), range(c));
    }

    static double ssim(Acquisition c, Plane restored) {
        return Ssim.compute(c.sharp.pixels(), restored.pixels(), c.sharp.width(), c.sharp.height(), range(c));
    }
}
