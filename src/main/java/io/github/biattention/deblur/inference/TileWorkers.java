package io.github.biattention.deblur.inference;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.engine.PtEngine;
import ai.djl.pytorch.jni.JniUtils;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
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
 * keep both cores busy. So a CPU engine with {@code T} intra-op threads runs
 * {@code min(T, }{@value #MAX_WORKERS}{@code )} tiles at once, each with {@code T / workers} intra-op threads; a GPU
 * runs one tile at a time.
 *
 * <p>Each worker's intra-op thread count is set on the worker thread itself (OpenMP and MKL keep it per thread), so
 * the caller's threads keep theirs. PyTorch also keeps the last count set in one global, from which every thread
 * that starts using it later takes its own: so the workers are fixed threads, given their count once when their pool
 * is made, after which the global is set back to the caller's count (without that, a second deblur on a new thread,
 * as Fiji runs each command, ran on one thread). Results do not depend on the scheduling: every tile of a run is
 * computed with the same thread count, and the caller blends the tiles in plan order.
 *
 * <p>The system property {@value #PROPERTY} sets the number of tiles at once (1: one tile at a time on the caller's
 * thread, as a GPU does).
 */
final class TileWorkers {

    /** System property: tiles at once on a CPU (default: see the class comment). */
    static final String PROPERTY = "biattention.tile.workers";

    /** Most tiles at once: more would multiply the memory of a forward pass for little gain. */
    static final int MAX_WORKERS = 4;

    // One pool of fixed threads per split, made on first use and kept (daemon threads, idle when not deblurring).
    private static final Map<String, ExecutorService> POOLS = new ConcurrentHashMap<>();

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

    /** The workers' threads, each already running with {@link #intraOpThreads()} intra-op threads. */
    ExecutorService pool() {
        return POOLS.computeIfAbsent(workers + "x" + intraOpThreads, key -> startPool());
    }

    private ExecutorService startPool() {
        ExecutorService pool = Executors.newFixedThreadPool(workers, new DaemonThreads());
        int callerThreads = JniUtils.getNumThreads();
        CountDownLatch ready = new CountDownLatch(workers);
        CountDownLatch release = new CountDownLatch(1);
        for (int i = 0; i < workers; i++) {
            // Each task holds its thread until all have started: every thread of the pool gets its count.
            pool.execute(() -> {
                // First make PyTorch initialise this thread (from the global), or it would do so at the first
                // parallel operation, from the global restored below, undoing the count set here.
                JniUtils.getNumThreads();
                JniUtils.setNumThreads(intraOpThreads);
                ready.countDown();
                awaitUninterruptibly(release::await);
            });
        }
        awaitUninterruptibly(ready::await);
        JniUtils.setNumThreads(callerThreads); // the global back to the caller's count (see the class comment)
        release.countDown();
        return pool;
    }

    /** A wait that can be interrupted. */
    @FunctionalInterface
    interface Wait {
        void await() throws InterruptedException;
    }

    /** Waits to the end even when interrupted, and keeps the interrupt for the caller to see afterwards. */
    static void awaitUninterruptibly(Wait wait) {
        boolean interrupted = false;
        while (true) {
            try {
                wait.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
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
