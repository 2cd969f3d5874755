package io.github.biattention.deblur.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.github.biattention.deblur.model.DeblurModel;
import io.github.biattention.deblur.network.NetworkConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SpeedBenchmark} at toy sizes: the readers and the bookkeeping, not the speed. */
class SpeedBenchmarkTest {

    @TempDir
    Path dir;

    @Test
    void convolutionThroughputIsPositive() {
        double gflops = SpeedBenchmark.convolutionGflops(Device.cpu(), 8, 32, 2);
        assertTrue(gflops > 0 && Double.isFinite(gflops), "" + gflops);
    }

    @Test
    void peakResidentMemoryIsReadOnLinux() {
        OptionalLong peak = SpeedBenchmark.peakResidentBytes();
        if (Files.isReadable(Path.of("/proc/self/status"))) {
            assertTrue(peak.isPresent() && peak.getAsLong() > 1 << 20, "" + peak);
        } else {
            assertFalse(peak.isPresent());
        }
        assertEquals(OptionalLong.of(123456L * 1024), SpeedBenchmark.parseVmHwm(
                List.of("Name:\tjava", "VmPeak:\t 999999 kB", "VmHWM:\t  123456 kB", "VmRSS:\t 100 kB")));
        assertEquals(OptionalLong.empty(), SpeedBenchmark.parseVmHwm(List.of("Name:\tjava")));
        assertEquals("n/a", SpeedBenchmark.mebibytes(OptionalLong.empty()));
        assertEquals("2 MiB", SpeedBenchmark.mebibytes(OptionalLong.of(2 << 20)));
    }

    @Test
    void networkFlopsCountTilesWithTheirOverlapAndPadding() {
        NetworkConfig config = TestImages.CONFIG;
        Tile whole = new Tile(0, 0, 64, 64, 64, 64, 0);
        assertEquals(config.flopsPerPixel(64) * 64 * 64, SpeedBenchmark.networkFlops(config, List.of(whole)), 1);
        Tile odd = new Tile(0, 0, 60, 40, 60, 40, 0); // padded to 64 x 48 (multiples of 16)
        assertEquals(config.flopsPerPixel(56) * 64 * 48, SpeedBenchmark.networkFlops(config, List.of(odd)), 1);
    }

    @Test
    void rowsComeInIncreasingSizeWithTheirTilesAndMemory() throws Exception {
        int threads = TestImages.useOneThread();
        try (DeblurModel model = TestImages.loadRandomModel(dir)) {
            DeblurSettings settings = DeblurSettings.builder().tileSize(32).overlap(8).build();
            List<SpeedBenchmark.Row> told = new ArrayList<>();
            List<SpeedBenchmark.Row> rows = SpeedBenchmark.run(model, settings, new int[] {64, 32}, 2, 60,
                    told::add);
            assertEquals(told, rows);
            assertEquals(32, rows.get(0).size);
            assertEquals(64, rows.get(1).size);
            assertEquals(1, rows.get(0).tiles);
            assertTrue(rows.get(1).tiles > 1);
            for (SpeedBenchmark.Row r : rows) {
                assertEquals(2, r.runs);
                assertTrue(r.seconds > 0 && r.secondsPerMegapixel() > 0 && r.gflops() > 0);
                assertEquals(32, r.tileSize);
            }
            String table = SpeedBenchmark.markdown(rows, 10);
            assertTrue(table.contains("| 64² | 32, overlap 8 ("), table);
        } finally {
            TestImages.restoreThreads(threads);
        }
        assertTrue(SpeedBenchmark.engineDescription().startsWith("DJL "));
    }
}
