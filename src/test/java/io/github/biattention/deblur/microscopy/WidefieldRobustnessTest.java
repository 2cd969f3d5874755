package io.github.biattention.deblur.microscopy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.biattention.deblur.data.UnseenSpecimens;
import io.github.biattention.deblur.evaluation.RobustnessEvaluation.Method;
import io.github.biattention.deblur.evaluation.RobustnessEvaluation.Score;
import io.github.biattention.deblur.evaluation.RobustnessReport;
import io.github.biattention.deblur.inference.ProgressListener;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class WidefieldRobustnessTest {

    @Test
    void identityGainsNothingAndRlHelpsOnDefocusedBrightImages() {
        Method identity = (pixels, w, h) -> pixels;
        WidefieldRobustness grid = new WidefieldRobustness(new UnseenSpecimens(), 1, 48, 3);
        List<Score> scores = grid.run("specimens", List.of("identity"), List.of(identity), ProgressListener.NONE,
                () -> false);
        assertEquals(2 * grid.runsPerMethod(), scores.size(), "the method and RL");
        for (Score s : scores) {
            if (s.method.equals("identity")) {
                assertEquals(0, s.gain(), 1e-9, s.csv());
            }
        }
        // RL with the true PSF sharpens a defocused image at many photons.
        List<Score> rl = scores.stream().filter(s -> s.method.equals(WidefieldRobustness.RL)
                && s.blur.startsWith("in focus, PSF ~2.5") && s.noise.equals("20000 ph")).collect(Collectors.toList());
        assertEquals(1, rl.size());
        assertTrue(rl.get(0).gain() > 1, rl.get(0).csv());
        RobustnessReport report = new RobustnessReport(scores);
        assertEquals(20, report.cells("specimens", "identity").size());
        assertTrue(report.markdown().contains("| 50 ph | 200 ph | 1000 ph | 5000 ph | 20000 ph |"));
        assertTrue(!report.markdown().contains("NaN"), report.markdown());
    }
}
