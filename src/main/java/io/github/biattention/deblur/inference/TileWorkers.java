package io.github.biattention.deblur.inference;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.engine.PtEngine;
import ai.djl.pytorch.jni.JniUtils;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many tiles run through the network at once, and the threads that run them.
 *
 * <p>Why: on a CPU, one tile's forward pass keeps PyTorch's intra-op threads busy only part of the time. The
 * attention is a long chain of small operations, each a parallel region of its own, and between them the threads
 * wait; a 256x256 tile took 124 ms on one thread and 89 ms on two (2 cores). Two tiles at once, each on one thread,
 * keep both cores busy. So a CPU engine with {@code T} intra-op threads runs {@code min(T, }{@value #MAX_WORKERS}{@code )}
 * tiles at once, each with {@code T / workers} intra-op threads; a GPU runs one tile at a time.
 *
 * <p>Each worker's intra-op thread count is set on the worker thread itself (PyTorch keeps it per thread), so the
 * caller's threads keep theirs. Results do not depend on the scheduling: every tile of a run is computed with the
 * same thread count, and the caller blends the tiles in plan order.
 *
 * <p>The system property {@value #PROPERTY} sets the number of tiles at once (1: one tile at a time on the caller's
 * thread, as a GPU does).
 */
final class TileWorkers {

    /** System property: tiles at once on a CPU (default: see the class comment). */
    static final String PROPERTY = "biattention.tile.workers";

    /** Most tiles at once: more would multiply the memory of a forward pass for little gain. */
    static final int MAX_WORKERS = 4;

    private static final ExecutorService POOL = Executors.newCachedThreadPool(new DaemonThreads());

    // The intra-op thread count last set on this thread by a worker task (0: never).
    private static final ThreadLocal<Integer> INTRA_OP = ThreadLocal.withInitial(() -> 0);

    private final int workers;
    private final int intraOpThreads;

    private TileWorkers(int workers, int intraOpThreads) {
        this.workers = workers;
        this.intraOpThreads = intraOpThreads;
    }

    /** One tile at a time, on the caller's thread. */
    static TileWorkers single() {
        return new TileWorkers(1, 0);
    }

    /** The split for a model on {@code device}, decided on the calling thread (its intra-op thread count). */
    static TileWorkers forDevice(Device device) {
        if (device.isGpu() || !PtEngine.ENGINE_NAME.equals(Engine.getInstance().getEngineName())) {
            return single();
        }
        return split(JniUtils.getNumThreads(), Integer.getInteger(PROPERTY, 0));
    }

    /**
     * {@code engineThreads} intra-op threads shared by the workers; {@code requested} tiles at once (0: automatic).
     */
    static TileWorkers split(int engineThreads, int requested) {
        int threads = Math.max(1, engineThreads);
        int workers = requested > 0 ? Math.min(requested, threads) : Math.min(threads, MAX_WORKERS);
        if (workers <= 1) {
            return single();
        }
        return new TileWorkers(workers, Math.max(1, threads / workers));
    }

    /** Tiles at once. */
    int workers() {
        return workers;
    }

    /** Intra-op threads of each worker (0 for {@link #single()}: the caller's own). */
    int intraOpThreads() {
        return intraOpThreads;
    }

    ExecutorService pool() {
        return POOL;
    }

    /** Runs on a worker thread before each tile: gives the thread its share of intra-op threads. */
    void prepareWorkerThread() {
        if (intraOpThreads > 0 && INTRA_OP.get() != intraOpThreads) {
            JniUtils.setNumThreads(intraOpThreads);
            INTRA_OP.set(intraOpThreads);
        }
    }

    @Override
    public String toString() {
        return workers == 1 ? "1 tile at a time" : workers + " tiles at once, " + intraOpThreads + " thread(s) each";
    }

    /** Daemon threads, so an idle pool never keeps the JVM (Fiji, the command line) from exiting. */
    private static final class DaemonThreads implements ThreadFactory {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new Thread(task, "deblur-tile-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}
