package io.github.biattention.deblur.benchmark;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.pytorch.jni.JniUtils;
import io.github.biattention.deblur.inference.DeblurEngine;
import io.github.biattention.deblur.inference.DeblurSettings;
import io.github.biattention.deblur.inference.RandomModels;
import io.github.biattention.deblur.inference.TiledPredictor;
import io.github.biattention.deblur.model.DeblurModel;
import io.github.biattention.deblur.model.ModelException;
import io.github.biattention.deblur.model.ModelFiles;
import io.github.biattention.deblur.network.NetworkConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import net.imglib2.img.Img;
import net.imglib2.img.array.ArrayImgs;
import net.imglib2.type.numeric.real.FloatType;

/**
 * Times {@link DeblurEngine#deblur} on a random image, on the CPU.
 *
 * <pre>
 * java -Dai.djl.offline=true -cp ... io.github.biattention.deblur.benchmark.EngineBenchmark \
 *     [--width 16] [--blocks 1] [--attention none|shallow|both] [--model PATH] [--size 1024] [--tiles 256[,192,320...]] [--overlap 32] [--repeat 1]
 * </pre>
 *
 * Without {@code --model} it builds a random-weights network {@code NetworkConfig.biAttention(1, width, blocks)}
 * (attention gammas 0.5, so attention is computed as in a trained model). Each tile size is warmed up on one
 * tile-sized plane, then timed {@code repeat} times on the {@code size x size} image; the best time is reported.
 */
public final class EngineBenchmark {

    private EngineBenchmark() {}

    public static void main(String[] args) throws IOException, ModelException {
        Map<String, String> options = parse(args);
        int size = Integer.parseInt(options.getOrDefault("size", "1024"));
        int overlap = Integer.parseInt(options.getOrDefault("overlap", String.valueOf(DeblurSettings.DEFAULT_OVERLAP)));
        int repeat = Integer.parseInt(options.getOrDefault("repeat", "1"));
        int[] tiles = Arrays.stream(options.getOrDefault("tiles", String.valueOf(DeblurSettings.DEFAULT_TILE_SIZE))
                .split(",")).mapToInt(Integer::parseInt).toArray();

        try (DeblurModel model = load(options)) {
            System.out.println("model: " + model.metadata().name + ", " + model.network().config());
            System.out.println("device: " + model.device() + ", PyTorch intra-op threads: " + JniUtils.getNumThreads()
                    + ", OMP_NUM_THREADS=" + System.getenv("OMP_NUM_THREADS") + ", OMP_WAIT_POLICY="
                    + System.getenv("OMP_WAIT_POLICY"));
            Random random = new Random(1);
            float[] pixels = new float[size * size];
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] = random.nextFloat();
            }
            Img<FloatType> image = ArrayImgs.floats(pixels, size, size);
            for (int tile : tiles) {
                DeblurSettings settings = DeblurSettings.builder().tileSize(tile).overlap(overlap).build();
                int warm = Math.min(tile, size);
                DeblurEngine.deblur(ArrayImgs.floats(Arrays.copyOf(pixels, warm * warm), warm, warm), -1, model,
                        settings);
                double best = Double.POSITIVE_INFINITY;
                for (int r = 0; r < repeat; r++) {
                    long start = System.nanoTime();
                    DeblurEngine.deblur(image, -1, model, settings);
                    best = Math.min(best, (System.nanoTime() - start) / 1e9);
                }
                int count = new TiledPredictor(model, settings).plan(size, size).size();
                System.out.printf(Locale.ROOT, "tile %d (overlap %d, %d tiles): %.2f s for %dx%d, %.3f megapixels/s%n",
                        tile, overlap, count, best, size, size, (double) size * size / 1e6 / best);
            }
        }
    }

    private static DeblurModel load(Map<String, String> options) throws IOException, ModelException {
        if (options.containsKey("model")) {
            return ModelFiles.load(options.get("model"), Device.cpu());
        }
        NetworkConfig config = NetworkConfig.biAttention(1, Integer.parseInt(options.getOrDefault("width", "16")),
                Integer.parseInt(options.getOrDefault("blocks", "1")));
        String attention = options.getOrDefault("attention", "both");
        config = config.withAttention(!attention.equals("none"), attention.equals("both"));
        Path file = Files.createTempFile("benchmark-model", ".zip");
        try {
            try (Model model = RandomModels.create(config, 1, 0.5f, 1)) {
                RandomModels.save(model, "random " + config, file);
            }
            return ModelFiles.load(file.toString(), Device.cpu());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --name value pairs, got " + Arrays.toString(args));
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        return options;
    }
}
