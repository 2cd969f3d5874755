package io.github.biattention.deblur.files;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How many pixels an image file may declare before it is read: what this Java's heap can hold, so a file of a few
 * hundred bytes that claims 100000x100000 pixels is refused with a message instead of allocating gigabytes first.
 */
public final class ImageBudget {

    /**
     * Bytes of heap one sample needs while it is deblurred: the image as read (up to 4 bytes), the 32-bit result,
     * and a margin for the working copies of one tile or plane.
     */
    static final int BYTES_PER_SAMPLE = 10;

    private final long maxBytes;

    private ImageBudget(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** The budget of this Java: its largest heap ({@code -Xmx}). */
    public static ImageBudget ofHeap() {
        return new ImageBudget(Runtime.getRuntime().maxMemory());
    }

    /** A budget of {@code bytes} of heap (tests, callers that hold other data). */
    public static ImageBudget ofBytes(long bytes) {
        return new ImageBudget(bytes);
    }

    /** The most samples (pixels times channels times planes) an image may have. */
    public long maxSamples() {
        return maxBytes / BYTES_PER_SAMPLE;
    }

    /**
     * @param declared what the file declares, e.g. "40000x40000 pixels"
     * @throws IOException naming the file, the size and what to do when {@code samples} is over the budget
     */
    public void check(Path file, long samples, String declared) throws IOException {
        if (samples > maxSamples()) {
            throw new IOException(String.format(Locale.ROOT, "%s declares %s (%s to deblur), more than this Java's"
                    + " memory (%s) holds: give Java more memory (java -Xmx, or Fiji's Edit > Options > Memory &"
                    + " Threads), or split the image into smaller files", file, declared,
                    gigabytes(TiffHeaders.saturatedMultiply(samples, BYTES_PER_SAMPLE)), gigabytes(maxBytes)));
        }
    }

    static String gigabytes(long bytes) {
        return bytes == Long.MAX_VALUE ? "more than 9 EB" : String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
    }
}
