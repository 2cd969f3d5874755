package io.github.biattention.deblur.testing;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Makes the JVM free the direct buffers nothing references any more, and fills the freed memory with a marker: an
 * array whose native memory was one of those buffers then reads the marker instead of its value.
 */
public final class FreedBuffers {

    /** The float written into every reused small buffer. */
    public static final float MARKER = 1234f;

    private FreedBuffers() {}

    public static void reuse() {
        for (int round = 0; round < 3; round++) {
            System.gc();
            ByteBuffer[] buffers = new ByteBuffer[5000];
            for (int i = 0; i < buffers.length; i++) {
                buffers[i] = ByteBuffer.allocateDirect(8).order(ByteOrder.nativeOrder());
                buffers[i].putFloat(0, MARKER).putFloat(4, MARKER);
            }
            try {
                Thread.sleep(50); // the cleaner thread frees unreachable buffers
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
