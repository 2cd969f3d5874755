package io.github.biattention.deblur.data;

import java.util.SplittableRandom;

/**
 * The synthetic degradation that makes training pairs: a random kernel, a sharp crop large enough
 * for a "valid" convolution, an optional brightness/contrast change, blur, then Poisson–Gaussian
 * noise on the blurred image only. The sharp target is the centre of the same crop, so the two
 * patches are aligned pixel for pixel (kernels are centred on their centre of mass).
 *
 * <p>{@link #sample(long, long)} is a pure function of (seed, index) given the same source and
 * settings, so a data loader can draw samples in any order and from any thread.
 */
public final class Degradation implements PairSampler {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private final SharpSource source;
    private final DegradationSettings settings;
    private final BlurKind[] kinds = BlurKind.values();
    private final double[] kindWeights;

    public Degradation(SharpSource source, DegradationSettings settings) {
        this.source = source;
        this.settings = settings;
        this.kindWeights = new double[kinds.length];
        for (int i = 0; i < kinds.length; i++) {
            kindWeights[i] = settings.blurWeight(kinds[i]);
        }
    }

    public DegradationSettings settings() {
        return settings;
    }

    @Override
    public int patchSize() {
        return settings.patchSize();
    }

    /**
     * The training pair number {@code index} of the stream identified by {@code seed}: equal
     * arguments give bit-identical pairs.
     *
     * @return {@code patch × patch} blurred and sharp planes
     */
    @Override
    public TrainingPair sample(long seed, long index) {
        SplittableRandom root = new SplittableRandom(seed * GOLDEN_GAMMA + index);
        // One independent stream per stage, so e.g. a different source does not change the kernels.
        SplittableRandom kernelRng = root.split();
        SplittableRandom imageRng = root.split();
        SplittableRandom jitterRng = root.split();
        SplittableRandom noiseRng = root.split();

        BlurKind kind = kinds[Rand.weighted(kernelRng, kindWeights)];
        Kernel kernel = kernel(kernelRng, kind);
        int patch = settings.patchSize();
        int margin = (kernel.size() - 1) / 2;
        int cropSize = patch + kernel.size() - 1;
        Plane crop = source.crop(imageRng, cropSize);
        if (crop.width() != cropSize || crop.height() != cropSize) {
            throw new IllegalStateException("source returned " + crop + " for a " + cropSize + " crop");
        }
        if (jitterRng.nextDouble() < settings.jitterProbability()) {
            crop = jitter(crop, jitterRng);
        }
        Plane blurred = Convolution.valid(crop, kernel);
        Plane sharp = crop.crop(margin, margin, patch, patch);

        // The extra draws happen only when the option is on, so older settings keep their exact streams.
        boolean noiseFree = settings.noNoiseProbability() > 0 && noiseRng.nextDouble() < settings.noNoiseProbability();
        double photons = noiseFree || noiseRng.nextDouble() < settings.noShotNoiseProbability()
                ? Double.POSITIVE_INFINITY
                : Rand.logUniform(noiseRng, settings.minPhotons(), settings.maxPhotons());
        double readSigma = noiseFree ? 0
                : settings.logReadSigma() ? Rand.logUniform(noiseRng, settings.minReadSigma(), settings.maxReadSigma())
                : Rand.uniform(noiseRng, settings.minReadSigma(), settings.maxReadSigma());
        Plane noisy = Double.isInfinite(photons) && readSigma == 0
                ? blurred
                : Noise.poissonGaussian(blurred, photons, readSigma, noiseRng);
        return new TrainingPair(noisy, sharp, kind, kernel);
    }

    /**
     * The kernel of {@code sample(seed, index)}, without making the pair: lets other trainers (the PyTorch twin
     * under tools/pytorch) draw from the same kernel distribution.
     */
    public Kernel kernel(long seed, long index) {
        SplittableRandom kernelRng = new SplittableRandom(seed * GOLDEN_GAMMA + index).split();
        BlurKind kind = kinds[Rand.weighted(kernelRng, kindWeights)];
        return kernel(kernelRng, kind);
    }

    /** No blur, mild blur or the kind's full range, in the settings' shares. */
    private Kernel kernel(SplittableRandom kernelRng, BlurKind kind) {
        double sharp = settings.sharpProbability();
        double mild = settings.mildProbability();
        if (sharp > 0 || mild > 0) {
            double u = kernelRng.nextDouble();
            if (u < sharp) {
                return BlurKernels.identity();
            }
            if (u < sharp + mild) {
                return BlurKernels.random(kernelRng, kind, BlurStrength.MILD, settings.maxKernelSize());
            }
        }
        return BlurKernels.random(kernelRng, kind, settings.maxKernelSize());
    }

    /** v ↦ offset + contrast · v^gamma, which maps [0, 1] into [0, 1]. */
    private static Plane jitter(Plane crop, SplittableRandom rng) {
        double gamma = Rand.logUniform(rng, 0.7, 1.4);
        double contrast = Rand.uniform(rng, 0.5, 1.0);
        double offset = Rand.uniform(rng, 0, 1 - contrast);
        float[] in = crop.pixels();
        float[] out = new float[in.length];
        for (int i = 0; i < in.length; i++) {
            out[i] = (float) (offset + contrast * Math.pow(Math.max(0, in[i]), gamma));
        }
        return new Plane(crop.width(), crop.height(), out);
    }
}
