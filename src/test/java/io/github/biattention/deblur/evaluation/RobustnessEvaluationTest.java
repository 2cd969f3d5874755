package io.github.biattention.deblur.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.biattention.deblur.data.BlurKernels;
import io.github.biattention.deblur.data.Convolution;
import io.github.biattention.deblur.data.Kernel;
import io.github.biattention.deblur.data.Plane;
import io.github.biattention.deblur.data.ProceduralImages;
import io.github.biattention.deblur.evaluation.RobustnessEvaluation.Method;
import io.github.biattention.deblur.evaluation.RobustnessEvaluation.Score;
import io.github.biattention.deblur.inference.ProgressListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RobustnessEvaluationTest {
    private static final Method IDENTITY = (pixels, w, h) -> pixels;
    /** Blurs whatever it gets: harms sharp images, and blurred ones more. */
    private static final Method SMOOTHER = (pixels, w, h) -> {
        Kernel kernel = BlurKernels.gaussian(0.7);
        return Convolution.valid(pad(new Plane(w, h, pixels), (kernel.size() - 1) / 2), kernel).pixels();
    };

    @Test
    void identityGainsNothingAnywhereAndHarmsNothing() {
        RobustnessEvaluation evaluation = new RobustnessEvaluation(new ProceduralImages(), "procedural", 2, 32, 5);
        List<Score> scores = evaluation.run(List.of("identity"), List.of(IDENTITY), ProgressListener.NONE,
                () -> false);
        assertEquals(RobustnessGrid.BLURS.size() * RobustnessGrid.NOISE.size() * 2, scores.size());
        for (Score s : scores) {
            if (s.noHarm()) {
                assertEquals(Double.POSITIVE_INFINITY, s.outputPsnr);
            } else {
                assertEquals(0, s.gain(), 1e-9, s.csv());
            }
        }
        RobustnessReport.Summary summary = new RobustnessReport(scores).summary("procedural", "identity");
        assertEquals(0, summary.negativeCells);
        assertEquals(0, summary.moderateGain, 1e-9);
        assertEquals(1, summary.noHarmSsim, 1e-9);
    }

    @Test
    void aSmootherShowsHarmOnSharpImagesAndNegativeCells() {
        RobustnessEvaluation evaluation = new RobustnessEvaluation(new ProceduralImages(), "procedural", 2, 32, 5);
        List<Score> scores = evaluation.run(List.of("identity", "smoother"), List.of(IDENTITY, SMOOTHER),
                ProgressListener.NONE, () -> false);
        RobustnessReport report = new RobustnessReport(scores);
        RobustnessReport.Summary smoother = report.summary("procedural", "smoother");
        assertTrue(smoother.noHarmPsnr < 40, "a Gaussian of 0.7 px changes a sharp image: " + smoother.noHarmPsnr);
        assertTrue(smoother.noHarmWorstPsnr <= smoother.noHarmPsnr);
        assertTrue(smoother.negativeCells > 0);
        assertTrue(smoother.moderateGain < 0);
        // The same inputs for both methods: their input PSNRs agree image by image.
        for (int i = 0; i < scores.size(); i += 2) {
            assertEquals(scores.get(i).inputPsnr, scores.get(i + 1).inputPsnr);
        }
        String md = report.markdown();
        assertTrue(md.contains("#### procedural, smoother"));
        assertTrue(md.contains("| motion moderate |"));
        assertTrue(md.contains("**No harm**"));
        assertEquals(2, report.methods().size());
    }

    /**
     * The reference (Wiener given the true kernel, best ratio per image) is scored after the methods on the same
     * inputs; with the true kernel it gains on moderate blur, and given the sharp image (identity kernel) it leaves it.
     */
    @Test
    void theReferenceUsesTheTrueKernel() {
        RobustnessEvaluation evaluation = new RobustnessEvaluation(new ProceduralImages(), "procedural", 2, 48, 5,
                true);
        List<Score> scores = evaluation.run(List.of("identity"), List.of(IDENTITY), ProgressListener.NONE,
                () -> false);
        assertEquals(2 * evaluation.runsPerMethod(), scores.size());
        for (int i = 0; i < scores.size(); i += 2) {
            assertEquals("identity", scores.get(i).method);
            assertEquals(RobustnessEvaluation.REFERENCE, scores.get(i + 1).method);
            assertEquals(scores.get(i).inputPsnr, scores.get(i + 1).inputPsnr);
        }
        RobustnessReport.Summary reference = new RobustnessReport(scores).summary("procedural",
                RobustnessEvaluation.REFERENCE);
        assertTrue(reference.moderateGain > 1, "true-kernel Wiener on moderate blur: " + reference.moderateGain);
        assertTrue(reference.noHarmPsnr > 60, "Wiener with the identity kernel: " + reference.noHarmPsnr);
    }

    @Test
    void repeatsExactlyAndWritesOneCsvLinePerScore(@TempDir Path dir) throws Exception {
        List<Score> a = new RobustnessEvaluation(new ProceduralImages(), "p", 1, 24, 8).run(List.of("s"),
                List.of(SMOOTHER), ProgressListener.NONE, () -> false);
        List<Score> b = new RobustnessEvaluation(new ProceduralImages(), "p", 1, 24, 8).run(List.of("s"),
                List.of(SMOOTHER), ProgressListener.NONE, () -> false);
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).csv(), b.get(i).csv());
        }
        Path csv = dir.resolve("r.csv");
        new RobustnessReport(a).writeCsv(csv);
        List<String> lines = Files.readAllLines(csv);
        assertEquals(a.size() + 1, lines.size());
        assertEquals(RobustnessEvaluation.CSV_HEADER, lines.get(0));
        assertEquals(9, lines.get(1).split(",").length);
    }

    @Test
    void cancelsAndReportsProgress() {
        AtomicInteger calls = new AtomicInteger();
        RobustnessEvaluation evaluation = new RobustnessEvaluation(new ProceduralImages(), "p", 1, 24, 8);
        assertThrows(CancellationException.class, () -> evaluation.run(List.of("i"), List.of(IDENTITY),
                (done, total, message) -> calls.incrementAndGet(), () -> calls.get() >= 3));
        assertEquals(3, calls.get());
        assertThrows(IllegalArgumentException.class,
                () -> new RobustnessEvaluation(new ProceduralImages(), "p", 0, 24, 8));
    }

    private static Plane pad(Plane p, int m) {
        int w = p.width() + 2 * m;
        int h = p.height() + 2 * m;
        float[] out = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int sx = Math.min(p.width() - 1, Math.max(0, x - m));
                int sy = Math.min(p.height() - 1, Math.max(0, y - m));
                out[y * w + x] = p.get(sx, sy);
            }
        }
        return new Plane(w, h, out);
    }
}
