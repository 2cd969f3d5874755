package io.github.biattention.deblur.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.biattention.deblur.data.ChannelImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Formatting of results, scoring of channel images, and how restored values are stored before scoring. */
class EvaluationReportTest {

    @Test
    void csvWritesInfinityNanAndQuotesNames() {
        PairEvaluation.Row identical = new PairEvaluation.Row("a,b.png", 8, 9, 3, Double.POSITIVE_INFINITY, 1,
                Double.NaN, 0.5, 0.25);
        String csv = EvaluationReport.csv(List.of(identical));
        assertEquals(EvaluationReport.CSV_HEADER + "\n\"a,b.png\",8,9,3,inf,1.000000,nan,0.500000,0.2500\n", csv);
    }

    @Test
    void tableAndMeansLineUp() {
        PairEvaluation.Row a = new PairEvaluation.Row("seq/000001.png", 1280, 720, 3, 25, 0.8, 27.5, 0.85, 1.5);
        PairEvaluation.Row b = new PairEvaluation.Row("seq/000002.png", 1280, 720, 3, 27, 0.9, 28.5, 0.95, 0.5);
        String[] lines = EvaluationReport.table(List.of(a, b)).split("\n");
        assertEquals(3, lines.length);
        assertEquals(lines[0].length(), lines[1].length(), String.join("\n", lines));
        assertTrue(lines[1].contains("1280x720x3") && lines[1].contains("+2.50"), lines[1]);
        PairEvaluation.Means m = PairEvaluation.means(List.of(a, b));
        assertEquals("mean over 2 images: blurred 26.00 dB / 0.8500, restored 28.00 dB / 0.9000, gain +2.00 dB /"
                + " +0.0500; 1.00 s per image", EvaluationReport.means(m));
        assertEquals("no image was evaluated", EvaluationReport.means(PairEvaluation.means(List.of())));
    }

    @Test
    void restoredValuesAreClippedAndRoundedLikeTheFileType() {
        ChannelImage eightBit = new ChannelImage(2, 1, new float[][] {{0, 0}}, 255, true);
        ChannelImage stored = eightBit.quantized(new float[][] {{-3.2f, 254.6f}});
        assertArrayEquals(new float[] {0, 255}, stored.channels()[0]);
        ChannelImage floats = new ChannelImage(2, 1, new float[][] {{0, 0}}, 1, false);
        assertArrayEquals(new float[] {0.25f, 1}, floats.quantized(new float[][] {{0.25f, 1.5f}}).channels()[0]);
        assertTrue(Float.isNaN(eightBit.quantized(new float[][] {{Float.NaN, 1}}).channels()[0][0]));
    }

    @Test
    void scoresNeedTheSameSizeChannelsAndRange() {
        float[] ramp = new float[64];
        for (int i = 0; i < ramp.length; i++) {
            ramp[i] = 4 * i;
        }
        ChannelImage grey = new ChannelImage(8, 8, new float[][] {ramp}, 255, true);
        assertEquals(Double.POSITIVE_INFINITY, PairEvaluation.psnr(grey, grey));
        assertEquals(1, PairEvaluation.ssim(grey, grey), 1e-12);
        ChannelImage rgb = new ChannelImage(8, 8, new float[][] {ramp, ramp, ramp}, 255, true);
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> PairEvaluation.psnr(grey, rgb));
        assertTrue(size.getMessage().endsWith("blurred 8x8x3, sharp 8x8"), size.getMessage());
        ChannelImage sixteen = new ChannelImage(8, 8, new float[][] {ramp}, 65535, true);
        assertThrows(IllegalArgumentException.class, () -> PairEvaluation.ssim(grey, sixteen));
        assertThrows(IllegalArgumentException.class, () -> new ChannelImage(8, 8, new float[][] {new float[3]}, 255,
                true));
    }
}
