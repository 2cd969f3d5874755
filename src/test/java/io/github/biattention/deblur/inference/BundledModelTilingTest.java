package io.github.biattention.deblur.inference;

import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.github.biattention.deblur.data.BlurKernels;
import io.github.biattention.deblur.data.Convolution;
import io.github.biattention.deblur.data.Kernel;
import io.github.biattention.deblur.data.Noise;
import io.github.biattention.deblur.data.Plane;
import io.github.biattention.deblur.data.ProceduralImages;
import io.github.biattention.deblur.metrics.Psnr;
import io.github.biattention.deblur.model.DeblurModel;
import io.github.biattention.deblur.model.ModelFiles;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The trained, bundled model through tiles: criss-cross attention sees whole rows and columns, so tiled output
 * cannot equal untiled output exactly; it must stay close (>= 40 dB) and show no seam at the tile borders.
 */
class BundledModelTilingTest {

    @Test
    void tiledOutputOfTheTrainedModelIsCloseToUntiledAndSeamless() throws Exception {
        int w = 300;
        int h = 500;
        SplittableRandom rng = new SplittableRandom(11);
        Kernel kernel = BlurKernels.motion(rng.split(), 15);
        Plane sharp = new ProceduralImages().crop(rng.split(), h + kernel.size() - 1);
        Plane blurred = Noise.poissonGaussian(Convolution.valid(sharp, kernel), 1000, 0.002, rng.split())
                .crop(0, 0, w, h);
        float[] image = blurred.pixels();
        try (DeblurModel model = ModelFiles.load(ModelFiles.DEFAULT_MODEL, Device.cpu())) {
            DeblurSettings whole = DeblurSettings.builder().tileSize(512).overlap(32).build();
            DeblurSettings small = DeblurSettings.builder().tileSize(128).overlap(32).build();
            float[] untiled = DeblurEngine.deblurPlane(image, w, h, model, whole);
            float[] tiled = DeblurEngine.deblurPlane(image, w, h, model, small);
            double psnr = Psnr.compute(untiled, tiled, 1.0);
            assertTrue(psnr >= 40, "tiled vs untiled PSNR " + psnr + " dB");

            boolean[] bandX = new boolean[w];
            boolean[] bandY = new boolean[h];
            List<Tile> plan = new TiledPredictor(model, small).plan(w, h);
            for (Tile t : plan) {
                if (!t.atLeftBorder()) mark(bandX, t.x0());
                if (!t.atRightBorder()) mark(bandX, t.x0() + t.width());
                if (!t.atTopBorder()) mark(bandY, t.y0());
                if (!t.atBottomBorder()) mark(bandY, t.y0() + t.height());
            }
            double[] sum = new double[2];
            long[] count = new long[2];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int k = bandX[x] || bandY[y] ? 0 : 1;
                    sum[k] += Math.abs(tiled[y * w + x] - untiled[y * w + x]);
                    count[k]++;
                }
            }
            double border = sum[0] / count[0];
            double elsewhere = sum[1] / count[1];
            System.out.printf("tiled vs untiled: %.2f dB, error at tile borders %.3g, elsewhere %.3g%n", psnr,
                    border, elsewhere);
            assertTrue(border <= elsewhere * 1.05, "error within 4 px of tile borders " + border
                    + " vs elsewhere " + elsewhere + ": a seam");
        }
    }

    private static void mark(boolean[] band, long edge) {
        for (long i = Math.max(0, edge - 4); i <= Math.min(band.length - 1, edge + 4); i++) {
            band[(int) i] = true;
        }
    }
}
