package io.github.biattention.deblur.data;

import java.util.SplittableRandom;

/** Factories for the blur kernels used to synthesise training data. */
public final class BlurKernels {
    /** Trajectory samples, as in Boracchi &amp; Foi; dense enough that splatted paths look continuous. */
    private static final int TRAJECTORY_SAMPLES = 2000;
    /** Nominal trajectory length of the original model; the path is rescaled to the wanted extent later. */
    private static final double TRAJECTORY_LENGTH = 60;
    /** Sub-samples per pixel axis when anti-aliasing the defocus disk edge. */
    private static final int DISK_SUPERSAMPLING = 16;

    private BlurKernels() {
    }

    /**
     * A camera-shake kernel following Boracchi &amp; Foi, "Modeling the performance of image restoration
     * from motion blur" (IEEE TIP 2012): a trajectory is a random walk of constant speed whose
     * velocity gets Gaussian perturbations, a pull back towards the start (inertia/centripetal term)
     * and, with small probability, abrupt jerks that reverse it. A random exposure fraction (25–100%)
     * of the trajectory is kept, rescaled to a random extent, splatted bilinearly onto the pixel grid
     * and shifted so that its centre of mass is the kernel's centre.
     *
     * @param maxSize at least 3; the kernel size is odd and at most {@code maxSize}
     */
    public static Kernel motion(SplittableRandom rng, int maxSize) {
        int half = maxHalf(maxSize);
        return motion(rng, Math.min(1.0, half), half, maxSize);
    }

    /**
     * {@link #motion(SplittableRandom, int)} with the extent (half-width of the path around its centre of mass, in
     * pixels) drawn uniformly from [minExtent, maxExtent], both lowered to what {@code maxSize} allows.
     */
    public static Kernel motion(SplittableRandom rng, double minExtent, double maxExtent, int maxSize) {
        int half = maxHalf(maxSize);
        if (!(minExtent > 0 && minExtent <= maxExtent)) {
            throw new IllegalArgumentException("motion extent range must satisfy 0 < min <= max, got [" + minExtent
                    + ", " + maxExtent + "]");
        }
        // Parameter ranges of the original model (centripetal, gaussianTerm, freqBigShakes), except
        // anxiety: uniform up to 0.1 gives mostly tangled knots; smaller, log-spread values (as in
        // DeblurGAN's use of the model) give the smooth arcs and occasional knots of real shake.
        double anxiety = Rand.logUniform(rng, 0.0005, 0.05);
        double centripetal = 0.7 * rng.nextDouble();
        double gaussianTerm = 10 * rng.nextDouble();
        double freqBigShakes = 0.2 * rng.nextDouble();
        double step = TRAJECTORY_LENGTH / (TRAJECTORY_SAMPLES - 1);
        double angle = 2 * Math.PI * rng.nextDouble();
        double vx = Math.cos(angle) * step;
        double vy = Math.sin(angle) * step;

        double exposure = Rand.uniform(rng, 0.25, 1.0);
        int n = Math.max(2, (int) Math.round(exposure * TRAJECTORY_SAMPLES));
        double[] xs = new double[n];
        double[] ys = new double[n];
        for (int t = 0; t + 1 < n; t++) {
            double jx = 0;
            double jy = 0;
            if (rng.nextDouble() < freqBigShakes * anxiety) {
                // A jerk: twice the velocity, turned by roughly 180 degrees.
                double phi = Math.PI + (rng.nextDouble() - 0.5);
                jx = 2 * (vx * Math.cos(phi) - vy * Math.sin(phi));
                jy = 2 * (vx * Math.sin(phi) + vy * Math.cos(phi));
            }
            double gx = Rand.gaussian(rng);
            double gy = Rand.gaussian(rng);
            vx += jx + anxiety * (gaussianTerm * gx - centripetal * xs[t]) * step;
            vy += jy + anxiety * (gaussianTerm * gy - centripetal * ys[t]) * step;
            double speed = Math.hypot(vx, vy);
            if (speed == 0) { // practically impossible, but keeps the direction defined
                vx = step;
                vy = 0;
            } else {
                vx *= step / speed;
                vy *= step / speed;
            }
            xs[t + 1] = xs[t] + vx;
            ys[t + 1] = ys[t] + vy;
        }

        double cx = 0;
        double cy = 0;
        for (int t = 0; t < n; t++) {
            cx += xs[t];
            cy += ys[t];
        }
        cx /= n;
        cy /= n;
        double extent = 0;
        for (int t = 0; t < n; t++) {
            extent = Math.max(extent, Math.max(Math.abs(xs[t] - cx), Math.abs(ys[t] - cy)));
        }
        // Extent (half-width around the centre of mass) wanted in pixels, uniform up to what fits.
        double target = Rand.uniform(rng, Math.min(minExtent, half), Math.min(maxExtent, half));
        double scale = extent > 0 ? target / extent : 0;
        int h = (int) Math.ceil(target - 1e-9);
        int size = 2 * h + 1;
        float[] w = new float[size * size];
        for (int t = 0; t < n; t++) {
            // Scaling about the centroid keeps the centre of mass on the centre pixel; bilinear
            // splatting preserves the first moment, so the kernel is centred exactly.
            double px = clamp(h + (xs[t] - cx) * scale, 0, size - 1);
            double py = clamp(h + (ys[t] - cy) * scale, 0, size - 1);
            splat(w, size, px, py);
        }
        return Kernel.normalized(size, w);
    }

    /**
     * A uniform disk of the given radius whose boundary pixels are weighted by the fraction of
     * their area inside the disk (16×16 supersampling). Size is {@code 2*ceil(radius)+1}. The
     * kernel is exactly symmetric under flips and 90° rotations.
     *
     * @param radius in pixels, in (0, 64]
     */
    public static Kernel defocus(double radius) {
        if (!(radius > 0 && radius <= 64)) {
            throw new IllegalArgumentException("defocus radius must be in (0, 64], got " + radius);
        }
        int h = (int) Math.ceil(radius);
        int size = 2 * h + 1;
        int s = DISK_SUPERSAMPLING;
        double r2 = radius * radius;
        float[] w = new float[size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int inside = 0;
                for (int sy = 0; sy < s; sy++) {
                    double dy = y - h + (sy + 0.5) / s - 0.5;
                    for (int sx = 0; sx < s; sx++) {
                        double dx = x - h + (sx + 0.5) / s - 0.5;
                        if (dx * dx + dy * dy <= r2) {
                            inside++;
                        }
                    }
                }
                w[y * size + x] = inside;
            }
        }
        return Kernel.normalized(size, w);
    }

    /**
     * An isotropic Gaussian sampled at pixel centres, truncated at 3σ: size {@code 2*ceil(3σ)+1}.
     *
     * @param sigma standard deviation in pixels, in (0, 20]
     */
    public static Kernel gaussian(double sigma) {
        if (!(sigma > 0 && sigma <= 20)) {
            throw new IllegalArgumentException("gaussian sigma must be in (0, 20], got " + sigma);
        }
        int h = (int) Math.ceil(3 * sigma);
        int size = 2 * h + 1;
        float[] w = new float[size * size];
        double k = -1 / (2 * sigma * sigma);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int dx = x - h;
                int dy = y - h;
                w[y * size + x] = (float) Math.exp(k * (dx * dx + dy * dy));
            }
        }
        return Kernel.normalized(size, w);
    }

    /**
     * A kernel of the given kind with random parameters: motion as in {@link #motion}; defocus
     * radius uniform in [1.5, 7]; Gaussian σ uniform in [0.8, 3.5]. Upper ends are lowered when
     * needed so that the size never exceeds {@code maxSize}.
     *
     * @param maxSize at least 3
     */
    public static Kernel random(SplittableRandom rng, BlurKind kind, int maxSize) {
        int half = maxHalf(maxSize);
        switch (kind) {
            case MOTION:
                return motion(rng, maxSize);
            case DEFOCUS: {
                double hi = Math.min(7.0, half);
                return defocus(Rand.uniform(rng, Math.min(1.5, hi), hi));
            }
            case GAUSSIAN: {
                double hi = Math.min(3.5, half / 3.0);
                return gaussian(Rand.uniform(rng, Math.min(0.8, hi), hi));
            }
            default:
                throw new IllegalArgumentException("unknown blur kind " + kind);
        }
    }

    /**
     * A kernel of the given kind and strength ({@link BlurStrength}): the identity for {@link BlurStrength#NONE},
     * otherwise parameters drawn uniformly from the strength's range for the kind, lowered to fit {@code maxSize}.
     */
    public static Kernel random(SplittableRandom rng, BlurKind kind, BlurStrength strength, int maxSize) {
        if (strength == BlurStrength.NONE) {
            return identity();
        }
        int half = maxHalf(maxSize);
        double lo = strength.min(kind);
        double hi = strength.max(kind);
        switch (kind) {
            case MOTION:
                return motion(rng, lo, hi, maxSize);
            case DEFOCUS:
                return defocus(Rand.uniform(rng, Math.min(lo, half), Math.min(hi, half)));
            case GAUSSIAN:
                return gaussian(Rand.uniform(rng, Math.min(lo, half / 3.0), Math.min(hi, half / 3.0)));
            default:
                throw new IllegalArgumentException("unknown blur kind " + kind);
        }
    }

    /** The 1x1 kernel that leaves an image as it is. */
    public static Kernel identity() {
        return Kernel.normalized(1, new float[] {1});
    }

    /** Largest allowed half-width: the biggest odd size ≤ maxSize is {@code 2*half+1}. */
    private static int maxHalf(int maxSize) {
        if (maxSize < 3) {
            throw new IllegalArgumentException("maxSize must be at least 3, got " + maxSize);
        }
        return (maxSize - 1) / 2;
    }

    private static double clamp(double v, double lo, double hi) {
        return v < lo ? lo : v > hi ? hi : v;
    }

    /**
     * Adds unit mass at sub-pixel position (px, py) of a {@code size x size} row-major grid, shared bilinearly among
     * the 4 neighbouring pixels; mass falling outside the grid is dropped.
     */
    public static void splat(float[] w, int size, double px, double py) {
        int ix = (int) Math.floor(px);
        int iy = (int) Math.floor(py);
        double fx = px - ix;
        double fy = py - iy;
        add(w, size, ix, iy, (1 - fx) * (1 - fy));
        add(w, size, ix + 1, iy, fx * (1 - fy));
        add(w, size, ix, iy + 1, (1 - fx) * fy);
        add(w, size, ix + 1, iy + 1, fx * fy);
    }

    private static void add(float[] w, int size, int x, int y, double v) {
        if (x >= 0 && y >= 0 && x < size && y < size && v > 0) {
            w[y * size + x] += (float) v;
        }
    }
}
