package io.github.biattention.deblur.cli;

import io.github.biattention.deblur.data.Degradation;
import io.github.biattention.deblur.data.DegradationSettings;
import io.github.biattention.deblur.data.Kernel;
import io.github.biattention.deblur.data.ProceduralImages;
import io.github.biattention.deblur.data.SharpSource;
import io.github.biattention.deblur.interop.NpyArray;
import io.github.biattention.deblur.interop.Npz;
import io.github.biattention.deblur.microscopy.WidefieldDegradation;
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
@Command(name = "bank", mixinStandardHelpOptions = true,
        description = "Writes sharp crops and kernels of a training distribution as .npz for tools/pytorch.")
final class BankCommand implements Callable<Integer> {
    /** The patch side of the plugin's trainer (TrainingSettings' default), which the twin also uses. */
    private static final int TRAINER_PATCH = 128;
    /** Widefield specimens reach a little above 1 (background plus peak): stored relative to this. */
    private static final double FLUX_SCALE = 1.25;

    @Option(names = "--kind", defaultValue = "general", description = "general (photograph) or widefield.")
    String kind;

    @Option(names = "--sharp", description = "Folder of sharp images mixed with the generated ones.")
    Path sharpFolder;

    @Option(names = "--sharp-share", defaultValue = "" + TrainingData.DEFAULT_FOLDER_SHARE, description = "Share of"
            + " the crops taken from --sharp (default: ${DEFAULT-VALUE}, as the train command mixes).")
    double sharpShare;

    @Option(names = "--count", defaultValue = "400", description = "Sharp crops.")
    int count;

    @Option(names = "--size", description = "Side of the crops (default: the trainer's, 128 + the kernel side - 1,"
            + " so the generators draw at the scale the plugin's trainer draws at; larger crops give the twin random"
            + " windows).")
    Integer size;

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
            case "general":
            case "photograph": widefield = false; break;
            case "widefield": widefield = true; break;
            default: throw new IllegalArgumentException("--kind must be general or widefield, got " + kind);
        }
        int side = widefield ? 2 * WidefieldOptics.HALF_SIZE + 1 : DegradationSettings.defaults().maxKernelSize();
        int crop = TRAINER_PATCH + side - 1;
        int sideOfCrops = size != null ? size : crop;
        if (count < 1 || kernels < 1 || sideOfCrops < crop) {
            throw new IllegalArgumentException("need --count >= 1, --kernels >= 1 and --size >= " + crop
                    + " (a " + TRAINER_PATCH + " px patch plus the kernel's margin)");
        }
        if ((long) count * sideOfCrops * sideOfCrops > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("--count x --size^2 must stay below 2^31 bytes: write several banks");
        }
        double[] range = photons != null ? photons : widefield ? new double[] {50, 2000} : new double[] {100, 30000};
        if (range.length > 2 || !(range[0] >= (widefield ? 1 : Double.MIN_VALUE)
                && range[range.length - 1] >= range[0])) {
            throw new IllegalArgumentException("--photons takes MIN,MAX with " + (widefield ? "1" : "0") + " < MIN <= MAX");
        }
        if (!(sharpShare >= 0 && sharpShare <= 1)) {
            throw new IllegalArgumentException("--sharp-share must be between 0 and 1, got " + sharpShare);
        }
        // The trainer's own mixtures, so the twin learns what the plugin's trainer would.
        SharpSource source = widefield ? TrainingData.specimenSource(sharpFolder, sharpShare)
                : TrainingData.photographSource(sharpFolder, sharpShare);
        SplittableRandom rng = new SplittableRandom(seed);
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put("sharp", crops(source, rng, sideOfCrops, widefield));
        arrays.put("kernels", kernels(widefield, side, rng));
        arrays.put("__settings__", NpyArray.ofBytes(settings(widefield, range).getBytes(StandardCharsets.UTF_8)));
        Npz.write(output, arrays);
        System.out.println("Wrote " + count + " crops " + sideOfCrops + "x" + sideOfCrops + " and " + kernels + " kernels "
                + side + "x" + side + " to " + output);
        return 0;
    }

    /**
     * 8-bit crops: the photographs' own values, or for widefield specimens (photon flux, mostly dark, up to a little
     * above 1) the square root of flux / {@value #FLUX_SCALE}, which keeps a relative precision of a few percent down
     * to 1% of the peak ("sharpEncoding": "sqrt8", "sharpScale").
     */
    private NpyArray crops(SharpSource source, SplittableRandom rng, int size, boolean squareRoot) {
        int n = size * size;
        byte[] bytes = new byte[count * n];
        for (int c = 0; c < count; c++) {
            float[] px = source.crop(rng.split(), size).pixels();
            for (int i = 0; i < n; i++) {
                double v = Math.max(0, Math.min(1, squareRoot ? px[i] / FLUX_SCALE : px[i]));
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
    private static String settings(boolean widefield, double[] range) {
        if (widefield) {
            return String.format(Locale.ROOT, "{\"kind\": \"widefield\", \"minPhotons\": %s, \"maxPhotons\": %s,"
                    + " \"readElectrons\": [%s, %s], \"offset\": [0, %s], \"sharpEncoding\": \"sqrt8\","
                    + " \"sharpScale\": %s}", range[0], range[range.length - 1], WidefieldDegradation.MIN_READ_ELECTRONS,
                    WidefieldDegradation.MAX_READ_ELECTRONS, WidefieldDegradation.MAX_OFFSET, FLUX_SCALE);
        }
        DegradationSettings d = DegradationSettings.defaults().toBuilder()
                .photonsAtWhite(range[0], range[range.length - 1]).build();
        return String.format(Locale.ROOT, "{\"kind\": \"general\", \"minPhotons\": %s, \"maxPhotons\": %s,"
                        + " \"noShotNoiseProbability\": %s, \"readSigma\": [%s, %s], \"jitterProbability\": %s}",
                d.minPhotons(), d.maxPhotons(), d.noShotNoiseProbability(), d.minReadSigma(), d.maxReadSigma(),
                d.jitterProbability());
    }
}
