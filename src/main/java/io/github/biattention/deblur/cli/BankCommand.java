package io.github.biattention.deblur.cli;

import io.github.biattention.deblur.data.Degradation;
import io.github.biattention.deblur.data.DegradationSettings;
import io.github.biattention.deblur.data.Kernel;
import io.github.biattention.deblur.data.ProceduralImages;
import io.github.biattention.deblur.data.SharpSource;
import io.github.biattention.deblur.interop.NpyArray;
import io.github.biattention.deblur.interop.Npz;
import io.github.biattention.deblur.microscopy.WidefieldOptics;
import io.github.biattention.deblur.training.TrainingData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bank}: sharp crops and blur kernels drawn from the plugin's own training distributions, as .npz, so that
 * the PyTorch twin (tools/pytorch/train_bank.py) trains on a GPU from the same data the plugin's trainer uses; the
 * twin only crops, blurs and adds noise as the settings entry says.
 */
@Command(name = "bank", hidden = true, mixinStandardHelpOptions = true,
        description = "Writes sharp crops and kernels of a training distribution as .npz for tools/pytorch.")
final class BankCommand implements Callable<Integer> {

    @Option(names = "--kind", defaultValue = "general", description = "general or widefield.")
    String kind;

    @Option(names = "--sharp", description = "Folder of sharp images mixed half and half with the generated ones.")
    Path sharpFolder;

    @Option(names = "--count", defaultValue = "400", description = "Sharp crops.")
    int count;

    @Option(names = "--size", defaultValue = "256", description = "Side of the crops.")
    int size;

    @Option(names = "--kernels", defaultValue = "2000", description = "Kernels.")
    int kernels;

    @Option(names = "--seed", defaultValue = "1", description = "Seed.")
    long seed;

    @Option(names = "--photons", split = ",", description = "Photons at white, min,max (general: default 100,30000"
            + " as the train command; widefield: peak photons, default 50,2000).")
    double[] photons;

    @Option(names = "--output", required = true, description = "The .npz file to write.")
    Path output;

    @Override
    public Integer call() throws Exception {
        boolean widefield;
        switch (kind) {
            case "general": widefield = false; break;
            case "widefield": widefield = true; break;
            default: throw new IllegalArgumentException("--kind must be general or widefield, got " + kind);
        }
        // The trainer's own mixtures, so the twin learns what the plugin's trainer would.
        SharpSource source = widefield ? TrainingData.specimenSource(sharpFolder)
                : TrainingData.photographSource(sharpFolder);
        SplittableRandom rng = new SplittableRandom(seed);
        int side = widefield ? 2 * WidefieldOptics.HALF_SIZE + 1 : DegradationSettings.defaults().maxKernelSize();
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put("sharp", crops(source, rng, widefield));
        arrays.put("kernels", kernels(widefield, side, rng));
        arrays.put("__settings__", NpyArray.ofBytes(settings(widefield, photons).getBytes(StandardCharsets.UTF_8)));
        Npz.write(output, arrays);
        System.out.println("Wrote " + count + " crops " + size + "x" + size + " and " + kernels + " kernels "
                + side + "x" + side + " to " + output);
        return 0;
    }

    /**
     * 8-bit crops: the photographs' own values, or for widefield specimens (photon flux, mostly dark) the square
     * root, which keeps a relative precision of a few percent down to 1% of the peak ("sharpEncoding": "sqrt8").
     */
    private NpyArray crops(SharpSource source, SplittableRandom rng, boolean squareRoot) {
        int n = size * size;
        byte[] bytes = new byte[count * n];
        for (int c = 0; c < count; c++) {
            float[] px = source.crop(rng.split(), size).pixels();
            for (int i = 0; i < n; i++) {
                double v = Math.max(0, Math.min(1, px[i]));
                bytes[c * n + i] = (byte) Math.round(255 * (squareRoot ? Math.sqrt(v) : v));
            }
        }
        return NpyArray.ofBytes(bytes, count, size, size);
    }

    /** Kernels centred in {@code side × side}, the true convolution kernels (not flipped). */
    private NpyArray kernels(boolean widefield, int side, SplittableRandom rng) {
        Degradation degradation = new Degradation(new ProceduralImages(), DegradationSettings.defaults());
        float[] out = new float[kernels * side * side];
        for (int k = 0; k < kernels; k++) {
            Kernel kernel = widefield ? WidefieldOptics.random(rng.split()).psf() : degradation.kernel(seed, k);
            int s = kernel.size();
            int offset = (side - s) / 2;
            for (int y = 0; y < s; y++) {
                for (int x = 0; x < s; x++) {
                    out[(k * side + y + offset) * side + x + offset] = kernel.get(x, y);
                }
            }
        }
        return NpyArray.ofFloats(out, kernels, side, side);
    }

    /** What the twin must do after the blur, in the plugin's terms (DegradationSettings, WidefieldDegradation). */
    private static String settings(boolean widefield, double[] photons) {
        double[] range = photons != null ? photons : widefield ? new double[] {50, 2000} : new double[] {100, 30000};
        if (widefield) {
            return String.format(Locale.ROOT, "{\"kind\": \"widefield\", \"minPhotons\": %s, \"maxPhotons\": %s,"
                    + " \"readElectrons\": [1, 3], \"offset\": [0, 0.1], \"sharpEncoding\": \"sqrt8\"}", range[0], range[range.length - 1]);
        }
        DegradationSettings d = DegradationSettings.defaults().toBuilder()
                .photonsAtWhite(range[0], range[range.length - 1]).build();
        return String.format(Locale.ROOT, "{\"kind\": \"general\", \"minPhotons\": %s, \"maxPhotons\": %s,"
                        + " \"noShotNoiseProbability\": %s, \"readSigma\": [%s, %s], \"jitterProbability\": %s}",
                d.minPhotons(), d.maxPhotons(), d.noShotNoiseProbability(), d.minReadSigma(), d.maxReadSigma(),
                d.jitterProbability());
    }
}
