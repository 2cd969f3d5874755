package io.github.biattention.deblur.inference;

import java.util.Locale;

/**
 * Tells running out of memory apart from other failures of a forward pass. PyTorch reports it as an engine error
 * whose message says so ("CUDA out of memory", "DefaultCPUAllocator: can't allocate memory", "std::bad_alloc"); the
 * JVM as {@link OutOfMemoryError}. Causes are searched too, since DJL may wrap the native error.
 */
final class OutOfMemory {

    private OutOfMemory() {}

    /** Whether {@code failure}, or one of its causes, is a lack of memory. */
    static boolean is(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                return true;
            }
            String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (message.contains("out of memory") || message.contains("can't allocate")
                    || message.contains("cannot allocate") || message.contains("bad_alloc")
                    || message.contains("failed to allocate") || message.contains("not enough memory")
                    || message.contains("tried to allocate")) {
                return true;
            }
        }
        return false;
    }

    /** The first line of the failure's message, for a note to the user. */
    static String describe(Throwable failure) {
        String message = failure.getMessage();
        if (message == null || message.isBlank()) {
            return failure.getClass().getSimpleName();
        }
        String first = message.strip().lines().findFirst().orElse(message);
        return first.length() > 120 ? first.substring(0, 117) + "..." : first;
    }
}
