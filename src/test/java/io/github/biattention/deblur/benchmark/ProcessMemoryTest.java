package io.github.biattention.deblur.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ProcessMemoryTest {

    @Test
    void residentMemoryIsReadOnLinux() {
        OptionalLong resident = ProcessMemory.resident();
        OptionalLong peak = ProcessMemory.peakResident(); // read second: the mark so far covers what was resident
        if (Files.isReadable(Path.of("/proc/self/status"))) {
            assertTrue(peak.isPresent() && peak.getAsLong() > 1 << 20, "" + peak);
            assertTrue(resident.getAsLong() <= peak.getAsLong(), resident + " > " + peak);
        } else {
            assertFalse(peak.isPresent());
        }
        List<String> status = List.of("Name:\tjava", "VmPeak:\t 999999 kB", "VmHWM:\t  123456 kB", "VmRSS:\t 100 kB");
        assertEquals(OptionalLong.of(123456L * 1024), ProcessMemory.parse(status, "VmHWM:"));
        assertEquals(OptionalLong.of(100L * 1024), ProcessMemory.parse(status, "VmRSS:"));
        assertEquals(OptionalLong.empty(), ProcessMemory.parse(List.of("Name:\tjava"), "VmHWM:"));
        assertEquals("n/a", ProcessMemory.mebibytes(OptionalLong.empty()));
        assertEquals("2 MiB", ProcessMemory.mebibytes(OptionalLong.of(2 << 20)));
    }
}
