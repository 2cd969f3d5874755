package io.github.biattention.deblur.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * PSNR within 0.01 dB and SSIM within 0.001 of scikit-image on every row printed by
 * {@code tools/metrics_reference.py} (images rebuilt by {@link ReferenceImages}).
 */
class MetricsReferenceTest {

    private static final double PSNR_TOLERANCE_DB = 0.01;
    private static final double SSIM_TOLERANCE = 0.001;

    private static List<String[]> rows() throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = MetricsReferenceTest.class.getResourceAsStream("skimage_reference.csv");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.startsWith("#") && !line.startsWith("channels") && !line.isBlank()) {
                    rows.add(line.split(","));
                }
            }
        }
        return rows;
    }

    @Test
    void psnrAndSsimAgreeWithScikitImage() throws IOException {
        List<String[]> rows = rows();
        assertTrue(rows.size() >= 10, "reference rows: " + rows.size());
        double worstPsnr = 0;
        double worstSsim = 0;
        for (String[] r : rows) {
            int channels = Integer.parseInt(r[0]);
            int w = Integer.parseInt(r[1]);
            int h = Integer.parseInt(r[2]);
            int seed = Integer.parseInt(r[3]);
            String kind = r[4];
            int amount = Integer.parseInt(r[5]);
            String scale = r[6];
            double range = Double.parseDouble(r[7]);
            float[][] ref = new float[channels][];
            float[][] test = new float[channels][];
            for (int c = 0; c < channels; c++) {
                int[] sharp = ReferenceImages.scene(w, h, seed + c);
                ref[c] = ReferenceImages.toFloat(sharp, scale);
                test[c] = ReferenceImages.toFloat(ReferenceImages.variant(sharp, w, h, seed + c, kind, amount), scale);
            }
            double psnr = channels == 1 ? Psnr.compute(ref[0], test[0], range) : Psnr.compute(ref, test, range);
            double ssim = channels == 1 ? Ssim.compute(ref[0], test[0], w, h, range)
                    : Ssim.compute(ref, test, w, h, range);
            String row = String.join(",", r);
            assertEquals(Double.parseDouble(r[8]), psnr, PSNR_TOLERANCE_DB, "PSNR of " + row);
            assertEquals(Double.parseDouble(r[9]), ssim, SSIM_TOLERANCE, "SSIM of " + row);
            worstPsnr = Math.max(worstPsnr, Math.abs(psnr - Double.parseDouble(r[8])));
            worstSsim = Math.max(worstSsim, Math.abs(ssim - Double.parseDouble(r[9])));
        }
        System.out.printf(Locale.ROOT, "metrics vs scikit-image over %d rows: max |dPSNR| = %.2e dB,"
                + " max |dSSIM| = %.2e%n", rows.size(), worstPsnr, worstSsim);
    }

    @Test
    void rgbPsnrPoolsTheSquaredErrorOfAllChannels() {
        float[][] ref = {{0, 0}, {0, 0}};
        float[][] test = {{0.1f, 0.1f}, {0, 0}};
        // MSE over all four values is 0.005; the mean of per-channel PSNRs would be infinite.
        assertEquals(10 * Math.log10(1 / 0.005), Psnr.compute(ref, test, 1), 1e-5);
    }

    @Test
    void rgbSsimIsTheMeanOverChannels() {
        int w = 9;
        int h = 8;
        float[] a = ReferenceImages.toFloat(ReferenceImages.scene(w, h, 3), "unit");
        float[] b = ReferenceImages.toFloat(ReferenceImages.noisy(ReferenceImages.scene(w, h, 3), w, 3, 5000), "unit");
        double single = Ssim.compute(a, b, w, h, 1);
        assertEquals((single + 1) / 2, Ssim.compute(new float[][] {a, a}, new float[][] {b, a}, w, h, 1), 1e-12);
    }
}
