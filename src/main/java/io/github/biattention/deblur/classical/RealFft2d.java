package io.github.biattention.deblur.classical;

import java.util.stream.IntStream;
import org.jtransforms.fft.FloatFFT_1D;

/**
 * 2D FFT of a real {@code width × height} array (row-major, {@code width} even) to its half spectrum and back,
 * with JTransforms' 1D transforms: a real FFT per row, then a complex FFT per column of the {@code width/2 + 1}
 * non-redundant columns. That is half the work of a full complex transform.
 *
 * <p>Spectrum layout: column {@code kx} (0 ≤ kx ≤ width/2) is contiguous, entry {@code (kx, ky)} at
 * {@code 2 * (kx * height + ky)} (real) and the next index (imaginary). Rows and columns are transformed in parallel
 * on the common fork-join pool. Instances are immutable and may be shared between threads.
 */
final class RealFft2d {

    final int width;
    final int height;
    /** Number of complex columns kept: width / 2 + 1. */
    final int columns;
    /** Columns moved together between the row and column layouts, so that reads and writes stay in cache lines. */
    private static final int BLOCK = 16;
    private final int half;
    private final FloatFFT_1D rowFft;
    private final FloatFFT_1D columnFft;

    /**
     * @param width even, at least 2
     * @param height at least 1
     */
    RealFft2d(int width, int height) {
        if (width < 2 || width % 2 != 0 || height < 1) {
            throw new IllegalArgumentException("FFT size must have an even width and positive height, got "
                    + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.columns = width / 2 + 1;
        this.half = width / 2;
        this.rowFft = new FloatFFT_1D(width);
        this.columnFft = new FloatFFT_1D(height);
    }

    /** A zeroed spectrum array for this size. */
    float[] newSpectrum() {
        return new float[2 * columns * height];
    }

    /** Transforms {@code real} (overwritten with intermediate values) into {@code spectrum}. */
    void forward(float[] real, float[] spectrum) {
        IntStream.range(0, height).parallel().forEach(y -> rowFft.realForward(real, y * width));
        IntStream.range(0, blocks()).parallel().forEach(block -> {
            int first = block * BLOCK;
            int last = Math.min(columns, first + BLOCK);
            // Gather a block of columns row by row (contiguous reads), then transform each column.
            for (int y = 0; y < height; y++) {
                int row = y * width;
                for (int kx = first; kx < last; kx++) {
                    int at = 2 * (kx * height + y);
                    if (kx == 0) {
                        // JTransforms' packed row (even n): a[0] = Re 0, a[1] = Re n/2, a[2k], a[2k+1] = Re k, Im k.
                        spectrum[at] = real[row];
                        spectrum[at + 1] = 0;
                    } else if (kx == half) {
                        spectrum[at] = real[row + 1];
                        spectrum[at + 1] = 0;
                    } else {
                        spectrum[at] = real[row + 2 * kx];
                        spectrum[at + 1] = real[row + 2 * kx + 1];
                    }
                }
            }
            for (int kx = first; kx < last; kx++) {
                columnFft.complexForward(spectrum, 2 * kx * height);
            }
        });
    }

    /** Transforms {@code spectrum} (overwritten) back into {@code real}, scaled so that inverse(forward(a)) = a. */
    void inverse(float[] spectrum, float[] real) {
        IntStream.range(0, blocks()).parallel().forEach(block -> {
            int first = block * BLOCK;
            int last = Math.min(columns, first + BLOCK);
            for (int kx = first; kx < last; kx++) {
                columnFft.complexInverse(spectrum, 2 * kx * height, true);
            }
            for (int y = 0; y < height; y++) {
                int row = y * width;
                for (int kx = first; kx < last; kx++) {
                    int at = 2 * (kx * height + y);
                    // Columns 0 and width/2 are real here (the spectrum of a real image is Hermitian).
                    if (kx == 0) {
                        real[row] = spectrum[at];
                    } else if (kx == half) {
                        real[row + 1] = spectrum[at];
                    } else {
                        real[row + 2 * kx] = spectrum[at];
                        real[row + 2 * kx + 1] = spectrum[at + 1];
                    }
                }
            }
        });
        IntStream.range(0, height).parallel().forEach(y -> rowFft.realInverse(real, y * width, true));
    }

    private int blocks() {
        return (columns + BLOCK - 1) / BLOCK;
    }

    /**
     * The smallest size ≥ {@code n} whose only prime factors are 2, 3 and 5 (JTransforms' fast mixed-radix case;
     * other sizes fall back to Bluestein's algorithm, several times slower), even when {@code even}.
     */
    static int fastSize(int n, boolean even) {
        for (int m = Math.max(n, 1); ; m++) {
            if (even && m % 2 != 0) {
                continue;
            }
            int r = m;
            for (int p : new int[] {2, 3, 5}) {
                while (r % p == 0) {
                    r /= p;
                }
            }
            if (r == 1) {
                return m;
            }
        }
    }
}
