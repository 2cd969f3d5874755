package io.github.biattention.deblur.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.EngineException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Several tiles at once: same result as one at a time, failures and cancellation with no pass left running. */
class TileWorkersTest {

    @RegisterExtension
    static final OneThreadRandomModel MODEL = new OneThreadRandomModel();

    private static final DeblurSettings SETTINGS = DeblurSettings.builder().tileSize(128).overlap(32).build();

    @Test
    void theSplitFollowsTheEngineThreads() {
        assertEquals(1, TileWorkers.split(1, 0).workers());
        assertEquals(0, TileWorkers.split(1, 0).intraOpThreads(), "one tile at a time keeps the caller's threads");
        assertEquals(2, TileWorkers.split(2, 0).workers());
        assertEquals(1, TileWorkers.split(2, 0).intraOpThreads());
        assertEquals(TileWorkers.MAX_WORKERS, TileWorkers.split(16, 0).workers());
        assertEquals(16 / TileWorkers.MAX_WORKERS, TileWorkers.split(16, 0).intraOpThreads());
        assertEquals(1, TileWorkers.split(8, 1).workers(), "the property asks for one tile at a time");
        assertEquals(2, TileWorkers.split(2, 6).workers(), "never more tiles than threads");
        assertEquals(3, TileWorkers.split(7, 3).workers());
        assertEquals(2, TileWorkers.split(7, 3).intraOpThreads());
    }

    /** A deterministic stand-in for the network that is slow enough for tiles to overlap, and counts them. */
    private static final class SlowForward implements TiledPredictor.TileForward {
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        final AtomicInteger calls = new AtomicInteger();
        final Set<String> threadNames = ConcurrentHashMap.newKeySet();
        volatile int failAboveSide = Integer.MAX_VALUE;
        volatile RuntimeException failure;

        @Override
        public float[] forward(float[] pixels, int width, int height) {
            int now = running.incrementAndGet();
            mostAtOnce.accumulateAndGet(now, Math::max);
            calls.incrementAndGet();
            threadNames.add(Thread.currentThread().getName());
            try {
                Thread.sleep(15);
                if (Math.max(width, height) > failAboveSide) {
                    throw failure;
                }
                float[] out = new float[pixels.length];
                for (int i = 0; i < out.length; i++) {
                    out[i] = pixels[i] * 0.75f + (i % width) * 1e-3f + 0.1f;
                }
                return out;
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            } finally {
                running.decrementAndGet();
            }
        }
    }

    @Test
    void tilesAtOnceGiveTheResultOfOneAtATimeBitForBit() {
        int w = 500;
        int h = 380;
        float[] image = TestImages.blobs(w, h, 7);
        SlowForward sequential = new SlowForward();
        float[] expected = new TiledPredictor(MODEL.get(), SETTINGS, sequential, TileWorkers.single())
                .predict(image, w, h);
        SlowForward parallel = new SlowForward();
        List<Integer> progress = new ArrayList<>();
        float[] actual = new TiledPredictor(MODEL.get(), SETTINGS, parallel, TileWorkers.split(3, 3))
                .predict(image, w, h, (done, total, message) -> progress.add(done), () -> false);
        assertArrayEquals(expected, actual);
        assertEquals(sequential.calls.get(), parallel.calls.get());
        assertEquals(3, parallel.mostAtOnce.get(), "three tiles in the network at once");
        assertTrue(parallel.threadNames.stream().allMatch(n -> n.startsWith("deblur-tile-")), parallel.threadNames
                .toString());
        assertEquals(1, sequential.mostAtOnce.get());
        for (int i = 0; i < progress.size(); i++) {
            assertEquals(i + 1, progress.get(i), "progress is reported in plan order, tile by tile");
        }
    }

    @Test
    void theRealNetworkGivesTheSameOutputWithTilesAtOnce() {
        int w = 300;
        int h = 260;
        float[] image = TestImages.blobs(w, h, 3);
        float[] one = new TiledPredictor(MODEL.get(), SETTINGS, null, TileWorkers.single()).predict(image, w, h);
        float[] two = new TiledPredictor(MODEL.get(), SETTINGS, null, TileWorkers.split(2, 2)).predict(image, w, h);
        float worst = 0;
        for (int i = 0; i < one.length; i++) {
            worst = Math.max(worst, Math.abs(one[i] - two[i]));
        }
        assertTrue(worst <= 1e-6f, "largest difference " + worst);
    }

    @Test
    void runningOutOfMemoryInAWorkerStillRetriesWithSmallerTiles() {
        int w = 300;
        int h = 280;
        float[] image = TestImages.blobs(w, h, 4);
        SlowForward forward = new SlowForward();
        forward.failure = new EngineException("CUDA out of memory. Tried to allocate 2.00 GiB");
        forward.failAboveSide = 64;
        List<String> notes = new ArrayList<>();
        TiledPredictor predictor = new TiledPredictor(MODEL.get(), SETTINGS, forward, TileWorkers.split(2, 2));
        float[] out = predictor.predict(image, w, h, new ProgressListener() {
            @Override
            public void progress(int done, int total, String message) {}

            @Override
            public void note(String message) {
                assertEquals(0, forward.running.get(), "no tile of the failed size is still running");
                notes.add(message);
            }
        }, () -> false);
        assertEquals(64, predictor.tileSize());
        assertEquals(List.of("Out of memory at tile size 128 (CUDA out of memory. Tried to allocate 2.00 GiB),"
                + " retrying with 64"), notes);
        SlowForward plain = new SlowForward();
        float[] expected = new TiledPredictor(MODEL.get(), DeblurSettings.builder().tileSize(64).overlap(16).build(),
                plain, TileWorkers.single()).predict(image, w, h);
        assertArrayEquals(expected, out);
    }

    @Test
    void workersKeepTheirThreadCountAndNewThreadsGetTheCallersCount() throws Exception {
        ai.djl.pytorch.jni.JniUtils.setNumThreads(2); // this thread's count, and PyTorch's global one
        try {
            TileWorkers workers = TileWorkers.split(2, 2);
            float[] out = new TiledPredictor(MODEL.get(), SETTINGS, null, workers)
                    .predict(TestImages.blobs(300, 260, 5), 300, 260);
            assertEquals(300 * 260, out.length);
            for (int i = 0; i < 4; i++) {
                assertEquals(1, (int) workers.pool().submit(() -> ai.djl.pytorch.jni.JniUtils.getNumThreads()).get(),
                        "a worker keeps its share of the threads");
            }
            int[] seen = new int[1];
            Thread later = new Thread(() -> seen[0] = ai.djl.pytorch.jni.JniUtils.getNumThreads());
            later.start();
            later.join();
            assertEquals(2, seen[0], "a thread that starts later (a second Fiji command) gets the caller's count");
            assertEquals(2, ai.djl.pytorch.jni.JniUtils.getNumThreads());
        } finally {
            ai.djl.pytorch.jni.JniUtils.setNumThreads(1);
        }
    }

    @Test
    void anOtherFailureIsThrownAsItIsOnceNoTileRuns() {
        SlowForward forward = new SlowForward();
        IllegalStateException broken = new IllegalStateException("broken weights");
        forward.failure = broken;
        forward.failAboveSide = 0;
        TiledPredictor predictor = new TiledPredictor(MODEL.get(), SETTINGS, forward, TileWorkers.split(2, 2));
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> predictor.predict(TestImages.blobs(400, 300, 1), 400, 300));
        assertSame(broken, thrown);
        assertEquals(0, forward.running.get(), "the other worker's tile finished before the failure was thrown");
        assertEquals(128, predictor.tileSize(), "not a memory failure: no retry");
    }

    @Test
    void cancellingStopsWithinATileAndLeavesNoTileRunning() {
        SlowForward forward = new SlowForward();
        AtomicInteger blended = new AtomicInteger();
        TiledPredictor predictor = new TiledPredictor(MODEL.get(), SETTINGS, forward, TileWorkers.split(2, 2));
        assertThrows(CancellationException.class, () -> predictor.predict(TestImages.blobs(600, 600, 2), 600, 600,
                (done, total, message) -> blended.set(done), () -> blended.get() >= 3));
        assertEquals(3, blended.get());
        assertEquals(0, forward.running.get());
        assertTrue(forward.calls.get() <= 3 + 2, "at most the tiles in flight ran past the cancel: " + forward.calls);
        assertFalse(Thread.currentThread().isInterrupted());
    }
}
