package io.github.biattention.deblur.benchmark;

import io.github.biattention.deblur.classical.Deconvolver;
import io.github.biattention.deblur.classical.RichardsonLucy;
import io.github.biattention.deblur.classical.Wiener;
import io.github.biattention.deblur.data.BlurKind;
import io.github.biattention.deblur.data.Degradation;
import io.github.biattention.deblur.data.DegradationSettings;
import io.github.biattention.deblur.data.Kernel;
import io.github.biattention.deblur.data.SharpSource;
import io.github.biattention.deblur.data.TrainingPair;
import io.github.biattention.deblur.evaluation.SyntheticEvaluation;
import io.github.biattention.deblur.inference.DeblurEngine;
import io.github.biattention.deblur.inference.DeblurSettings;
import io.github.biattention.deblur.metrics.Psnr;
import io.github.biattention.deblur.metrics.Ssim;
import io.github.biattention.deblur.model.DeblurModel;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * Quality of the network against the classical baselines on a seeded synthetic set: for every blur kind (motion,
 * defocus, Gaussian), {@code perKind} crops of sharp images degraded by {@link Degradation} with only that kind
 * enabled, then
 * <ul>
 *   <li>{@value #BLURRED}: the degraded image itself (no restoration);</li>
 *   <li>{@value #RL}: Richardson–Lucy (reflected edges, no TV) given the true kernel of each image;</li>
 *   <li>{@value #WIENER}: Wiener filtering (reflected edges) given the true kernel;</li>
 *   <li>each model, blind, through {@link DeblurEngine#deblurPlane} (tiling and normalisation as in real use).</li>
 * </ul>
 * All outputs are scored unclipped with {@link Psnr} and {@link Ssim} (data range 1) against the sharp crop.
 *
 * <p><b>Classical parameters.</b> RL's iteration count and Wiener's noise-to-signal ratio are each chosen per blur
 * kind from a small list of candidates (see {@link Settings}) as the one with the best mean PSNR on a separate tuning
 * set (another seed, so the scored images are not used for tuning; ties go to the earlier candidate). Together with
 * the true kernel this makes both baselines an optimistic reference: a user would have to estimate the PSF and the
 * parameters.
 *
 * <p><b>Determinism.</b> Everything but the timings is a function of the source, the settings and the models: the
 * degradation is seeded per (kind, index) and the engine runs the same tiles in the same order. Timings are wall
 * clock per image; each model first deblurs one image untimed, so one-off start-up costs are not counted.
 */
public final class QualityBenchmark {

    /** Method name of the unrestored degraded images. */
    public static final String BLURRED = "blurred";
    /** Method name of Richardson–Lucy with the true kernel. */
    public static final String RL = "RL";
    /** Method name of Wiener filtering with the true kernel. */
    public static final String WIENER = "Wiener";
    /** Key of the sharp image in {@link Example#images()}. */
    public static final String SHARP = "sharp";

    private QualityBenchmark() {}

    /** What to measure. Immutable; build with {@link #builder()}. */
    public static final class Settings {
        private final DegradationSettings degradation;
        private final int perKind;
        private final long seed;
        private final int tuningPerKind;
        private final long tuningSeed;
        private final int[] rlIterations;
        private final double[] wienerNsr;

        private Settings(Builder b) {
            if (b.perKind < 1) {
                throw new IllegalArgumentException("need at least 1 image per blur kind, got " + b.perKind);
            }
            if (b.degradation.patchSize() < DeblurSettings.MIN_TILE_SIZE) {
                throw new IllegalArgumentException("crops must be at least " + DeblurSettings.MIN_TILE_SIZE
                        + " pixels, got " + b.degradation.patchSize());
            }
            if (b.tuningPerKind < 0) {
                throw new IllegalArgumentException("tuning images must be >= 0, got " + b.tuningPerKind);
            }
            if (b.rlIterations.length == 0 || Arrays.stream(b.rlIterations).anyMatch(i -> i < 1)) {
                throw new IllegalArgumentException("RL iteration candidates must be >= 1, got "
                        + Arrays.toString(b.rlIterations));
            }
            if (b.wienerNsr.length == 0 || Arrays.stream(b.wienerNsr).anyMatch(v -> !(v >= 0) || Double.isInfinite(v))) {
                throw new IllegalArgumentException("Wiener NSR candidates must be finite and >= 0, got "
                        + Arrays.toString(b.wienerNsr));
            }
            degradation = b.degradation;
            perKind = b.perKind;
            seed = b.seed;
            tuningPerKind = b.tuningPerKind;
            tuningSeed = b.tuningSeed;
            rlIterations = b.rlIterations.clone();
            wienerNsr = b.wienerNsr.clone();
        }

        /**
         * Defaults: 256x256 crops with {@link SyntheticEvaluation#mildSettings mild noise}, 6 images per kind, seed
         * 20261126 (as {@code evaluate}), 3 tuning images per kind with seed 20261127, RL iterations 10, 20, 40, 80,
         * Wiener NSR 1e-4 to 1e-1 in steps of about 3.
         */
        public static Builder builder() {
            return new Builder();
        }

        /** The degradation; its blur weights are replaced by one kind at a time. */
        public DegradationSettings degradation() {
            return degradation;
        }

        /** Side of the square crops. */
        public int size() {
            return degradation.patchSize();
        }

        public int perKind() {
            return perKind;
        }

        public long seed() {
            return seed;
        }

        /** Images per kind used to choose the classical parameters; 0 takes the first candidates untuned. */
        public int tuningPerKind() {
            return tuningPerKind;
        }

        public long tuningSeed() {
            return tuningSeed;
        }

        /** RL iteration counts to choose from (a copy). */
        public int[] rlIterations() {
            return rlIterations.clone();
        }

        /** Wiener noise-to-signal ratios to choose from (a copy). */
        public double[] wienerNsr() {
            return wienerNsr.clone();
        }

        /** Mutable; {@link #build()} validates. */
        public static final class Builder {
            private DegradationSettings degradation = SyntheticEvaluation.mildSettings(256);
            private int perKind = 6;
            private long seed = 20261126;
            private int tuningPerKind = 3;
            private long tuningSeed = 20261127;
            private int[] rlIterations = {10, 20, 40, 80};
            private double[] wienerNsr = {1e-4, 3e-4, 1e-3, 3e-3, 1e-2, 3e-2, 1e-1};

            private Builder() {}

            /** The degradation (crop size included); its blur weights are ignored. */
            public Builder degradation(DegradationSettings settings) {
                this.degradation = Objects.requireNonNull(settings, "settings");
                return this;
            }

            public Builder perKind(int count) {
                this.perKind = count;
                return this;
            }

            public Builder seed(long seed) {
                this.seed = seed;
                return this;
            }

            /** Tuning set size and seed; the seed must differ from {@link #seed} for a fair comparison. */
            public Builder tuning(int perKind, long seed) {
                this.tuningPerKind = perKind;
                this.tuningSeed = seed;
                return this;
            }

            public Builder rlIterations(int... candidates) {
                this.rlIterations = candidates.clone();
                return this;
            }

            public Builder wienerNsr(double... candidates) {
                this.wienerNsr = candidates.clone();
                return this;
            }

            public Settings build() {
                return new Settings(this);
            }
        }
    }

    /** Mean scores of one method over some images. Immutable. */
    public static final class Score {
        /** Mean PSNR in dB. */
        public final double psnr;
        /** Mean SSIM. */
        public final double ssim;
        /** Mean wall-clock seconds per image (0 for {@value #BLURRED}). */
        public final double seconds;
        /** Number of images averaged. */
        public final int images;

        Score(double psnr, double ssim, double seconds, int images) {
            this.psnr = psnr;
            this.ssim = ssim;
            this.seconds = seconds;
            this.images = images;
        }
    }

    /** One scored image with every method's output, for figures. Immutable apart from the arrays it hands out. */
    public static final class Example {
        private final BlurKind kind;
        private final int width;
        private final int height;
        private final Map<String, float[]> images;
        private final Map<String, Double> psnr;

        Example(BlurKind kind, int width, int height, Map<String, float[]> images, Map<String, Double> psnr) {
            this.kind = kind;
            this.width = width;
            this.height = height;
            this.images = Collections.unmodifiableMap(images);
            this.psnr = Collections.unmodifiableMap(psnr);
        }

        public BlurKind kind() {
            return kind;
        }

        public int width() {
            return width;
        }

        public int height() {
            return height;
        }

        /**
         * {@value #SHARP} first, then every method in {@link Result#methods()} order; row-major arrays of
         * {@code width * height} values on the sharp image's [0, 1] scale (not copied: do not modify).
         */
        public Map<String, float[]> images() {
            return images;
        }

        /** PSNR in dB of every method on this image. */
        public Map<String, Double> psnr() {
            return psnr;
        }
    }

    /** Everything measured. Immutable. */
    public static final class Result {
        private final Settings settings;
        private final List<String> methods;
        private final Map<BlurKind, Map<String, Score>> scores;
        private final Map<String, Score> overall;
        private final Map<BlurKind, Integer> rlIterations;
        private final Map<BlurKind, Double> wienerNsr;
        private final List<Example> examples;

        Result(Settings settings, List<String> methods, Map<BlurKind, Map<String, Score>> scores,
                Map<String, Score> overall, Map<BlurKind, Integer> rlIterations, Map<BlurKind, Double> wienerNsr,
                List<Example> examples) {
            this.settings = settings;
            this.methods = List.copyOf(methods);
            this.scores = scores;
            this.overall = overall;
            this.rlIterations = rlIterations;
            this.wienerNsr = wienerNsr;
            this.examples = List.copyOf(examples);
        }

        public Settings settings() {
            return settings;
        }

        /** {@value #BLURRED}, {@value #RL}, {@value #WIENER}, then the models' names in the order given. */
        public List<String> methods() {
            return methods;
        }

        /** Means over the images of one blur kind. */
        public Score score(String method, BlurKind kind) {
            return require(scores.get(kind).get(method), method);
        }

        /** Means over all images (every kind has the same number). */
        public Score overall(String method) {
            return require(overall.get(method), method);
        }

        /** The RL iteration count used for a kind. */
        public int rlIterations(BlurKind kind) {
            return rlIterations.get(kind);
        }

        /** The Wiener noise-to-signal ratio used for a kind. */
        public double wienerNsr(BlurKind kind) {
            return wienerNsr.get(kind);
        }

        /** The first image of every kind, in {@link BlurKind} order. */
        public List<Example> examples() {
            return examples;
        }

        /**
         * The table: a row per method, PSNR / SSIM per kind and over all, seconds per image; above it what was
         * measured, under it the classical parameters chosen ({@link #parameters()}).
         *
         * @param source where the sharp images came from, to complete "crops of NxN per blur kind from ..."
         */
        public BenchmarkTable table(String source) {
            DegradationSettings d = settings.degradation();
            BenchmarkTable table = new BenchmarkTable(String.format(Locale.ROOT, "%d crop%s of %dx%d per blur kind"
                    + " from %s, blurred with random kernels of the kind (up to %d px) plus Poisson-Gaussian noise"
                    + " (%.0f to %.0f photons at white, read noise sigma up to %.3f), degradation seed %d. Mean PSNR"
                    + " (dB) / SSIM against the sharp crops, data range 1, outputs unclipped; RL and Wiener are given"
                    + " each image's true kernel, the models are blind. Seconds per image.", settings.perKind(),
                    settings.perKind() == 1 ? "" : "s", settings.size(), settings.size(), source, d.maxKernelSize(),
                    d.minPhotons(), d.maxPhotons(), d.maxReadSigma(), settings.seed())).column("method");
            for (BlurKind kind : BlurKind.values()) {
                table.column(kindName(kind));
            }
            table.column("all").numberColumn("s / image");
            for (String method : methods) {
                List<String> cells = new ArrayList<>(List.of(label(method)));
                for (BlurKind kind : BlurKind.values()) {
                    cells.add(cell(score(method, kind)));
                }
                Score all = overall(method);
                cells.add("**" + cell(all) + "**");
                cells.add(method.equals(BLURRED) ? "–" : String.format(Locale.ROOT, "%.3f", all.seconds));
                table.row(cells.toArray(String[]::new));
            }
            return table.note(parameters());
        }

        /** One line: the RL iterations and Wiener NSR per kind and how they were chosen. */
        public String parameters() {
            String rl = Arrays.stream(BlurKind.values()).map(k -> kindName(k) + " " + rlIterations(k))
                    .collect(Collectors.joining(", "));
            String nsr = Arrays.stream(BlurKind.values()).map(k -> kindName(k) + " " + number(wienerNsr(k)))
                    .collect(Collectors.joining(", "));
            String how = settings.tuningPerKind() == 0 ? "(first candidates, not tuned)"
                    : String.format(Locale.ROOT, "(best mean PSNR on %d tuning image%s per kind, seed %d, among %s"
                            + " iterations and NSR %s)", settings.tuningPerKind(),
                            settings.tuningPerKind() == 1 ? "" : "s", settings.tuningSeed(),
                            Arrays.stream(settings.rlIterations).mapToObj(String::valueOf)
                                    .collect(Collectors.joining("/")),
                            Arrays.stream(settings.wienerNsr).mapToObj(QualityBenchmark::number)
                                    .collect(Collectors.joining("/")));
            return "RL iterations: " + rl + "; Wiener NSR: " + nsr + " " + how + ".";
        }

        private static Score require(Score score, String method) {
            if (score == null) {
                throw new IllegalArgumentException("no method " + method);
            }
            return score;
        }

        private static String cell(Score score) {
            return String.format(Locale.ROOT, "%.2f / %.4f", score.psnr, score.ssim);
        }

        private static String label(String method) {
            return method.equals(RL) || method.equals(WIENER) ? method + " (true PSF)" : method;
        }
    }

    /** "motion", "defocus", "gaussian". */
    public static String kindName(BlurKind kind) {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    /**
     * Runs the benchmark.
     *
     * @param source sharp images to crop
     * @param models the networks to score, by display name, in table order; names must differ from
     *     {@value #BLURRED}, {@value #RL}, {@value #WIENER} and {@value #SHARP}; may be empty
     * @param deblur tiling and normalisation for the models
     * @param log told one line per finished image and per tuning decision
     * @throws IllegalArgumentException for a reserved model name, or a model that is not single-channel
     */
    public static Result run(SharpSource source, Settings settings, Map<String, DeblurModel> models,
            DeblurSettings deblur, Consumer<String> log) {
        List<String> methods = new ArrayList<>(List.of(BLURRED, RL, WIENER));
        for (String name : models.keySet()) {
            if (methods.contains(name) || name.equals(SHARP)) {
                throw new IllegalArgumentException("a model may not be called '" + name + "'");
            }
            methods.add(name);
        }
        Map<BlurKind, Map<String, Score>> scores = new EnumMap<>(BlurKind.class);
        Map<String, double[]> totals = new LinkedHashMap<>();
        Map<BlurKind, Integer> rlChosen = new EnumMap<>(BlurKind.class);
        Map<BlurKind, Double> nsrChosen = new EnumMap<>(BlurKind.class);
        List<Example> examples = new ArrayList<>();
        boolean warmedUp = false;
        for (BlurKind kind : BlurKind.values()) {
            Degradation degradation = new Degradation(source, onlyKind(settings.degradation(), kind));
            List<TrainingPair> tuning = pairs(degradation, kindSeed(settings.tuningSeed(), kind),
                    settings.tuningPerKind());
            int iterations = settings.rlIterations[best(tuning, settings.rlIterations.length,
                    i -> kernel -> new RichardsonLucy(kernel, settings.rlIterations[i]))];
            double nsr = settings.wienerNsr[best(tuning, settings.wienerNsr.length,
                    i -> kernel -> new Wiener(kernel, settings.wienerNsr[i]))];
            rlChosen.put(kind, iterations);
            nsrChosen.put(kind, nsr);
            log.accept(String.format(Locale.ROOT, "%s: RL %d iterations, Wiener NSR %s", kindName(kind), iterations,
                    number(nsr)));

            Map<String, double[]> sums = new LinkedHashMap<>(); // psnr, ssim, seconds
            methods.forEach(m -> sums.put(m, new double[3]));
            List<TrainingPair> pairs = pairs(degradation, kindSeed(settings.seed(), kind), settings.perKind());
            if (!warmedUp && !models.isEmpty()) {
                TrainingPair first = pairs.get(0);
                models.values().forEach(model -> DeblurEngine.deblurPlane(first.blurred().pixels(),
                        first.blurred().width(), first.blurred().height(), model, deblur));
                warmedUp = true;
            }
            for (int i = 0; i < pairs.size(); i++) {
                TrainingPair pair = pairs.get(i);
                Map<String, float[]> outputs = new LinkedHashMap<>();
                Map<String, Double> psnr = new LinkedHashMap<>();
                outputs.put(SHARP, pair.sharp().pixels());
                for (String method : methods) {
                    long start = System.nanoTime();
                    float[] restored = restore(method, pair, iterations, nsr, models, deblur);
                    double seconds = method.equals(BLURRED) ? 0 : (System.nanoTime() - start) / 1e9;
                    double[] score = score(pair, restored);
                    double[] sum = sums.get(method);
                    sum[0] += score[0];
                    sum[1] += score[1];
                    sum[2] += seconds;
                    outputs.put(method, restored);
                    psnr.put(method, score[0]);
                }
                if (i == 0) {
                    examples.add(new Example(kind, pair.sharp().width(), pair.sharp().height(), outputs, psnr));
                }
                log.accept(String.format(Locale.ROOT, "%s %d/%d: %s", kindName(kind), i + 1, pairs.size(),
                        psnr.entrySet().stream().map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(),
                                e.getValue())).collect(Collectors.joining(", "))));
            }
            Map<String, Score> kindScores = new LinkedHashMap<>();
            for (String method : methods) {
                double[] sum = sums.get(method);
                int n = pairs.size();
                kindScores.put(method, new Score(sum[0] / n, sum[1] / n, sum[2] / n, n));
                double[] total = totals.computeIfAbsent(method, m -> new double[3]);
                for (int j = 0; j < 3; j++) {
                    total[j] += sum[j];
                }
            }
            scores.put(kind, kindScores);
        }
        int n = settings.perKind() * BlurKind.values().length;
        Map<String, Score> overall = new LinkedHashMap<>();
        totals.forEach((method, t) -> overall.put(method, new Score(t[0] / n, t[1] / n, t[2] / n, n)));
        return new Result(settings, methods, scores, overall, rlChosen, nsrChosen, examples);
    }

    /** {@code settings} with every blur weight 0 except {@code kind}'s. */
    static DegradationSettings onlyKind(DegradationSettings settings, BlurKind kind) {
        DegradationSettings.Builder b = settings.toBuilder();
        for (BlurKind k : BlurKind.values()) {
            b.blurWeight(k, k == kind ? 1 : 0);
        }
        return b.build();
    }

    /** A seed per kind, so that kinds get different crops; far apart, so streams of nearby seeds do not meet. */
    private static long kindSeed(long seed, BlurKind kind) {
        return seed + 1_000_003L * (kind.ordinal() + 1);
    }

    private static List<TrainingPair> pairs(Degradation degradation, long seed, int count) {
        return degradation.fixedSet(seed, count);
    }

    private static float[] restore(String method, TrainingPair pair, int iterations, double nsr,
            Map<String, DeblurModel> models, DeblurSettings deblur) {
        switch (method) {
            case BLURRED:
                return pair.blurred().pixels();
            case RL:
                return new RichardsonLucy(pair.kernel(), iterations).deconvolve(pair.blurred()).pixels();
            case WIENER:
                return new Wiener(pair.kernel(), nsr).deconvolve(pair.blurred()).pixels();
            default:
                return DeblurEngine.deblurPlane(pair.blurred().pixels(), pair.blurred().width(),
                        pair.blurred().height(), models.get(method), deblur);
        }
    }

    /** {PSNR, SSIM} of {@code restored} against the pair's sharp image, data range 1. */
    private static double[] score(TrainingPair pair, float[] restored) {
        float[] sharp = pair.sharp().pixels();
        int w = pair.sharp().width();
        int h = pair.sharp().height();
        return new double[] {Psnr.compute(sharp, restored, 1), Ssim.compute(sharp, restored, w, h, 1)};
    }

    /**
     * The index of the candidate with the best mean PSNR on {@code tuning} (the first on ties, and 0 when there is
     * nothing to tune on).
     */
    private static int best(List<TrainingPair> tuning, int candidates,
            IntFunction<Function<Kernel, Deconvolver>> method) {
        if (tuning.isEmpty() || candidates == 1) {
            return 0;
        }
        int best = 0;
        double bestPsnr = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < candidates; i++) {
            double sum = 0;
            for (TrainingPair pair : tuning) {
                Deconvolver deconvolver = method.apply(i).apply(pair.kernel());
                sum += Psnr.compute(pair.sharp().pixels(), deconvolver.deconvolve(pair.blurred()).pixels(), 1);
            }
            if (sum > bestPsnr) {
                best = i;
                bestPsnr = sum;
            }
        }
        return best;
    }

    /** A parameter to 3 significant digits: 0.003, 0.1, 1e-4, 20. */
    static String number(double v) {
        if (v == 0 || v >= 1e-3) {
            return BigDecimal.valueOf(v).round(new MathContext(3)).stripTrailingZeros().toPlainString();
        }
        int exponent = (int) Math.floor(Math.log10(v));
        String mantissa = BigDecimal.valueOf(v / Math.pow(10, exponent)).round(new MathContext(3))
                .stripTrailingZeros().toPlainString();
        return mantissa + "e" + exponent;
    }
}
