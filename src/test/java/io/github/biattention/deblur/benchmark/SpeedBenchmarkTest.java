package io.github.biattention.deblur.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import io.github.biattention.deblur.inference.DeblurSettings;
import io.github.biattention.deblur.inference.RandomModels;
import io.github.biattention.deblur.inference.Tile;
import io.github.biattention.deblur.model.DeblurModel;
import io.github.biattention.deblur.model.ModelFiles;
import io.github.biattention.deblur.network.NetworkConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SpeedBenchmark} and its {@link SpeedReport} table at toy sizes: the bookkeeping, not the speed. */
class SpeedBenchmarkTest {

    private static final NetworkConfig CONFIG = NetworkConfig.biAttention(1, 8, 1);

    @TempDir
    Path dir;

    @Test
    void convolutionThroughputIsPositive() {
        double gflops = SpeedBenchmark.convolutionGflops(Device.cpu(), 8, 32, 2);
        assertTrue(gflops > 0 && Double.isFinite(gflops), "" + gflops);
    }

    @Test
    void networkFlopsCountTilesWithTheirOverlapAndPadding() {
        Tile whole = new Tile(0, 0, 64, 64, 64, 64, 0);
        assertEquals(CONFIG.flopsPerPixel(64) * 64 * 64, SpeedBenchmark.networkFlops(CONFIG, List.of(whole)), 1);
        Tile odd = new Tile(0, 0, 60, 40, 60, 40, 0); // padded to 64 x 48 (multiples of 16)
        assertEquals(CONFIG.flopsPerPixel(56) * 64 * 48, SpeedBenchmark.networkFlops(CONFIG, List.of(odd)), 1);
    }

    @Test
    void rowsComeInIncreasingSizeWithTheirTilesAndMemory() throws Exception {
        Engine.getInstance(); // loads the native library
        // One thread: the test machine's cores are shared, and the results do not depend on the count.
        int threads = JniUtils.getNumThreads();
        JniUtils.setNumThreads(1);
        Path file = dir.resolve("random.zip");
        try (Model m = RandomModels.create(CONFIG, 42, 0.5f, 1e-4f)) {
            RandomModels.save(m, "random", file);
        }
        try (DeblurModel model = ModelFiles.load(file.toString(), Device.cpu())) {
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
            String table = SpeedReport.table("Model random:", rows, 10).markdown();
            assertTrue(table.startsWith("Model random:\n\n| image | tile (tiles) | runs | best s |"), table);
            assertTrue(table.contains("\n| 64² | 32, overlap 8 ("), table);
        } finally {
            JniUtils.setNumThreads(threads);
        }
        assertTrue(SpeedBenchmark.engineDescription().startsWith("DJL "));
    }
}
