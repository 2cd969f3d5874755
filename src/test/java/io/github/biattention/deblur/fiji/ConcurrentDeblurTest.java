package io.github.biattention.deblur.fiji;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Model;
import ij.ImagePlus;
import ij.process.FloatProcessor;
import io.github.biattention.deblur.imagej.ImageDeblurring;
import io.github.biattention.deblur.inference.DeblurSettings;
import io.github.biattention.deblur.model.DeviceChoice;
import io.github.biattention.deblur.inference.ProgressListener;
import io.github.biattention.deblur.inference.RandomModels;
import io.github.biattention.deblur.model.DeblurModel;
import io.github.biattention.deblur.model.ModelFiles;
import io.github.biattention.deblur.network.NetworkConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two deblurs at once in one JVM, as two Fiji commands or a parallel batch would run them: with one shared loaded
 * model, and with the same model name loaded by each run. Results must be bit-identical to sequential runs.
 */
class ConcurrentDeblurTest {

    private static final DeblurSettings SETTINGS = DeblurSettings.builder().tileSize(64).overlap(8)
            .device(DeviceChoice.CPU).build();

    private static ImagePlus image(long seed) {
        Random random = new Random(seed);
        FloatProcessor fp = new FloatProcessor(150, 110);
        for (int i = 0; i < 150 * 110; i++) {
            fp.setf(i, (float) (200 + 80 * Math.sin(i % 150 / 6.0 + seed) + random.nextGaussian() * 5));
        }
        return new ImagePlus("img" + seed, fp);
    }

    private static float[] deblur(ImagePlus image, DeblurModel model) {
        return (float[]) ImageDeblurring.deblur(image, model, SETTINGS, false, ProgressListener.NONE, () -> false)
                .getProcessor().getPixels();
    }

    /** Runs both tasks at the same moment (a barrier), twice, on two threads. */
    private static List<float[]> together(Callable<float[]> a, Callable<float[]> b) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            CyclicBarrier start = new CyclicBarrier(2);
            Future<float[]> fa = pool.submit(() -> {
                start.await();
                return a.call();
            });
            Future<float[]> fb = pool.submit(() -> {
                start.await();
                return b.call();
            });
            return List.of(fa.get(), fb.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void sharedModelAndSameModelNameGiveTheSequentialResults(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tiny.zip");
        try (Model model = RandomModels.create(NetworkConfig.biAttention(1, 8, 1), 42, 0.5f, 1e-4f)) {
            RandomModels.save(model, "tiny", file);
        }
        ImagePlus first = image(1);
        ImagePlus second = image(2);
        try (DeblurModel shared = ModelFiles.open(file.toString(), DeviceChoice.CPU, m -> { })) {
            int arrays = shared.djlModel().getNDManager().getManagedArrays().size();
            float[] expectedFirst = deblur(first, shared);
            float[] expectedSecond = deblur(second, shared);
            for (int round = 0; round < 2; round++) {
                List<float[]> both = together(() -> deblur(first, shared), () -> deblur(second, shared));
                assertArrayEquals(expectedFirst, both.get(0), "shared model, first image");
                assertArrayEquals(expectedSecond, both.get(1), "shared model, second image");
            }
            // Each run loads the model itself, as two Fiji commands given the same model name do.
            Callable<float[]> ownFirst = () -> {
                try (DeblurModel own = ModelFiles.open(file.toString(), DeviceChoice.CPU, m -> { })) {
                    return deblur(first, own);
                }
            };
            Callable<float[]> ownSecond = () -> {
                try (DeblurModel own = ModelFiles.open(file.toString(), DeviceChoice.CPU, m -> { })) {
                    return deblur(second, own);
                }
            };
            List<float[]> both = together(ownFirst, ownSecond);
            assertArrayEquals(expectedFirst, both.get(0), "own model, first image");
            assertArrayEquals(expectedSecond, both.get(1), "own model, second image");
            assertEquals(arrays, shared.djlModel().getNDManager().getManagedArrays().size(),
                    "no arrays left on the shared model's manager");
        }
    }
}
