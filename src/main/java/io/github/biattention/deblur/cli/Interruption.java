package io.github.biattention.deblur.cli;

import io.github.biattention.deblur.files.AtomicFiles;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * Ctrl-C (SIGINT/SIGTERM) as a cancel request: the work sees {@link #requested()} turn true, stops at its next
 * check (a tile, a training step) and cleans up; the shutdown hook waits for that, at most {@link #GRACE_SECONDS}
 * so that the process ends within 5 seconds wherever it is (reading a file, loading a model, a long tile), and then
 * deletes any temporary file still being written ({@link AtomicFiles#deletePending}): nothing partial is left.
 */
final class Interruption implements AutoCloseable {

    static final long GRACE_SECONDS = 4;

    private final AtomicBoolean requested = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    Interruption() {
        hook = new Thread(() -> {
            requested.set(true);
            try {
                finished.await(GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                AtomicFiles.deletePending();
            }
        }, "bi-attention-deblur shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** For the work to poll. */
    BooleanSupplier requested() {
        return requested::get;
    }

    /** The work has ended (normally or not): the JVM may exit. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // Already shutting down: the hook is running and now returns.
        }
    }
}
