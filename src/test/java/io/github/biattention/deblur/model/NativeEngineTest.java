package io.github.biattention.deblur.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Platform;
import org.junit.jupiter.api.Test;

/** The allocator settings reach glibc where there is one, and a property turns them off. */
class NativeEngineTest {

    @Test
    void glibcAcceptsTheAllocatorSettingsAndZeroLeavesItsDefaults() {
        String before = System.getProperty(NativeEngine.TRIM_PROPERTY);
        try {
            System.setProperty(NativeEngine.TRIM_PROPERTY, "0");
            assertFalse(NativeEngine.tuneAllocator(), "0 leaves glibc's defaults");
            System.clearProperty(NativeEngine.TRIM_PROPERTY);
            boolean glibc = Platform.isLinux() && !Platform.isAndroid() && isGlibc();
            assertEquals(glibc, NativeEngine.tuneAllocator(), "mallopt accepted on glibc, skipped elsewhere");
            assertEquals(glibc, NativeEngine.allocatorTuned());
            NativeEngine.releaseFreeMemory(); // malloc_trim: must be callable once tuned
            System.setProperty(NativeEngine.TRIM_PROPERTY, "not a number");
            assertTrue(NativeEngine.tuneAllocator() == glibc, "an unreadable value falls back to the default");
        } finally {
            if (before == null) {
                System.clearProperty(NativeEngine.TRIM_PROPERTY);
            } else {
                System.setProperty(NativeEngine.TRIM_PROPERTY, before);
            }
        }
    }

    private static boolean isGlibc() {
        try {
            com.sun.jna.NativeLibrary.getInstance("c").getFunction("gnu_get_libc_version");
            return true;
        } catch (UnsatisfiedLinkError e) {
            return false;
        }
    }
}
