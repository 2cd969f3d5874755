package io.github.biattention.deblur.benchmark;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.pytorch.jni.JniUtils;
import io.github.biattention.deblur.inference.DeblurEngine;
import io.github.biattention.deblur.inference.DeblurSettings;
import io.github.biattention.deblur.network.NoGradScope;
import io.github.biattention.deblur.inference.Tile;
import io.github.biattention.deblur.inference.TiledPredictor;
import io.github.biattention.deblur.model.DeblurModel;
import io.github.biattention.deblur.network.NetworkConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Speed of the whole engine ({@link DeblurEngine#deblurPlane}: normalisation, tiling, network, blending) on square
 * images, with the process's peak resident memory and the network's arithmetic rate compared to that of one big
 * 3x3 convolution in the same engine, the practical limit of the machine for this kind of work.
 *
 * <p><b>Timing.</b> Each size is first warmed up on one tile-sized image (so one-off costs such as the allocator's
 * first requests are not counted), then run up to {@code maxRuns} times, stopping early once {@code budgetSeconds}
 * have been spent on it; the best run is kept, because interference from other work on the machine only ever adds
 * time.
 *
 * <p><b>Memory.</b> {@link ProcessMemory#peakResident()} is the operating system's high-water mark of the whole
 * process (Linux's VmHWM: JVM heap, PyTorch's native memory, libraries), which never goes down; sizes are therefore
 * run in increasing order, and the mark read after each size is an upper bound for that size. Elsewhere it is
 * unknown.
 *
 * <p><b>Arithmetic rate.</b> The network's work is {@link NetworkConfig#flopsPerPixel} summed over the tiles as
 * planned (overlaps counted again, sides padded to the network's size multiple as the network pads them), divided by
 * the run's time; {@link #convolutionGflops} measures a dense 3x3 convolution on a large feature map, which runs
 * close to the best the engine's kernels reach here. Their ratio says how much of the achievable rate the network
 * gets; attention, normalisation and blending lower it.
 */
public final class SpeedBenchmark {

    private SpeedBenchmark() {}

    /** One timed image size. Immutable. */
    static final class Row {
        /** Side of the square image in pixels. */
        final int size;
        /** Tile side and overlap used. */
        final int tileSize;
        final int overlap;
        /** Number of tiles the image was cut into. */
        final int tiles;
        /** The best run's wall-clock seconds. */
        final double seconds;
        /** Runs timed (the best is {@link #seconds}). */
        final int runs;
        /** Floating-point operations of the network for the whole image, in units of 10^9. */
        final double networkGflop;
        /** The process's peak resident memory after this size; empty where unknown. */
        final OptionalLong peakResidentBytes;

        Row(int size, int tileSize, int overlap, int tiles, double seconds, int runs, double networkGflop,
                OptionalLong peakResidentBytes) {
            this.size = size;
            this.tileSize = tileSize;
            this.overlap = overlap;
            this.tiles = tiles;
            this.seconds = seconds;
            this.runs = runs;
            this.networkGflop = networkGflop;
            this.peakResidentBytes = peakResidentBytes;
        }

        /** Seconds per million pixels of the image. */
        double secondsPerMegapixel() {
            return seconds / ((double) size * size / 1e6);
        }

        /** The network's effective rate, 10^9 floating-point operations per second. */
        double gflops() {
            return networkGflop / seconds;
        }
    }

    /**
     * Times the engine on {@code size x size} images of seeded uniform noise (the work does not depend on content).
     *
     * @param sizes image sides, each at least 16; run in increasing order whatever the order given
     * @param maxRuns at least 1
     * @param budgetSeconds no further run of a size starts once this much time was spent on it
     * @param done told each row as soon as it is measured
     * @return one row per size, in increasing order
     */
    static List<Row> run(DeblurModel model, DeblurSettings settings, int[] sizes, int maxRuns,
            double budgetSeconds, Consumer<Row> done) {
        if (maxRuns < 1) {
            throw new IllegalArgumentException("need at least 1 run, got " + maxRuns);
        }
        int[] sorted = sizes.clone();
        Arrays.sort(sorted);
        TiledPredictor predictor = new TiledPredictor(model, settings);
        NetworkConfig config = model.network().config();
        List<Row> rows = new ArrayList<>();
        for (int size : sorted) {
            if (size < DeblurSettings.MIN_TILE_SIZE) {
                throw new IllegalArgumentException("image sides must be at least " + DeblurSettings.MIN_TILE_SIZE
                        + ", got " + size);
            }
            int warm = Math.min(settings.tileSize(), size);
            DeblurEngine.deblurPlane(noise(warm, 2), warm, warm, model, settings);
            float[] pixels = noise(size, 1);
            double best = Double.POSITIVE_INFINITY;
            double spent = 0;
            int runs = 0;
            while (runs < maxRuns && (runs == 0 || spent < budgetSeconds)) {
                long start = System.nanoTime();
                DeblurEngine.deblurPlane(pixels, size, size, model, settings);
                double seconds = (System.nanoTime() - start) / 1e9;
                best = Math.min(best, seconds);
                spent += seconds;
                runs++;
            }
            List<Tile> tiles = predictor.plan(size, size);
            Row row = new Row(size, settings.tileSize(), settings.overlap(), tiles.size(), best, runs,
                    networkFlops(config, tiles) / 1e9, ProcessMemory.peakResident());
            rows.add(row);
            done.accept(row);
        }
        return rows;
    }

    /**
     * The network's floating-point operations over some tiles: {@link NetworkConfig#flopsPerPixel} at each tile's
     * mean side times its pixel count, sides rounded up to {@link NetworkConfig#sizeMultiple()} as the network pads.
     */
    static double networkFlops(NetworkConfig config, List<Tile> tiles) {
        int m = config.sizeMultiple();
        double flops = 0;
        for (Tile t : tiles) {
            long w = (t.width() + m - 1) / m * (long) m;
            long h = (t.height() + m - 1) / m * (long) m;
            flops += config.flopsPerPixel((int) ((w + h) / 2)) * w * h;
        }
        return flops;
    }

    /** Timed runs of the reference convolution: at least 5, since a small map's run is short and few are noisy. */
    public static int convolutionRuns(int runs) {
        return Math.max(runs, 5);
    }

    /**
     * The rate of one {@code channels -> channels} 3x3 convolution (stride 1, padding 1, with bias) on a
     * {@code 1 x channels x side x side} array in the default engine: best of {@link #convolutionRuns} runs after one
     * untimed run, counting {@code 2 * 9 * channels^2 * side^2} operations.
     *
     * @return 10^9 floating-point operations per second
     */
    static double convolutionGflops(Device device, int channels, int side, int runs) {
        if (channels < 1 || side < 1 || runs < 1) {
            throw new IllegalArgumentException("channels, side and runs must be positive");
        }
        double flops = 2.0 * 9 * channels * channels * side * (double) side;
        try (NDManager manager = NDManager.newBaseManager(device);
                NoGradScope noGrad = NoGradScope.enter(manager)) {
            NDArray x = manager.randomUniform(0, 1, new Shape(1, channels, side, side));
            NDArray weight = manager.randomNormal(0, 0.05f, new Shape(channels, channels, 3, 3),
                    DataType.FLOAT32);
            NDArray bias = manager.zeros(new Shape(channels));
            double best = Double.POSITIVE_INFINITY;
            for (int r = 0; r <= convolutionRuns(runs); r++) {
                long start = System.nanoTime();
                // PyTorch's CPU operators are synchronous: the result exists when the call returns.
                try (NDList y = Conv2d.conv2d(x, weight, bias, new Shape(1, 1), new Shape(1, 1), new Shape(1, 1),
                        1)) {
                    double seconds = (System.nanoTime() - start) / 1e9;
                    if (r > 0) { // the first run pays for one-off allocations
                        best = Math.min(best, seconds);
                    }
                }
            }
            return flops / best / 1e9;
        }
    }

    /** "DJL 0.36.0, PyTorch 2.x.y, 2 intra-op threads" for the default engine (which it starts if needed). */
    public static String engineDescription() {
        Engine engine = Engine.getInstance();
        String threads = "";
        try {
            threads = ", " + JniUtils.getNumThreads() + " intra-op threads";
        } catch (RuntimeException | LinkageError e) {
            // not the PyTorch engine: no thread count to report
        }
        return "DJL " + Engine.getDjlVersion() + ", " + engine.getEngineName() + " " + engine.getVersion() + threads;
    }

    /** {@code side * side} seeded uniform values in [0, 1). */
    private static float[] noise(int side, long seed) {
        Random random = new Random(seed);
        float[] pixels = new float[side * side];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextFloat();
        }
        return pixels;
    }
}
