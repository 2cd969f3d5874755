package io.github.biattention.deblur.benchmark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * The process's memory as the benchmarks report it: resident memory from Linux's /proc/self/status (VmRSS now and
 * VmHWM, its high-water mark: JVM heap, PyTorch's native memory and libraries together; unknown elsewhere) and the
 * JVM heap from its memory beans.
 */
public final class ProcessMemory {

    private static final Path PROC_STATUS = Path.of("/proc/self/status");

    private ProcessMemory() {}

    /** Resident memory now (VmRSS); empty where unknown. */
    public static OptionalLong resident() {
        return procStatus("VmRSS:");
    }

    /** Peak resident memory so far (VmHWM), which never goes down; empty where unknown. */
    public static OptionalLong peakResident() {
        return procStatus("VmHWM:");
    }

    /** JVM heap in use now. */
    public static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The sum of the heap pools' peak usage since the JVM started (or the last {@link #resetHeapPeak}). */
    public static long heapPeak() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** Starts the heap pools' peak usage again from their current usage. */
    public static void resetHeapPeak() {
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** "1234 MiB", or "n/a". */
    public static String mebibytes(OptionalLong bytes) {
        return bytes.isPresent() ? Math.round(bytes.getAsLong() / 1048576.0) + " MiB" : "n/a";
    }

    private static OptionalLong procStatus(String key) {
        if (!Files.isReadable(PROC_STATUS)) {
            return OptionalLong.empty();
        }
        try {
            return parse(Files.readAllLines(PROC_STATUS), key);
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** The {@code key} line of a /proc/PID/status listing ("VmHWM:   123456 kB") in bytes; empty when absent. */
    static OptionalLong parse(List<String> status, String key) {
        for (String line : status) {
            if (line.startsWith(key)) {
                String[] parts = line.substring(key.length()).trim().split("\\s+");
                long value = Long.parseLong(parts[0]);
                return OptionalLong.of(parts.length > 1 && parts[1].equalsIgnoreCase("kB") ? value * 1024 : value);
            }
        }
        return OptionalLong.empty();
    }
}
