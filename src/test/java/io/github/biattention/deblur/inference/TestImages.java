package io.github.biattention.deblur.inference;

import io.github.biattention.deblur.network.NoGradScope;
import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import io.github.biattention.deblur.model.DeblurModel;
import io.github.biattention.deblur.model.ModelException;
import io.github.biattention.deblur.model.ModelFiles;
import io.github.biattention.deblur.network.NetworkConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;

/** Seeded test images, small random-weights models written to and loaded from model files, and thread settings. */
final class TestImages {

    static final NetworkConfig CONFIG = NetworkConfig.biAttention(1, 8, 1);
    static final int SEED = 42;
    /** Attention on: the gammas of a fresh network are 0, which makes attention the identity. */
    static final float GAMMA = 0.5f;
    /**
     * Scales the random network's correction (otherwise ~70 times the range of a [0, 1] input) to about 0.6 % of the
     * range, a small residual as a trained network adds; see {@link RandomModels}.
     */
    static final float OUTPUT_SCALE = 1e-4f;

    private TestImages() {}

    /** The usual test model: {@link #CONFIG}, {@link #GAMMA}, {@link #OUTPUT_SCALE}, loaded on the CPU. */
    static DeblurModel loadRandomModel(Path dir) throws IOException, ModelException {
        return loadRandomModel(dir, GAMMA, OUTPUT_SCALE);
    }

    /** Writes a random-weights model into {@code dir} and loads it back on the CPU. */
    static DeblurModel loadRandomModel(Path dir, float gamma, float outputScale) throws IOException, ModelException {
        Path file = dir.resolve("random-" + gamma + "-" + outputScale + ".zip");
        try (Model model = RandomModels.create(CONFIG, SEED, gamma, outputScale)) {
            RandomModels.save(model, "random", file);
        }
        return ModelFiles.load(file.toString(), Device.cpu());
    }

    /**
     * A random-weights model made local: attention off (gamma 0) and the deep path cut (the decoder's last
     * up-scaling gets zero weights), so the output depends only on a few 3x3 convolutions around each pixel (a
     * receptive field of about 9 pixels at full resolution). Tiling such a network with enough overlap reproduces the
     * untiled output wherever the blending does its job; its correction keeps its full (random) size.
     */
    static DeblurModel loadLocalModel(Path dir) throws IOException, ModelException {
        Path file = dir.resolve("local.zip");
        try (Model model = RandomModels.create(CONFIG, SEED, 0, 1)) {
            try (NoGradScope noGrad = NoGradScope.enter(model.getNDManager())) {
                model.getBlock().getParameters().forEach(p -> {
                    if (p.getKey().matches("\\d*decoder1_01up_.*")) {
                        p.getValue().getArray().muli(0);
                    }
                });
            }
            RandomModels.save(model, "local", file);
        }
        return ModelFiles.load(file.toString(), Device.cpu());
    }

    /**
     * Makes PyTorch use one intra-op thread and returns the previous count. The test machine's 2 cores are shared
     * with other jobs, and OpenMP workers that spin while waiting make multi-threaded runs several times slower
     * there; results do not depend on the thread count of these tests.
     */
    static int useOneThread() {
        Engine.getInstance(); // loads the native library
        int previous = JniUtils.getNumThreads();
        JniUtils.setNumThreads(1);
        return previous;
    }

    static void restoreThreads(int threads) {
        JniUtils.setNumThreads(threads);
    }

    /** A sum of Gaussian blobs plus a little noise, roughly in [0, 1]; row-major. */
    static float[] blobs(int width, int height, long seed) {
        return blobs(width, height, seed, 0.02);
    }

    /** A sum of Gaussian blobs plus Gaussian noise of the given standard deviation; row-major. */
    static float[] blobs(int width, int height, long seed, double noise) {
        Random random = new Random(seed);
        float[] image = new float[width * height];
        for (int k = 0; k < 40; k++) {
            double cx = random.nextDouble() * width;
            double cy = random.nextDouble() * height;
            double sigma = 4 + random.nextDouble() * 20;
            double amplitude = 0.2 + 0.6 * random.nextDouble();
            int r = (int) Math.ceil(3 * sigma);
            for (int y = Math.max(0, (int) cy - r); y < Math.min(height, (int) cy + r); y++) {
                for (int x = Math.max(0, (int) cx - r); x < Math.min(width, (int) cx + r); x++) {
                    double d2 = (x - cx) * (x - cx) + (y - cy) * (y - cy);
                    image[y * width + x] += (float) (amplitude * Math.exp(-d2 / (2 * sigma * sigma)));
                }
            }
        }
        for (int i = 0; i < image.length; i++) {
            image[i] += (float) (noise * random.nextGaussian());
        }
        return image;
    }
}
