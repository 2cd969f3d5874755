package io.github.biattention.deblur.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.process.ColorProcessor;
import io.github.biattention.deblur.network.NetworkConfig;
import io.github.biattention.deblur.training.DeblurTrainer;
import io.github.biattention.deblur.training.TrainingListener;
import io.github.biattention.deblur.training.TrainingSettings;
import io.github.biattention.deblur.training.ValidationReport;
import java.awt.Color;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The live plots of Train Deblurring Model, fed by a real (tiny) run and rendered without a display. */
class TrainingPlotTest {

    @Test
    void plotsTheLossAndBothPsnrCurvesOfARun(@TempDir Path dir) throws Exception {
        TrainingPlot plot = new TrainingPlot(false);
        assertNull(plot.lossPlot(), "no loss before the first validation");
        TrainingSettings settings = TrainingSettings.builder()
                .optNetwork(NetworkConfig.biAttention(1, 8, 0)).optModelName("plot").optSteps(12).optBatchSize(2)
                .optPatchSize(32).optWarmUpSteps(2).optLearningRate(2e-3f).optValidateEvery(4)
                .optValidationCount(2).optValidationPatchSize(32).optSeed(3)
                .setCheckpointDir(dir.resolve("ck")).setOutput(dir.resolve("plot.zip")).build();
        new DeblurTrainer(settings, new TrainingListener() {
            @Override
            public void step(StepReport report) {
                plot.step(report);
            }

            @Override
            public void validated(ValidationReport report, boolean improved) {
                plot.validated(report);
            }
        }).run(false, () -> false);

        ColorProcessor psnr = rendered(plot.psnrPlot().getImagePlus());
        ColorProcessor loss = rendered(plot.lossPlot().getImagePlus());
        // Validations at steps 0, 4, 8 and 12 (the loss from step 4 on): each curve is a line in its colour across
        // the frame, not just markers (a line in another colour would leave a few marker-wide columns).
        assertTrue(columnsWith(psnr, Color.RED) > psnr.getWidth() / 2, "network PSNR curve");
        assertTrue(columnsWith(psnr, Color.GRAY) > psnr.getWidth() / 2, "blurred PSNR curve");
        assertTrue(columnsWith(loss, Color.BLUE) > loss.getWidth() / 2, "loss curve");
        assertEquals(0, columnsWith(loss, Color.RED), "the loss plot has no PSNR curve");
    }

    private static ColorProcessor rendered(ImagePlus image) {
        assertNotNull(image);
        return (ColorProcessor) image.getProcessor().convertToRGB();
    }

    /** The number of columns with at least one pixel of exactly this colour. */
    private static int columnsWith(ColorProcessor image, Color color) {
        int rgb = color.getRGB() & 0xffffff;
        int columns = 0;
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                if ((image.get(x, y) & 0xffffff) == rgb) {
                    columns++;
                    break;
                }
            }
        }
        return columns;
    }
}
