package io.github.biattention.deblur.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.EngineException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Device memory failures injected through the forward seam: the predictor retries with smaller tiles. */
class OutOfMemoryRetryTest {

    @RegisterExtension
    static final OneThreadRandomModel MODEL = new OneThreadRandomModel();

    private static final DeblurSettings SETTINGS = DeblurSettings.builder().tileSize(256).overlap(32).build();

    /** A forward pass that fails like the device while tiles are larger than {@code maxSide}, then runs for real. */
    private static TiledPredictor.TileForward failingAbove(int maxSide, RuntimeException failure,
            AtomicInteger failures) {
        TiledPredictor real = new TiledPredictor(MODEL.get(), SETTINGS);
        return (pixels, w, h) -> {
            if (Math.max(w, h) > maxSide) {
                failures.incrementAndGet();
                throw failure;
            }
            return real.predict(pixels, w, h); // a plane of one tile: the real network
        };
    }

    private static final class Notes implements ProgressListener {
        final List<String> notes = new ArrayList<>();

        @Override
        public void progress(int done, int total, String message) {}

        @Override
        public void note(String message) {
            notes.add(message);
        }
    }

    @Test
    void cudaOutOfMemoryHalvesTheTilesAndSaysSo() {
        int w = 300;
        int h = 280;
        float[] image = TestImages.blobs(w, h, 4);
        AtomicInteger failures = new AtomicInteger();
        TiledPredictor predictor = new TiledPredictor(MODEL.get(), SETTINGS, failingAbove(128,
                new EngineException("CUDA out of memory. Tried to allocate 2.00 GiB"), failures));
        Notes notes = new Notes();
        float[] out = predictor.predict(image, w, h, notes, () -> false);
        assertEquals(List.of("Out of memory at tile size 256 (CUDA out of memory. Tried to allocate 2.00 GiB),"
                + " retrying with 128"), notes.notes);
        assertEquals(1, failures.get(), "the first tile failed, then the plane ran at 128");
        assertEquals(128, predictor.tileSize(), "kept for the next planes");
        // The same as asking for tiles of 128 with the overlap kept at 32 (at most a quarter of 128).
        float[] expected = new TiledPredictor(MODEL.get(), DeblurSettings.builder().tileSize(128).overlap(32).build())
                .predict(image, w, h);
        assertArrayEquals(expected, out);
        // The next plane starts at 128: no failure, no note.
        predictor.predict(image, w, h, notes, () -> false);
        assertEquals(1, failures.get());
        assertEquals(1, notes.notes.size());
    }

    @Test
    void nativeAllocationFailuresAndJavaHeapExhaustionAreRetriedDownToTheMinimum() {
        int w = 200;
        int h = 200;
        float[] image = TestImages.blobs(w, h, 5);
        for (Throwable failure : List.of(new EngineException("[enforce fail at alloc_cpu.cpp:117] data."
                + " DefaultCPUAllocator: not enough memory: you tried to allocate 1073741824 bytes."),
                new EngineException("wrapped", new OutOfMemoryError("Java heap space")))) {
            AtomicInteger failures = new AtomicInteger();
            TiledPredictor predictor = new TiledPredictor(MODEL.get(), SETTINGS,
                    failingAbove(64, (RuntimeException) failure, failures));
            Notes notes = new Notes();
            predictor.predict(image, w, h, notes, () -> false);
            assertEquals(2, notes.notes.size(), "256 -> 128 -> 64: " + notes.notes);
            assertTrue(notes.notes.get(1).endsWith("retrying with 64"), notes.notes.get(1));
            assertEquals(64, predictor.tileSize());
        }
    }

    @Test
    void belowTheMinimumOrForOtherErrorsTheFailureIsThrown() {
        float[] image = TestImages.blobs(100, 100, 6);
        EngineException oom = new EngineException("CUDA out of memory");
        TiledPredictor always = new TiledPredictor(MODEL.get(), SETTINGS, (p, w, h) -> {
            throw oom;
        });
        assertSame(oom, assertThrows(EngineException.class, () -> always.predict(image, 100, 100)));
        assertEquals(TiledPredictor.MIN_RETRY_TILE_SIZE, always.tileSize(), "tried down to the minimum");

        EngineException other = new EngineException("Expected 4-dimensional input");
        AtomicInteger calls = new AtomicInteger();
        TiledPredictor broken = new TiledPredictor(MODEL.get(), SETTINGS, (p, w, h) -> {
            calls.incrementAndGet();
            throw other;
        });
        assertSame(other, assertThrows(EngineException.class, () -> broken.predict(image, 100, 100)));
        assertEquals(1, calls.get(), "no retry for an error that is not about memory");
    }

    @Test
    void theEngineReportsTheRetryOnItsProgressListener() {
        // Through DeblurEngine: the note reaches the caller's listener and the bar still ends at its total.
        float[] image = TestImages.blobs(300, 300, 7);
        List<String> notes = new ArrayList<>();
        int[] last = new int[2];
        ProgressListener listener = new ProgressListener() {
            @Override
            public void progress(int done, int total, String message) {
                last[0] = done;
                last[1] = total;
            }

            @Override
            public void note(String message) {
                notes.add(message);
            }
        };
        assertTrue(OutOfMemory.is(new RuntimeException("x", new OutOfMemoryError())));
        assertTrue(!OutOfMemory.is(new IllegalArgumentException("tile too small")));
        net.imglib2.img.Img<net.imglib2.type.numeric.real.FloatType> img = Planes.toImg(image, 300, 300);
        DeblurEngine.deblur(img, -1, MODEL.get(), SETTINGS, listener, () -> false);
        assertEquals(last[1], last[0], "progress ends at its total");
        assertEquals(List.of(), notes, "no failure, no note");
    }
}
