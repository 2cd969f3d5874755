package io.github.biattention.deblur.inference;

/**
 * Receives progress of a long computation. Called on the computing thread, after each unit of work; keep it quick
 * (post to the UI thread rather than painting here). An exception thrown by the listener aborts the computation.
 */
@FunctionalInterface
public interface ProgressListener {

    /** Ignores everything. */
    ProgressListener NONE = (done, total, message) -> { };

    /**
     * @param done    units finished, {@code 0 <= done <= total}
     * @param total   units in all, {@code > 0}, constant during one computation (unless a {@link #note} says the
     *                work starts again)
     * @param message a short human-readable status, for instance "Plane 2/5, tile 3/12, about 40 s left"; not null
     */
    void progress(int done, int total, String message);

    /**
     * A one-off event the user should hear about, for instance that the work goes on with smaller tiles after
     * running out of memory. Ignored unless overridden.
     */
    default void note(String message) {
    }
}
