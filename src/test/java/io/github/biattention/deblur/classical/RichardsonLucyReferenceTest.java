package io.github.biattention.deblur.classical;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.biattention.deblur.data.Kernel;
import io.github.biattention.deblur.data.Plane;
import io.github.biattention.deblur.metrics.Psnr;
import io.github.biattention.deblur.metrics.ReferenceImages;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * {@link RichardsonLucy} with {@link Boundary#ZERO} against scikit-image's {@code richardson_lucy}: the PSNR of both
 * outputs against the sharp image within 0.05 dB, and the outputs themselves close, on the cases of
 * {@code tools/rl_reference.py} (images rebuilt by {@link ReferenceImages}, skimage's outputs in rl_*.f32).
 */
class RichardsonLucyReferenceTest {

    private static final double PSNR_TOLERANCE_DB = 0.05;
    /** Max |Java − skimage| on images in [0, 1]: float FFTs against float64 (measured: about 2e-6). */
    private static final double MAX_ABS_TOLERANCE = 1e-4;

    private static List<String[]> rows() throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = RichardsonLucyReferenceTest.class.getResourceAsStream("rl_reference.csv");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.startsWith("#") && !line.startsWith("name") && !line.isBlank()) {
                    rows.add(line.split(","));
                }
            }
        }
        return rows;
    }

    private static float[] readFloats(String name, int count) throws IOException {
        try (InputStream in = RichardsonLucyReferenceTest.class.getResourceAsStream(name)) {
            byte[] bytes = in.readAllBytes();
            assertEquals(4 * count, bytes.length, name);
            float[] out = new float[count];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
            return out;
        }
    }

    @Test
    void zeroBoundaryMatchesScikitImage() throws IOException {
        List<String[]> rows = rows();
        assertEquals(4, rows.size());
        StringBuilder report = new StringBuilder();
        for (String[] r : rows) {
            String name = r[0];
            int w = Integer.parseInt(r[1]);
            int h = Integer.parseInt(r[2]);
            int seed = Integer.parseInt(r[3]);
            int[][] kernel = ReferenceImages.KERNELS.get(r[4]);
            boolean zeroEdges = r[5].equals("zero");
            int noise = Integer.parseInt(r[6]);
            int iterations = Integer.parseInt(r[7]);
            double referencePsnr = Double.parseDouble(r[9]);

            int[] sharpInt = ReferenceImages.scene(w, h, seed);
            int[] blurredInt = ReferenceImages.noisy(ReferenceImages.blur(sharpInt, w, h, kernel, zeroEdges), w,
                    seed, noise);
            float[] sharp = ReferenceImages.toFloat(sharpInt, "unit");
            Plane blurred = new Plane(w, h, ReferenceImages.toFloat(blurredInt, "unit"));
            Kernel psf = Kernel.normalized(kernel.length, ReferenceImages.kernelWeights(kernel));
            float[] restored = new RichardsonLucy(psf, iterations, 0, Boundary.ZERO).deconvolve(blurred).pixels();

            double psnr = Psnr.compute(sharp, restored, 1);
            float[] skimage = readFloats("rl_" + name + ".f32", w * h);
            double maxAbs = 0;
            for (int i = 0; i < restored.length; i++) {
                maxAbs = Math.max(maxAbs, Math.abs(restored[i] - skimage[i]));
            }
            report.append(String.format(Locale.ROOT, "%n  %-8s PSNR java %.4f skimage %.4f (diff %.1e dB),"
                    + " max |diff| %.1e", name, psnr, referencePsnr, psnr - referencePsnr, maxAbs));
            assertEquals(referencePsnr, psnr, PSNR_TOLERANCE_DB, name);
            assertTrue(maxAbs < MAX_ABS_TOLERANCE, name + ": max |diff| " + maxAbs);
        }
        System.out.println("Richardson-Lucy vs scikit-image:" + report);
    }
}
