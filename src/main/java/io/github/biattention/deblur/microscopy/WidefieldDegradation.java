package io.github.biattention.deblur.microscopy;

import io.github.biattention.deblur.data.Convolution;
import io.github.biattention.deblur.data.Kernel;
import io.github.biattention.deblur.data.Noise;
import io.github.biattention.deblur.data.PairSampler;
import io.github.biattention.deblur.data.Plane;
import io.github.biattention.deblur.data.SharpSource;
import io.github.biattention.deblur.data.TrainingPair;
import java.util.SplittableRandom;

/**
 * Widefield training pairs: a specimen crop, blurred by the PSF of {@link WidefieldOptics#random random optics},
 * then a camera: Poisson noise at a peak photon count drawn log-uniformly from the given range, Gaussian read noise
 * of 1–3 electrons and a constant offset (up to 0.1 of the peak). The target is the specimen in the same units,
 * plus the same offset.
 */
public final class WidefieldDegradation implements PairSampler {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    /** Read noise, electrons, drawn uniformly between these. */
    public static final double MIN_READ_ELECTRONS = 1;
    public static final double MAX_READ_ELECTRONS = 3;
    /** Camera offset, in units of the peak photon count, drawn uniformly from [0, this]. */
    public static final double MAX_OFFSET = 0.1;

    private final SharpSource specimens;
    private final int patchSize;
    private final double minPhotons;
    private final double maxPhotons;
    private final double inFocusShare;

    /** Without in-focus setups: every PSF from {@link WidefieldOptics#random}. */
    public WidefieldDegradation(SharpSource specimens, int patchSize, double minPhotons, double maxPhotons) {
        this(specimens, patchSize, minPhotons, maxPhotons, 0);
    }

    /**
     * @param specimens sharp images in photon-flux units (value 1 = the peak photon count), e.g.
     *                  {@link io.github.biattention.deblur.data.MicroscopyScenes}
     * @param minPhotons smallest peak photon count, ≥ 1
     * @param maxPhotons largest, ≥ minPhotons
     * @param inFocusShare share of the images made with {@link WidefieldOptics#inFocus} (small in-focus PSFs)
     *                     instead of {@link WidefieldOptics#random}, in [0, 1]
     */
    public WidefieldDegradation(SharpSource specimens, int patchSize, double minPhotons, double maxPhotons,
            double inFocusShare) {
        if (!(inFocusShare >= 0 && inFocusShare <= 1)) {
            throw new IllegalArgumentException("in-focus share must be in [0, 1], got " + inFocusShare);
        }
        if (patchSize < 1) {
            throw new IllegalArgumentException("patch size must be positive, got " + patchSize);
        }
        if (!(minPhotons >= 1 && maxPhotons >= minPhotons) || Double.isInfinite(maxPhotons)) {
            throw new IllegalArgumentException("photon counts must satisfy 1 <= min <= max, got " + minPhotons
                    + ", " + maxPhotons);
        }
        this.specimens = specimens;
        this.patchSize = patchSize;
        this.minPhotons = minPhotons;
        this.maxPhotons = maxPhotons;
        this.inFocusShare = inFocusShare;
    }

    @Override
    public int patchSize() {
        return patchSize;
    }

    @Override
    public TrainingPair sample(long seed, long index) {
        Acquisition a = acquire(seed, index, 0);
        // The target keeps the camera offset: no network can tell it from a uniform background, so it restores
        // detail and leaves the baseline where it was (subtract the camera's offset before or after, if known).
        return new TrainingPair(a.raw, a.sharp.plus(a.offset), null, a.psf);
    }

    /** One simulated image with everything that made it: what evaluations hand to classical methods. */
    public static final class Acquisition {
        /** The specimen in focus, offset-free. */
        public final Plane sharp;
        /** What the camera recorded: blurred, noisy, offset. */
        public final Plane raw;
        public final Kernel psf;
        public final WidefieldOptics optics;
        public final double photons;
        public final double offset;

        Acquisition(Plane sharp, Plane raw, Kernel psf, WidefieldOptics optics, double photons, double offset) {
            this.sharp = sharp;
            this.raw = raw;
            this.psf = psf;
            this.optics = optics;
            this.photons = photons;
            this.offset = offset;
        }
    }

    /**
     * Acquisition {@code index} of the stream {@code seed} (what {@link #sample} is made of).
     *
     * @param minContrast a field of view whose (max - min) / max is below this is drawn again (up to 50 times), so an
     *                    evaluation never scores an empty field; 0 keeps every field, as training does
     */
    public Acquisition acquire(long seed, long index, double minContrast) {
        SplittableRandom root = new SplittableRandom(seed * GOLDEN_GAMMA + index);
        SplittableRandom opticsRng = root.split();
        SplittableRandom specimenRng = root.split();
        SplittableRandom noiseRng = root.split();
        // The extra draw only with a positive share, so the streams of older settings stay as they were.
        WidefieldOptics optics = inFocusShare > 0 && opticsRng.nextDouble() < inFocusShare
                ? WidefieldOptics.inFocus(opticsRng) : WidefieldOptics.random(opticsRng);
        Kernel psf = optics.psf();
        int margin = (psf.size() - 1) / 2;
        Plane specimen = fieldOfView(specimens, specimenRng, patchSize, psf.size(), minContrast);
        Plane sharp = specimen.crop(margin, margin, patchSize, patchSize);
        Plane blurred = Convolution.valid(specimen, psf);
        double photons = Math.exp(Math.log(minPhotons) + (Math.log(maxPhotons) - Math.log(minPhotons))
                * noiseRng.nextDouble());
        double readElectrons = MIN_READ_ELECTRONS + (MAX_READ_ELECTRONS - MIN_READ_ELECTRONS) * noiseRng.nextDouble();
        double offset = MAX_OFFSET * noiseRng.nextDouble();
        Plane raw = camera(blurred, photons, readElectrons, offset, noiseRng);
        return new Acquisition(sharp, raw, psf, optics, photons, offset);
    }

    /**
     * A specimen crop of {@code patchSize + psfSize - 1} (what a valid convolution with the PSF needs) whose centre
     * {@code patchSize} square has a contrast of at least {@code minContrast}, drawn again up to 50 times.
     */
    static Plane fieldOfView(SharpSource specimens, SplittableRandom rng, int patchSize, int psfSize,
            double minContrast) {
        int margin = (psfSize - 1) / 2;
        Plane specimen;
        int attempts = 0;
        do {
            specimen = specimens.crop(rng, patchSize + psfSize - 1);
        } while (minContrast > 0 && contrast(specimen.crop(margin, margin, patchSize, patchSize)) < minContrast
                && ++attempts < 50);
        return specimen;
    }

    /** (max - min) / max of a plane, 0 for an empty one. */
    private static double contrast(Plane p) {
        float min = Float.MAX_VALUE;
        float max = 0;
        for (float v : p.pixels()) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return max > 0 ? (max - min) / max : 0;
    }

    /**
     * A camera looking at {@code blurred} (photon flux, 1 = {@code photons} photons): Poisson shot noise, Gaussian
     * read noise of {@code readElectrons}, and {@code offset} added, all in units of the peak photon count.
     */
    public static Plane camera(Plane blurred, double photons, double readElectrons, double offset,
            SplittableRandom rng) {
        return Noise.poissonGaussian(blurred, photons, readElectrons / photons, rng).plus(offset);
    }
}
