package io.github.biattention.deblur.training;

import io.github.biattention.deblur.network.NetworkConfig;
import java.nio.file.Path;
import java.util.Optional;

/** Everything a training run needs; immutable. Build with {@link #builder()}. */
public final class TrainingSettings {

    private final NetworkConfig network;
    private final String modelName;
    private final int steps;
    private final int batchSize;
    private final int patchSize;
    private final float learningRate;
    private final float finalLearningRate;
    private final int warmUpSteps;
    private final float gradientLossWeight;
    private final TrainingLoss loss;
    private final int validateEvery;
    private final int snapshotEvery;
    private final int validationCount;
    private final int validationPatchSize;
    private final long seed;
    private final Path sharpFolder;
    private final Path checkpointDir;
    private final Path output;
    private final double minPhotons;
    private final double maxPhotons;
    private final String initialModel;
    private final TrainingData data;
    private final Path card;

    private TrainingSettings(Builder b) {
        network = b.network;
        modelName = b.modelName;
        steps = b.steps;
        batchSize = b.batchSize;
        patchSize = b.patchSize;
        learningRate = b.learningRate;
        finalLearningRate = b.finalLearningRate;
        warmUpSteps = b.warmUpSteps;
        gradientLossWeight = b.gradientLossWeight;
        loss = b.loss;
        validateEvery = b.validateEvery;
        snapshotEvery = b.snapshotEvery;
        validationCount = b.validationCount;
        validationPatchSize = b.validationPatchSize;
        seed = b.seed;
        sharpFolder = b.sharpFolder;
        checkpointDir = b.checkpointDir;
        output = b.output;
        minPhotons = b.minPhotons;
        maxPhotons = b.maxPhotons;
        initialModel = b.initialModel;
        data = b.data != null ? b.data : TrainingData.photographs(sharpFolder, minPhotons, maxPhotons);
        card = b.card;
    }

    public static Builder builder() {
        return new Builder();
    }

    public NetworkConfig network() { return network; }
    public String modelName() { return modelName; }
    /** Total number of steps; the cosine schedule reaches its final learning rate here. */
    public int steps() { return steps; }
    public int batchSize() { return batchSize; }
    public int patchSize() { return patchSize; }
    public float learningRate() { return learningRate; }
    public float finalLearningRate() { return finalLearningRate; }
    public int warmUpSteps() { return warmUpSteps; }
    public float gradientLossWeight() { return gradientLossWeight; }
    /** The loss minimised ({@link TrainingLoss#L1_EDGES} unless chosen). */
    public TrainingLoss loss() { return loss; }
    public int validateEvery() { return validateEvery; }
    /**
     * Every this many steps (at a validation) the weights are also kept as {@code step-N.zip} in the checkpoint
     * folder, whatever their validation: a run is then judged on images it never drew from (robustness,
     * bench), not only on its own validation pairs. 0 (the default): none.
     */
    public int snapshotEvery() { return snapshotEvery; }
    public int validationCount() { return validationCount; }
    public int validationPatchSize() { return validationPatchSize; }
    public long seed() { return seed; }
    /** Folder of sharp images for the default data; empty for procedural images only. */
    public Optional<Path> sharpFolder() { return Optional.ofNullable(sharpFolder); }
    /** Where checkpoints go (outside the work tree, so a run survives a fresh checkout). */
    public Path checkpointDir() { return checkpointDir; }
    /** The model file written (best validation PSNR so far). */
    public Path output() { return output; }
    /** Shot noise of the default data: photons at white, drawn log-uniformly between these (15% have none). */
    public double minPhotons() { return minPhotons; }
    public double maxPhotons() { return maxPhotons; }
    /** A model (bundled name or file) whose weights start a new run; empty for a random start. */
    public Optional<String> initialModel() { return Optional.ofNullable(initialModel); }
    /**
     * The training and validation pairs; by default {@link TrainingData#photographs} of the sharp folder with the
     * photon range above.
     */
    public TrainingData data() { return data; }
    /** A Markdown model card written beside each model file written; empty for none. */
    public Optional<Path> card() { return Optional.ofNullable(card); }

    /** Builder: {@code set*} are required, {@code opt*} have defaults. */
    public static final class Builder {
        private NetworkConfig network = NetworkConfig.biAttention(1, 16, 1);
        private String modelName = "custom";
        private int steps = 20000;
        private int batchSize = 8;
        private int patchSize = 128;
        private float learningRate = 5e-4f;
        private float finalLearningRate = 1e-6f;
        private int warmUpSteps = 200;
        private float gradientLossWeight = 0.5f;
        private TrainingLoss loss = TrainingLoss.L1_EDGES;
        private int validateEvery = 250;
        private int snapshotEvery;
        private int validationCount = 32;
        private int validationPatchSize = 192;
        private long seed = 1;
        private Path sharpFolder;
        private Path checkpointDir;
        private Path output;
        private double minPhotons = 100;
        private double maxPhotons = 30000;
        private String initialModel;
        private TrainingData data;
        private Path card;

        public Builder optNetwork(NetworkConfig v) { network = v; return this; }
        public Builder optModelName(String v) { modelName = v; return this; }
        public Builder optSteps(int v) { steps = v; return this; }
        public Builder optBatchSize(int v) { batchSize = v; return this; }
        public Builder optPatchSize(int v) { patchSize = v; return this; }
        public Builder optLearningRate(float v) { learningRate = v; return this; }
        public Builder optFinalLearningRate(float v) { finalLearningRate = v; return this; }
        public Builder optWarmUpSteps(int v) { warmUpSteps = v; return this; }
        public Builder optGradientLossWeight(float v) { gradientLossWeight = v; return this; }
        public Builder optLoss(TrainingLoss v) { loss = v; return this; }
        public Builder optValidateEvery(int v) { validateEvery = v; return this; }
        public Builder optSnapshotEvery(int v) { snapshotEvery = v; return this; }
        public Builder optValidationCount(int v) { validationCount = v; return this; }
        public Builder optValidationPatchSize(int v) { validationPatchSize = v; return this; }
        public Builder optSeed(long v) { seed = v; return this; }
        public Builder optSharpFolder(Path v) { sharpFolder = v; return this; }
        public Builder setCheckpointDir(Path v) { checkpointDir = v; return this; }
        public Builder setOutput(Path v) { output = v; return this; }
        public Builder optPhotons(double min, double max) { minPhotons = min; maxPhotons = max; return this; }
        public Builder optInitialModel(String v) { initialModel = v; return this; }
        /** Replaces the default data (and with it the sharp folder and photon range). */
        public Builder optData(TrainingData v) { data = v; return this; }
        public Builder optCard(Path v) { card = v; return this; }

        public TrainingSettings build() {
            if (checkpointDir == null || output == null) {
                throw new IllegalArgumentException("a checkpoint folder and an output model file are required");
            }
            if (steps < 1 || batchSize < 1 || validateEvery < 1 || validationCount < 1) {
                throw new IllegalArgumentException("steps, batch size, validation interval and count must be >= 1");
            }
            if (snapshotEvery < 0 || snapshotEvery % validateEvery != 0) {
                throw new IllegalArgumentException("snapshots are taken at validations: the snapshot interval ("
                        + snapshotEvery + ") must be 0 or a multiple of the validation interval (" + validateEvery + ")");
            }
            int multiple = network.sizeMultiple();
            if (patchSize < multiple || validationPatchSize < multiple) {
                throw new IllegalArgumentException("patch sizes must be at least " + multiple + " pixels");
            }
            if (!(learningRate > 0) || finalLearningRate < 0 || finalLearningRate > learningRate) {
                throw new IllegalArgumentException("need learning rate > 0 and 0 <= final learning rate <= it");
            }
            return new TrainingSettings(this);
        }
    }
}
