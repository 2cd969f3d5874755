package io.github.biattention.deblur.model;

import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * Settings of the native side of the process: for PyTorch's library before it loads, and for the C library's
 * memory allocator.
 *
 * <p>OpenMP's default is to spin while waiting for work. When another program (or Fiji's own threads, or a second
 * deblur) holds a core, spinning threads steal time from the threads doing the work, and a 1024x1024 image took
 * 40 times longer here. Passive waiting costs nothing measurable on an idle machine, so it is set for this process
 * unless the user chose a policy. OpenMP reads the variable once, when the native library is loaded, so this runs
 * before DJL's engine starts.
 *
 * <p>The allocator: every PyTorch operation returns a new tensor, and a network's forward pass allocates and frees
 * hundreds of blocks of one to a few MiB. glibc's defaults serve such blocks with fresh pages (mmap, or a heap it
 * trims back to the system as soon as 128 KiB to a few MiB lie free at its top), so each block is paid for again in
 * page faults: on 2 cores a 2048x2048 deblur took 20 to 23 s, 1.1 to 1.6 million page faults and 9 to 12 s of
 * kernel time. With blocks up to 32 MiB taken from the heap and up to {@link #DEFAULT_TRIM_THRESHOLD} of free memory
 * kept for reuse, the same run took 16.5 s and 0.2 million page faults (docs/RESULTS.md, CPU speed). The memory kept
 * is handed back by {@link #releaseFreeMemory()} when a model is closed. Other C libraries (macOS, Windows, musl) are
 * left alone. The system property {@value #TRIM_PROPERTY} sets the threshold in bytes; 0 leaves glibc's defaults.
 */
public final class NativeEngine {

    private static volatile boolean prepared;

    /** System property: free memory (bytes) glibc keeps at the top of its heaps; 0 leaves glibc's defaults. */
    public static final String TRIM_PROPERTY = "biattention.malloc.trim";

    /** Default of {@value #TRIM_PROPERTY}: 64 MiB per arena (a forward pass's working set at the default tile). */
    public static final long DEFAULT_TRIM_THRESHOLD = 64L << 20;

    /** Largest block glibc serves from a heap rather than its own mapping (its maximum on 64-bit systems). */
    static final int MMAP_THRESHOLD = 32 << 20;

    private static final int M_TRIM_THRESHOLD = -1;
    private static final int M_MMAP_THRESHOLD = -3;

    // glibc, once its allocator was tuned; null otherwise (nothing kept to hand back).
    private static volatile Glibc tunedGlibc;

    private NativeEngine() {}

    /** Sets OMP_WAIT_POLICY=PASSIVE in this process's environment, unless it is set; safe to call repeatedly. */
    public static synchronized void prepare() {
        if (prepared) {
            return;
        }
        prepared = true;
        tuneAllocator();
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

    /**
     * Keeps freed native memory for reuse (glibc only; see the class comment). Returns whether glibc accepted the
     * settings.
     */
    static boolean tuneAllocator() {
        long trim = Long.getLong(TRIM_PROPERTY, DEFAULT_TRIM_THRESHOLD);
        if (trim <= 0 || !com.sun.jna.Platform.isLinux()) {
            return false;
        }
        try {
            Glibc glibc = Native.load("c", Glibc.class);
            glibc.gnu_get_libc_version(); // absent from other C libraries: UnsatisfiedLinkError
            boolean ok = glibc.mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD) == 1
                    && glibc.mallopt(M_TRIM_THRESHOLD, (int) Math.min(Integer.MAX_VALUE, trim)) == 1;
            tunedGlibc = ok ? glibc : null;
            return ok;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return false; // only a performance setting
        }
    }

    /** Whether the allocator keeps freed memory for reuse in this process (glibc, and the property not 0). */
    public static boolean allocatorTuned() {
        return tunedGlibc != null;
    }

    /**
     * Hands the free memory that the tuned allocator keeps back to the system ({@code malloc_trim}); a no-op where
     * it was not tuned. Called when a model is closed, so a finished run does not hold memory it no longer uses.
     */
    public static void releaseFreeMemory() {
        Glibc glibc = tunedGlibc;
        if (glibc == null) {
            return;
        }
        try {
            glibc.malloc_trim(0);
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            // nothing kept that the system cannot take back later
        }
    }

    /** The two C library calls used. */
    interface CLibrary extends Library {
        int setenv(String name, String value, int overwrite);

        int _putenv(String assignment);
    }

    /** glibc's allocator settings. */
    interface Glibc extends Library {
        String gnu_get_libc_version();

        int mallopt(int parameter, int value);

        int malloc_trim(long pad);
    }
}
