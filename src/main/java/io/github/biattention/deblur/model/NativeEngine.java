package io.github.biattention.deblur.model;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * Settings that must reach PyTorch's native library before it loads.
 *
 * <p>OpenMP's default is to spin while waiting for work. When another program (or Fiji's own threads, or a second
 * deblur) holds a core, spinning threads steal time from the threads doing the work, and a 1024x1024 image took
 * 40 times longer here. Passive waiting costs nothing measurable on an idle machine, so it is set for this process
 * unless the user chose a policy. OpenMP reads the variable once, when the native library is loaded, so this runs
 * before DJL's engine starts.
 */
public final class NativeEngine {

    private static volatile boolean prepared;

    private NativeEngine() {}

    /** Sets OMP_WAIT_POLICY=PASSIVE in this process's environment, unless it is set; safe to call repeatedly. */
    public static synchronized void prepare() {
        if (prepared) {
            return;
        }
        prepared = true;
        if (System.getenv("OMP_WAIT_POLICY") != null || !Native.isSupportedNativeType(int.class)) {
            return;
        }
        try {
            CLibrary libc = Native.load(com.sun.jna.Platform.isWindows() ? "msvcrt" : "c", CLibrary.class);
            if (com.sun.jna.Platform.isWindows()) {
                libc._putenv("OMP_WAIT_POLICY=PASSIVE");
            } else {
                libc.setenv("OMP_WAIT_POLICY", "PASSIVE", 0);
            }
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            // Only a performance setting: without it everything still works.
        }
    }

    /** The two C library calls used. */
    interface CLibrary extends Library {
        int setenv(String name, String value, int overwrite);

        int _putenv(String assignment);
    }
}
