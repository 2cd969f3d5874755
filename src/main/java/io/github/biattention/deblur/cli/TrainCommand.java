package io.github.biattention.deblur.cli;

import io.github.biattention.deblur.data.DegradationSettings;
import io.github.biattention.deblur.network.NetworkConfig;
import io.github.biattention.deblur.training.DeblurTrainer;
import io.github.biattention.deblur.training.TrainingData;
import io.github.biattention.deblur.training.TrainingListener;
import io.github.biattention.deblur.training.TrainingLoss;
import io.github.biattention.deblur.training.TrainingSettings;
import io.github.biattention.deblur.training.ValidationReport;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code train}: trains a model on synthetic degradations of sharp images, or on real blurred/sharp pairs. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Trains a deblurring model on synthetic blur of sharp images (procedural, plus a folder), or on"
                + " real blurred/sharp pairs.")
final class TrainCommand implements Callable<Integer> {

    @Option(names = "--output", required = true, description = "Model file to write (the best so far).")
    Path output;

    @Option(names = "--checkpoint-dir", description = "Where checkpoints go (default: ~/.cache/bi-attention-deblur/"
            + "runs/<model name>).")
    Path checkpointDir;

    @Option(names = "--resume", description = "Continue the run in the checkpoint folder.")
    boolean resume;

    @Option(names = "--data", defaultValue = "photograph", description = "photograph: camera shake, defocus and"
            + " Gaussian blur of sharp images; widefield: random widefield microscope PSFs of fluorescence"
            + " specimens; pairs: crops of real blurred/sharp pairs (--pairs). Default: ${DEFAULT-VALUE}.")
    String data;

    @Option(names = "--sharp", description = "Folder of sharp images (PNG, JPEG, TIFF) mixed with procedural ones;"
            + " with --data pairs, the sharp partners (same base names) of the --pairs folder's blurred images.")
    Path sharpFolder;

    @Option(names = "--pairs", description = "With --data pairs: the folder of blurred images (with --sharp), or a"
            + " folder holding blur/ and sharp/ (also GOPRO or DVD, their train split).")
    Path pairs;

    @Option(names = "--card", description = "Model card (Markdown) written with each model file (default: the"
            + " output with .md instead of .zip).")
    Path card;

    @Option(names = "--name", defaultValue = "custom", description = "Model name (default: ${DEFAULT-VALUE}).")
    String name;

    @Option(names = "--steps", defaultValue = "20000", description = "Total steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--batch", defaultValue = "8", description = "Batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--patch", defaultValue = "128", description = "Patch size (default: ${DEFAULT-VALUE}).")
    int patch;

    @Option(names = "--lr", defaultValue = "5e-4", description = "Peak learning rate (default: ${DEFAULT-VALUE}).")
    float learningRate;

    @Option(names = "--warm-up", defaultValue = "200", description = "Steps of linear learning-rate warm-up"
            + " (default: ${DEFAULT-VALUE}).")
    int warmUp;

    @Option(names = "--width", defaultValue = "16", description = "Base width (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--blocks", defaultValue = "1", description = "Residual blocks per level (default: "
            + "${DEFAULT-VALUE}).")
    int blocks;

    @Option(names = "--attention", defaultValue = "both", description = "Criss-cross attention modules: none, "
            + "shallow, both (default: ${DEFAULT-VALUE}).")
    String attention;

    @Option(names = "--validate-every", defaultValue = "250", description = "Steps between validations (default: "
            + "${DEFAULT-VALUE}).")
    int validateEvery;

    @Option(names = "--snapshot-every", defaultValue = "0", description = "Also keep the weights every N steps (a"
            + " multiple of --validate-every) as step-N.zip in the checkpoint folder, whatever their validation, to"
            + " judge them on other images (robustness, bench); 0: none (default).")
    int snapshotEvery;

    @Option(names = "--validation-count", defaultValue = "32", description = "Validation pairs (default: "
            + "${DEFAULT-VALUE}).")
    int validationCount;

    @Option(names = "--validation-patch", defaultValue = "192", description = "Side of the validation pairs"
            + " (default: ${DEFAULT-VALUE}).")
    int validationPatch;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the data stream (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--init", description = "Start from the weights of this model (bundled name or file; same"
            + " architecture).")
    String init;

    @Option(names = "--photons", defaultValue = "100,30000", split = ",", description = "Shot noise: photons at"
            + " white (widefield: at the peak), min,max; not used for pairs (default: ${DEFAULT-VALUE}).")
    double[] photons;

    @Option(names = "--loss", defaultValue = "l1", description = "l1: L1 on pixels and their differences; psnr:"
            + " minus each pair's PSNR, so sharp pairs weigh as much in dB as blurred ones (default: ${DEFAULT-VALUE}).")
    String loss;

    @Option(names = "--threads", description = "PyTorch threads (default: all cores).")
    Integer threads;

    @Option(names = "--no-blur-share", description = "With --data photograph: share of pairs left unblurred, so the"
            + " model learns to leave sharp images alone (default: 0.1, DegradationSettings.photographMix).")
    Double noBlurShare;

    @Option(names = "--mild-share", description = "With --data photograph: share of pairs with mild blur (default:"
            + " 0.15).")
    Double mildShare;

    @Option(names = "--no-noise-share", description = "With --data photograph: share of pairs without noise"
            + " (default: 0.25).")
    Double noNoiseShare;

    @Option(names = "--in-focus-share", description = "With --data widefield: share of in-focus setups (small PSFs,"
            + " little haze; default: 0.25).")
    Double inFocusShare;

    @Override
    public Integer call() throws Exception {
        if (threads != null) {
            System.setProperty("ai.djl.pytorch.num_threads", threads.toString());
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
        NetworkConfig network = NetworkConfig.biAttention(1, width, blocks);
        switch (attention) {
            case "none": network = network.withAttention(false, false); break;
            case "shallow": network = network.withAttention(true, false); break;
            case "both": break;
            default: throw new IllegalArgumentException("--attention must be none, shallow or both");
        }
        TrainingData.Kind kind = TrainingData.Kind.parse(data);
        if (kind != TrainingData.Kind.PAIRS && pairs != null) {
            throw new IllegalArgumentException("--pairs needs --data pairs");
        }
        boolean mixed = noBlurShare != null || mildShare != null || noNoiseShare != null;
        if (mixed && kind != TrainingData.Kind.PHOTOGRAPH) {
            throw new IllegalArgumentException("--no-blur-share, --mild-share and --no-noise-share need --data"
                    + " photograph");
        }
        if (inFocusShare != null && kind != TrainingData.Kind.WIDEFIELD) {
            throw new IllegalArgumentException("--in-focus-share needs --data widefield");
        }
        TrainingData trainingData = inFocusShare != null
                ? TrainingData.widefield(sharpFolder, photons[0], photons[photons.length - 1], inFocusShare)
                : kind == TrainingData.Kind.PAIRS
                ? TrainingData.choose(kind, pairs, sharpFolder, photons[0], photons[photons.length - 1])
                : mixed ? TrainingData.photographs(sharpFolder, mix())
                : TrainingData.choose(kind, sharpFolder, null, photons[0], photons[photons.length - 1]);
        Path checkpoints = checkpointDir != null ? checkpointDir
                : Paths.get(System.getProperty("user.home"), ".cache", "bi-attention-deblur", "runs", name);
        TrainingSettings settings = TrainingSettings.builder()
                .optNetwork(network).optModelName(name).optSteps(steps).optBatchSize(batch).optPatchSize(patch)
                .optLearningRate(learningRate).optWarmUpSteps(warmUp).optValidateEvery(validateEvery)
                .optSnapshotEvery(snapshotEvery)
                .optValidationCount(validationCount).optValidationPatchSize(validationPatch)
                .optSeed(seed).optLoss(TrainingLoss.parse(loss)).optSharpFolder(sharpFolder)
                .setCheckpointDir(checkpoints).setOutput(output)
                .optPhotons(photons[0], photons[photons.length - 1]).optInitialModel(init)
                .optData(trainingData).optCard(card != null ? card : cardBeside(output))
                .build();
        System.out.println("Training " + name + " (" + network + "), checkpoints in " + checkpoints);
        ValidationReport last;
        try (Interruption interruption = new Interruption()) {
            // Ctrl-C finishes the current step and writes a checkpoint before the JVM exits.
            last = new DeblurTrainer(settings, new ConsoleProgress()).run(resume, interruption.requested());
        }
        if (last != null) {
            System.out.println("Last validation: " + last);
        }
        return 0;
    }

    /** The photograph mix with this command's shares and photons. */
    private DegradationSettings mix() {
        DegradationSettings.Builder b = DegradationSettings.photographMix().toBuilder()
                .photonsAtWhite(photons[0], photons[photons.length - 1]);
        if (noBlurShare != null) {
            b.sharpProbability(share("--no-blur-share", noBlurShare));
        }
        if (mildShare != null) {
            b.mildProbability(share("--mild-share", mildShare));
        }
        if (noNoiseShare != null) {
            b.noNoiseProbability(share("--no-noise-share", noNoiseShare));
        }
        return b.build();
    }

    private static double share(String option, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(option + " must be between 0 and 1, not " + value);
        }
        return value;
    }

    /** {@code model.zip} -> {@code model.md}, in the same folder. */
    static Path cardBeside(Path model) {
        String name = model.getFileName().toString().replaceFirst("(?i)\\.zip$", "");
        return model.resolveSibling(name + ".md");
    }

    /** One line per 10 steps, one per validation. */
    private static final class ConsoleProgress implements TrainingListener {
        @Override
        public void step(StepReport r) {
            if (r.step % 10 == 0 || r.step == r.totalSteps) {
                System.out.printf(Locale.ROOT, "step %d/%d  loss %.4f  lr %.2e  %.2f steps/s  ETA %s%n",
                        r.step, r.totalSteps, r.loss, r.learningRate, r.stepsPerSecond, duration(r.secondsLeft));
            }
        }

        @Override
        public void validated(ValidationReport report, boolean improved) {
            System.out.println("validation " + report + (improved ? "  (best: model written)" : ""));
        }

        @Override
        public void note(String message) {
            System.out.println(message);
        }

        private static String duration(double seconds) {
            long s = Math.round(seconds);
            return String.format(Locale.ROOT, "%dh%02dm%02ds", s / 3600, s / 60 % 60, s % 60);
        }
    }
}
