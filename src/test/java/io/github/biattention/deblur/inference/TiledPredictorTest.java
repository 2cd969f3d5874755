package io.github.biattention.deblur.inference;

import io.github.biattention.deblur.network.NoGradScope;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import io.github.biattention.deblur.metrics.Psnr;
import io.github.biattention.deblur.model.DeblurModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class TiledPredictorTest {

    @TempDir
    static Path dir;
    @RegisterExtension
    static final OneThreadRandomModel MODEL = new OneThreadRandomModel();

    private static DeblurSettings tiles(int tileSize, int overlap) {
        return DeblurSettings.builder().tileSize(tileSize).overlap(overlap).build();
    }

    @Test
    void modelFileRoundTripGivesTheSameOutput() throws Exception {
        int w = 72;
        int h = 56;
        float[] image = TestImages.blobs(w, h, 1);
        float[] expected;
        // Unscaled output, so that every weight matters at full size.
        try (Model original = RandomModels.create(TestImages.CONFIG, TestImages.SEED, TestImages.GAMMA, 1);
                NDManager m = original.getNDManager().newSubManager()) {
            NDArray x = m.create(image, new Shape(1, 1, h, w));
            expected = original.getBlock().forward(new ParameterStore(m, false), new NDList(x), false)
                    .singletonOrThrow().toFloatArray();
        }
        try (DeblurModel loaded = TestImages.loadRandomModel(dir, TestImages.GAMMA, 1)) {
            float[] actual = new TiledPredictor(loaded, tiles(128, 16)).predict(image, w, h);
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], actual[i], 1e-6 * Math.max(1, Math.abs(expected[i])), "pixel " + i);
            }
            // The gammas were saved as set, so attention takes part.
            assertEquals(TestImages.GAMMA, gamma(loaded, "shallowAttention_gamma"), 0f);
            assertEquals(TestImages.GAMMA, gamma(loaded, "reconstructionAttention_gamma"), 0f);
        }
    }

    private static float gamma(DeblurModel m, String suffix) {
        return m.network().getParameters().stream().filter(p -> p.getKey().endsWith(suffix)).findFirst()
                .orElseThrow().getValue().getArray().getFloat();
    }

    /**
     * A network whose receptive field fits in the overlap (see {@link TestImages#loadLocalModel}) must come out of
     * the tiles as it does untiled, without steps at the tile edges. Measured: 67 dB and step ratio 1.08; with the
     * blending replaced by hard copying (each tile overwriting its whole area) 35.5 dB and step ratio 12, so both
     * checks fail when blending is broken.
     */
    @Test
    void tiledMatchesUntiledWithoutSeams() throws Exception {
        int w = 300;
        int h = 500;
        float[] image = TestImages.blobs(w, h, 7);
        try (DeblurModel local = TestImages.loadLocalModel(dir)) {
            float[] untiled = new TiledPredictor(local, tiles(512, 32)).predict(image, w, h);
            TiledPredictor tiled = new TiledPredictor(local, tiles(128, 32));
            List<Tile> plan = tiled.plan(w, h);
            assertEquals(15, plan.size());
            float[] result = tiled.predict(image, w, h);

            double psnr = psnr(untiled, result);
            assertTrue(psnr >= 40, "tiled vs untiled PSNR " + psnr + " dB");
            // A seam is a step in the error across a tile edge; compare steps there with steps elsewhere.
            Edges edges = new Edges(plan, w, h);
            double[] steps = new double[4]; // sum and count at edges, sum and count elsewhere
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    double e = result[y * w + x] - untiled[y * w + x];
                    if (x > 0) {
                        addStep(steps, edges.atX[x], edges.bandX[x],
                                Math.abs(e - (result[y * w + x - 1] - untiled[y * w + x - 1])));
                    }
                    if (y > 0) {
                        addStep(steps, edges.atY[y], edges.bandY[y],
                                Math.abs(e - (result[(y - 1) * w + x] - untiled[(y - 1) * w + x])));
                    }
                }
            }
            double atEdges = steps[0] / steps[1];
            double elsewhere = steps[2] / steps[3];
            assertTrue(atEdges <= 1.5 * elsewhere,
                    "error steps across tile edges " + atEdges + " vs elsewhere " + elsewhere + " (a seam)");
        }
    }

    private static void addStep(double[] steps, boolean atEdge, boolean inBand, double step) {
        if (atEdge) {
            steps[0] += step;
            steps[1]++;
        } else if (!inBand) {
            steps[2] += step;
            steps[3]++;
        }
    }

    /**
     * With attention (whose context is whole rows and columns, more than any tile holds) tiled and untiled outputs
     * differ everywhere a little, and that difference must not concentrate around tile edges. Measured: 51 dB and
     * band/rest error ratio 1.10. Note that this check alone would not catch broken blending (hard copying gives
     * 50.5 dB and 1.14: the attention's own differences dominate); {@link #tiledMatchesUntiledWithoutSeams} does.
     */
    @Test
    void tiledAttentionNetworkStaysCloseToUntiled() {
        int w = 300;
        int h = 500;
        float[] image = TestImages.blobs(w, h, 7);
        float[] untiled = new TiledPredictor(MODEL.get(), tiles(512, 32)).predict(image, w, h);
        TiledPredictor tiled = new TiledPredictor(MODEL.get(), tiles(128, 32));
        float[] result = tiled.predict(image, w, h);
        double psnr = psnr(untiled, result);
        assertTrue(psnr >= 40, "tiled vs untiled PSNR " + psnr + " dB");

        Edges edges = new Edges(tiled.plan(w, h), w, h);
        double bandSum = 0;
        double restSum = 0;
        long band = 0;
        long rest = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double e = Math.abs(result[y * w + x] - untiled[y * w + x]);
                if (edges.bandX[x] || edges.bandY[y]) {
                    bandSum += e;
                    band++;
                } else {
                    restSum += e;
                    rest++;
                }
            }
        }
        double bandMae = bandSum / band;
        double restMae = restSum / rest;
        assertTrue(bandMae <= 1.5 * restMae,
                "error within 4 px of tile edges " + bandMae + " vs elsewhere " + restMae + " (a seam)");
    }

    /** PSNR of {@code test} against {@code reference}, with the reference's range as the data range. */
    private static double psnr(float[] reference, float[] test) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : reference) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return Psnr.compute(reference, test, max - min);
    }

    /** Interior tile edges of a plan: the first column/row past each edge, and the +-4 pixel bands around them. */
    private static final class Edges {
        final boolean[] atX;
        final boolean[] atY;
        final boolean[] bandX;
        final boolean[] bandY;

        Edges(List<Tile> plan, int w, int h) {
            atX = new boolean[w + 1];
            atY = new boolean[h + 1];
            bandX = new boolean[w];
            bandY = new boolean[h];
            for (Tile t : plan) {
                if (!t.atLeftBorder()) mark(atX, bandX, t.x0());
                if (!t.atRightBorder()) mark(atX, bandX, t.x0() + t.width());
                if (!t.atTopBorder()) mark(atY, bandY, t.y0());
                if (!t.atBottomBorder()) mark(atY, bandY, t.y0() + t.height());
            }
        }

        private static void mark(boolean[] at, boolean[] band, long e) {
            at[(int) e] = true;
            for (long i = Math.max(0, e - 4); i <= Math.min(band.length - 1, e + 4); i++) {
                band[(int) i] = true;
            }
        }
    }

    /**
     * The network's correction (output - input) seen through tiles stays close to the untiled one when tiles are
     * aligned to its down-sampling grid: relative RMS difference 0.31 here, 0.92 with the last tile shifted to end at
     * the border (unaligned), 0.49 with hard-copied instead of blended tiles. Attention off (gamma 0): attention
     * looks along whole rows and columns, which no tile holds, so with it the difference is a property of the model
     * (0.66 for gamma 0.5), not of the tiling.
     */
    @Test
    void alignedTilesKeepTheCorrectionOfConvolutions() throws Exception {
        int w = 300;
        int h = 500;
        float[] image = TestImages.blobs(w, h, 7);
        try (DeblurModel convolutional = TestImages.loadRandomModel(dir, 0, 1)) {
            float[] untiled = new TiledPredictor(convolutional, tiles(512, 32)).predict(image, w, h);
            float[] tiled = new TiledPredictor(convolutional, tiles(128, 32)).predict(image, w, h);
            double difference = 0;
            double correction = 0;
            for (int i = 0; i < image.length; i++) {
                difference += (tiled[i] - untiled[i]) * (double) (tiled[i] - untiled[i]);
                correction += (untiled[i] - image[i]) * (double) (untiled[i] - image[i]);
            }
            double relative = Math.sqrt(difference / correction);
            assertTrue(relative < 0.45, "tiled correction differs from untiled by " + relative + " (relative RMS)");
        }
    }

    @Test
    void cancellationStopsWithinOneTile() {
        int w = 200;
        int h = 200;
        float[] image = TestImages.blobs(w, h, 3);
        AtomicInteger tilesDone = new AtomicInteger();
        AtomicReference<float[]> output = new AtomicReference<>();
        TiledPredictor predictor = new TiledPredictor(MODEL.get(), tiles(64, 8));
        assertTrue(predictor.plan(w, h).size() > 3);
        assertThrows(CancellationException.class, () -> output.set(predictor.predict(image, w, h,
                (done, total, message) -> tilesDone.set(done), () -> tilesDone.get() >= 2)));
        assertEquals(2, tilesDone.get());
        assertNull(output.get(), "nothing partial is returned");
    }

    @Test
    void cancelAndFailuresLeaveNoNativeArraysBehind() throws Exception {
        int w = 200;
        int h = 200;
        float[] image = TestImages.blobs(w, h, 8);
        NDManager manager = MODEL.get().djlModel().getNDManager();
        int before = manager.getManagedArrays().size();
        AtomicInteger tilesDone = new AtomicInteger();
        TiledPredictor predictor = new TiledPredictor(MODEL.get(), tiles(64, 8));
        // Cancelled on another thread, as a Fiji command is.
        CompletableFuture<float[]> run = CompletableFuture.supplyAsync(() -> predictor.predict(image, w, h,
                (done, total, message) -> tilesDone.set(done), () -> tilesDone.get() >= 3), r -> new Thread(r).start());
        ExecutionException cancelled = assertThrows(ExecutionException.class, run::get);
        assertTrue(cancelled.getCause() instanceof CancellationException, cancelled.toString());
        assertEquals(before, manager.getManagedArrays().size(), "every tile's arrays were closed");
        // A forward pass that fails half-way (here: an input the network rejects) frees its arrays too.
        TiledPredictor.TileForward real = (pixels, tw, th) -> new TiledPredictor(MODEL.get(), tiles(64, 8))
                .predict(pixels, tw, th);
        TiledPredictor failing = new TiledPredictor(MODEL.get(), tiles(64, 8), (pixels, tw, th) -> {
            real.forward(pixels, tw, th);
            throw new IllegalStateException("injected failure after a forward pass");
        });
        assertThrows(IllegalStateException.class, () -> failing.predict(image, w, h));
        assertEquals(before, manager.getManagedArrays().size());
    }

    @Test
    void nativeMemoryDoesNotGrowWithTheNumberOfTiles() throws Exception {
        // Aligned to the network's multiple of 16, tiles of 64 with overlap 16 step by 48.
        int w = 64 + 48 * 5;
        int h = 64 + 48 * 9;
        float[] image = TestImages.blobs(w, h, 5);
        TiledPredictor predictor = new TiledPredictor(MODEL.get(), tiles(64, 16));
        assertEquals(60, predictor.plan(w, h).size());
        NDManager manager = MODEL.get().djlModel().getNDManager();
        int before = manager.getManagedArrays().size();
        List<Integer> during = new ArrayList<>();
        long[] rss = new long[2];
        // On a fresh thread, as from a Fiji command.
        CompletableFuture.runAsync(() -> {
            predictor.predict(image, w, h); // warm-up
            rss[0] = Rss.kib();
            predictor.predict(image, w, h,
                    (done, total, message) -> during.add(manager.getManagedArrays().size()), () -> false);
            rss[1] = Rss.kib();
        }, r -> new Thread(r).start()).get();
        assertEquals(60, during.size());
        for (int n : during) {
            assertEquals(before, n, "arrays attached to the model's manager after a tile");
        }
        if (rss[0] > 0) {
            assertTrue(rss[1] - rss[0] < 50 * 1024, "RSS grew by " + (rss[1] - rss[0]) + " KiB over 60 tiles");
        }
    }

    @Test
    void forwardPassesRecordNoAutogradGraph() throws Exception {
        AtomicReference<Object[]> seen = new AtomicReference<>();
        // A model as trained in this process: its parameters require gradients (loaded ones do not).
        try (Model trained = RandomModels.create(TestImages.CONFIG, TestImages.SEED, TestImages.GAMMA, 1)) {
            // A fresh thread, where PyTorch's grad mode is on, as on a Fiji command thread.
            Thread thread = new Thread(() -> {
                boolean defaultMode = JniUtils.isGradMode();
                try (NDManager m = trained.getNDManager().newSubManager()) {
                    NDArray inside;
                    try (NoGradScope scope = NoGradScope.enter(m)) {
                        inside = forward(trained, m).sum();
                    }
                    NDArray outside = forward(trained, m).sum();
                    // Back-propagation needs a recorded graph: it fails exactly when none was recorded.
                    seen.set(new Object[] {defaultMode, JniUtils.isGradMode(), backward(m, inside),
                        backward(m, outside)});
                }
            });
            thread.start();
            thread.join();
        }
        Object[] s = seen.get();
        assertEquals(true, s[0], "PyTorch's grad mode is on by default on a new thread (why the scope is needed)");
        assertEquals(true, s[1], "the scope restores the thread's grad mode");
        assertEquals(false, s[2], "no graph recorded inside the scope");
        assertEquals(true, s[3], "outside the scope a graph would be recorded");
    }

    private static NDArray forward(Model m, NDManager manager) {
        NDArray x = manager.randomUniform(0, 1, new Shape(1, 1, 32, 32));
        return m.getBlock().forward(new ParameterStore(manager, false), new NDList(x), false).singletonOrThrow();
    }

    /** Whether back-propagation from {@code y} works, i.e. whether its graph was recorded. */
    private static boolean backward(NDManager m, NDArray y) {
        try {
            JniUtils.backward((PtNDArray) y, (PtNDArray) m.ones(y.getShape()), false, false);
            return true;
        } catch (EngineException e) {
            return false;
        }
    }

    @Test
    void twoThreadsOnOneModelGiveTheSequentialResults() throws Exception {
        int w = 200;
        int h = 180;
        float[] a = TestImages.blobs(w, h, 11);
        float[] b = TestImages.blobs(w, h, 12);
        DeblurSettings settings = tiles(128, 16);
        float[] expectedA = new TiledPredictor(MODEL.get(), settings).predict(a, w, h);
        float[] expectedB = new TiledPredictor(MODEL.get(), settings).predict(b, w, h);
        TiledPredictor first = new TiledPredictor(MODEL.get(), settings);
        TiledPredictor second = new TiledPredictor(MODEL.get(), settings);
        for (int round = 0; round < 2; round++) {
            CompletableFuture<float[]> ra = CompletableFuture.supplyAsync(() -> first.predict(a, w, h),
                    r -> new Thread(r).start());
            CompletableFuture<float[]> rb = CompletableFuture.supplyAsync(() -> second.predict(b, w, h),
                    r -> new Thread(r).start());
            assertArrayEquals(expectedA, ra.get());
            assertArrayEquals(expectedB, rb.get());
        }
    }

    @Test
    void rejectsWrongSizes() {
        TiledPredictor predictor = new TiledPredictor(MODEL.get(), DeblurSettings.defaults());
        assertThrows(IllegalArgumentException.class, () -> predictor.predict(new float[10], 3, 4));
        assertThrows(IllegalArgumentException.class, () -> predictor.predict(new float[0], 0, 0));
    }

    @Test
    void tinyPlanesWork() {
        for (int[] size : new int[][] {{1, 1}, {1, 7}, {17, 3}}) {
            float[] out = new TiledPredictor(MODEL.get(), DeblurSettings.defaults())
                    .predict(TestImages.blobs(size[0], size[1], 2), size[0], size[1]);
            assertEquals(size[0] * size[1], out.length);
            for (float v : out) {
                assertTrue(Float.isFinite(v));
            }
        }
    }

    /** Resident set size from /proc (Linux); 0 where unavailable. */
    static final class Rss {
        static long kib() {
            try {
                for (String line : java.nio.file.Files.readAllLines(Path.of("/proc/self/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("[^0-9]", ""));
                    }
                }
            } catch (java.io.IOException | RuntimeException e) {
                return 0;
            }
            return 0;
        }
    }
}
