package io.github.biattention.deblur.microscopy;

import io.github.biattention.deblur.classical.RichardsonLucy;
import io.github.biattention.deblur.data.Convolution;
import io.github.biattention.deblur.data.Kernel;
import io.github.biattention.deblur.data.Plane;
import io.github.biattention.deblur.data.SharpSource;
import io.github.biattention.deblur.evaluation.RobustnessEvaluation.Method;
import io.github.biattention.deblur.evaluation.RobustnessEvaluation.Score;
import io.github.biattention.deblur.inference.ProgressListener;
import io.github.biattention.deblur.metrics.Psnr;
import io.github.biattention.deblur.metrics.Ssim;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * The robustness grid for widefield microscopy: specimens through optics from nearly sharp (an in-focus PSF of about
 * a pixel, as at a low-magnification objective) to strongly defocused with haze, crossed with peak photon counts from
 * 50 to 20000, each cell scored for every method (models blind; a method gets the raw image with its camera offset,
 * and its output is scored offset-free against the specimen with the specimen's maximum as the data range, as
 * {@code bench-widefield} scores). Richardson-Lucy with the true PSF ({@value #RL_ITERATIONS} iterations, the
 * count {@code bench-widefield} tunes) is scored beside them. Scores go into the same report as the photographs'.
 */
public final class WidefieldRobustness {
    /** RL's fixed iteration count: what bench-widefield's tuning picks. */
    static final int RL_ITERATIONS = 5;
    public static final String RL = "RL, true PSF (" + RL_ITERATIONS + " it.)";
    static final double[] PHOTONS = {50, 200, 1000, 5000, 20000};
    private static final double READ_ELECTRONS = 2;
    private static final double OFFSET = 0.05;
    private static final double MIN_CONTRAST = 0.1;
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    /** A row of the grid: optics drawn from the generator. */
    private static final class Optics {
        final String label;
        final Function<SplittableRandom, WidefieldOptics> draw;

        Optics(String label, Function<SplittableRandom, WidefieldOptics> draw) {
            this.label = label;
            this.draw = draw;
        }
    }

    private static final List<Optics> ROWS = List.of(
            new Optics("in focus, PSF ~1 px", rng -> optics(rng, 0.9, 1.2, 0, 0)),
            new Optics("in focus, PSF ~2.5 px", rng -> optics(rng, 0.35, 0.45, 0, 0)),
            new Optics("defocused 0.5 DOF, haze 0.3", rng -> optics(rng, 0.35, 0.45, 0.5, 0.3)),
            new Optics("defocused 1 DOF, haze 0.5", rng -> optics(rng, 0.35, 0.45, 1.0, 0.5)));

    private final SharpSource specimens;
    private final int count;
    private final int size;
    private final long seed;

    public WidefieldRobustness(SharpSource specimens, int count, int size, long seed) {
        if (count < 1 || size < 16) {
            throw new IllegalArgumentException("need at least 1 crop of at least 16 px, got " + count + " of " + size);
        }
        this.specimens = specimens;
        this.count = count;
        this.size = size;
        this.seed = seed;
    }

    /** Runs per method: cells times crops. */
    public int runsPerMethod() {
        return ROWS.size() * PHOTONS.length * count;
    }

    /**
     * Scores every method, then RL with the true PSF, on every cell and specimen.
     *
     * @throws CancellationException when {@code cancelled} turns true
     */
    public List<Score> run(String family, List<String> names, List<Method> methods, ProgressListener progress,
            BooleanSupplier cancelled) {
        List<Score> scores = new ArrayList<>();
        int total = runsPerMethod() * (methods.size() + 1);
        int done = 0;
        for (int r = 0; r < ROWS.size(); r++) {
            Optics row = ROWS.get(r);
            for (int p = 0; p < PHOTONS.length; p++) {
                String column = String.format(java.util.Locale.ROOT, "%.0f ph", PHOTONS[p]);
                for (int i = 0; i < count; i++) {
                    SplittableRandom rng = new SplittableRandom(seed * GOLDEN_GAMMA + 1000L * (r * 16 + p) + i);
                    Kernel psf = row.draw.apply(rng).psf();
                    int margin = (psf.size() - 1) / 2;
                    // The same specimens in every cell: drawn from their own stream.
                    SplittableRandom specimenRng = new SplittableRandom((seed + 7) * GOLDEN_GAMMA + i);
                    Plane specimen = WidefieldDegradation.fieldOfView(specimens, specimenRng, size, psf.size(),
                            MIN_CONTRAST);
                    Plane sharp = specimen.crop(margin, margin, size, size);
                    Plane raw = WidefieldDegradation.camera(Convolution.valid(specimen, psf), PHOTONS[p],
                            READ_ELECTRONS, OFFSET, rng);
                    Plane corrected = raw.plus(-OFFSET);
                    double range = sharp.max();
                    double inPsnr = Psnr.compute(sharp.pixels(), corrected.pixels(), range);
                    double inSsim = Ssim.compute(sharp.pixels(), corrected.pixels(), size, size, range);
                    for (int m = 0; m <= methods.size(); m++) {
                        if (cancelled.getAsBoolean()) {
                            throw new CancellationException("robustness evaluation cancelled");
                        }
                        Plane out = m < methods.size()
                                ? new Plane(size, size, methods.get(m).restore(raw.pixels().clone(), size, size))
                                        .plus(-OFFSET)
                                : new RichardsonLucy(psf, RL_ITERATIONS).deconvolve(corrected, () -> false);
                        String name = m < methods.size() ? names.get(m) : RL;
                        scores.add(new Score(family, name, row.label, column, false, i, inPsnr, inSsim,
                                Psnr.compute(sharp.pixels(), out.pixels(), range),
                                Ssim.compute(sharp.pixels(), out.pixels(), size, size, range)));
                        progress.progress(++done, total, row.label + ", " + column + ", " + name);
                    }
                }
            }
        }
        return scores;
    }

    /** Fixed defocus (depths of field) and haze; pixel factor (times λ / 2NA) in [lo, hi]. */
    private static WidefieldOptics optics(SplittableRandom rng, double minPixelFactor, double maxPixelFactor,
            double depthsOfField, double haze) {
        return WidefieldOptics.draw(rng, minPixelFactor, maxPixelFactor, depthsOfField, depthsOfField, 0, haze, haze);
    }
}
