package io.github.biattention.deblur.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.github.biattention.deblur.data.BlurKind;
import io.github.biattention.deblur.data.DegradationSettings;
import io.github.biattention.deblur.data.ProceduralImages;
import io.github.biattention.deblur.evaluation.SyntheticEvaluation;
import io.github.biattention.deblur.inference.DeblurSettings;
import io.github.biattention.deblur.model.DeblurModel;
import io.github.biattention.deblur.model.ModelFiles;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link QualityBenchmark} on a few tiny images. */
class QualityBenchmarkTest {

    private static final DeblurSettings SMALL_TILES = DeblurSettings.builder().tileSize(64).overlap(16).build();

    @Test
    void everyMethodGetsFiniteScoresPerKindAndOverall() throws Exception {
        QualityBenchmark.Settings settings = QualityBenchmark.Settings.builder()
                .degradation(SyntheticEvaluation.mildSettings(64)).perKind(1).tuning(1, 7).rlIterations(5, 10)
                .wienerNsr(1e-3, 1e-2).build();
        QualityBenchmark.Result result;
        try (DeblurModel model = ModelFiles.load(ModelFiles.DEFAULT_MODEL, Device.cpu())) {
            result = QualityBenchmark.run(new ProceduralImages(), settings, Map.of("general", model), SMALL_TILES,
                    line -> { });
        }
        assertEquals(List.of("blurred", "RL", "Wiener", "general"), result.methods());
        for (String method : result.methods()) {
            for (BlurKind kind : BlurKind.values()) {
                QualityBenchmark.Score s = result.score(method, kind);
                assertEquals(1, s.images);
                assertTrue(Double.isFinite(s.psnr) && s.psnr > 5, method + " " + kind + ": " + s.psnr);
                assertTrue(s.ssim > 0 && s.ssim <= 1, method + " " + kind + ": " + s.ssim);
            }
            assertEquals(3, result.overall(method).images);
            assertTrue(Double.isFinite(result.overall(method).seconds));
        }
        assertEquals(0, result.overall("blurred").seconds);
        assertEquals(3, result.examples().size());
        assertEquals(List.of("sharp", "blurred", "RL", "Wiener", "general"),
                List.copyOf(result.examples().get(0).images().keySet()));
        assertTrue(List.of(5, 10).contains(result.rlIterations(BlurKind.MOTION)));
        String table = result.table("procedural images").markdown();
        assertTrue(table.startsWith("1 crop of 64x64 per blur kind from procedural images,"), table);
        assertTrue(table.contains("\n\n| method | motion | defocus | gaussian | all | s / image |\n"
                + "|---|---|---|---|---|---:|\n"), table);
        assertTrue(table.contains("| RL (true PSF) |") && table.contains("| general |"), table);
        assertTrue(table.contains("among 5/10 iterations and NSR 0.001/0.01"), table);
    }

    /** The classical methods, given the true PSF of a noise-free blur, must undo part of it. */
    @Test
    void withTheTruePsfAndNoNoiseRichardsonLucyAndWienerBeatTheBlurredImage() {
        DegradationSettings clean = DegradationSettings.builder().patchSize(64).noNoise().jitterProbability(0)
                .build();
        QualityBenchmark.Settings settings = QualityBenchmark.Settings.builder().degradation(clean).perKind(2)
                .tuning(0, 0).rlIterations(30).wienerNsr(1e-3).build();
        QualityBenchmark.Result result = QualityBenchmark.run(new ProceduralImages(), settings, Map.of(),
                SMALL_TILES, line -> { });
        double blurred = result.score("blurred", BlurKind.GAUSSIAN).psnr;
        String table = result.table("procedural images").markdown();
        assertTrue(result.score("RL", BlurKind.GAUSSIAN).psnr > blurred + 1, table);
        assertTrue(result.score("Wiener", BlurKind.GAUSSIAN).psnr > blurred + 1, table);
        assertEquals(30, result.rlIterations(BlurKind.GAUSSIAN));
        assertTrue(result.parameters().contains("not tuned"), result.parameters());
        // Deterministic: the same settings give the same scores.
        QualityBenchmark.Result again = QualityBenchmark.run(new ProceduralImages(), settings, Map.of(),
                SMALL_TILES, line -> { });
        assertEquals(result.score("RL", BlurKind.MOTION).psnr, again.score("RL", BlurKind.MOTION).psnr);
    }

    @Test
    void reservedNamesAndBadSettingsAreRejected() {
        QualityBenchmark.Settings settings = QualityBenchmark.Settings.builder()
                .degradation(SyntheticEvaluation.mildSettings(32)).perKind(1).tuning(0, 0).build();
        assertThrows(IllegalArgumentException.class, () -> QualityBenchmark.run(new ProceduralImages(), settings,
                Collections.singletonMap("RL", (DeblurModel) null), SMALL_TILES, line -> { }));
        assertThrows(IllegalArgumentException.class, () -> QualityBenchmark.Settings.builder().perKind(0).build());
        assertThrows(IllegalArgumentException.class, () -> QualityBenchmark.Settings.builder().rlIterations()
                .build());
    }

    @Test
    void parametersAreWrittenShort() {
        assertEquals("0.003", QualityBenchmark.number(3e-3));
        assertEquals("0.1", QualityBenchmark.number(0.1));
        assertEquals("1e-4", QualityBenchmark.number(1e-4));
        assertEquals("3e-4", QualityBenchmark.number(3e-4));
        assertEquals("20", QualityBenchmark.number(20));
    }
}
