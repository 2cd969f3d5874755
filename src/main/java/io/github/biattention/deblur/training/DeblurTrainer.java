package io.github.biattention.deblur.training;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.ParameterList;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.tracker.Tracker;
import io.github.biattention.deblur.data.Degradation;
import io.github.biattention.deblur.data.DegradationSettings;
import io.github.biattention.deblur.data.FolderImages;
import io.github.biattention.deblur.data.MixedSource;
import io.github.biattention.deblur.data.ProceduralImages;
import io.github.biattention.deblur.data.SharpSource;
import io.github.biattention.deblur.data.TrainingPair;
import io.github.biattention.deblur.model.DeblurModel;
import io.github.biattention.deblur.model.ModelException;
import io.github.biattention.deblur.model.ModelFiles;
import io.github.biattention.deblur.model.ModelMetadata;
import io.github.biattention.deblur.model.NativeEngine;
import io.github.biattention.deblur.network.BiAttentionNet;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Trains a {@link BiAttentionNet} on synthetic degradations with DJL's Trainer.
 *
 * <p>Step {@code s} always sees the same batch: pairs {@code s * batch ... s * batch + batch - 1} of the seeded
 * degradation stream. Together with the checkpointed parameters and Adam moments this makes a resumed run continue
 * exactly as if it had never stopped.
 */
public final class DeblurTrainer {

    /** Offset between the training stream's seed and the validation set's, so the two never share pairs. */
    private static final long VALIDATION_SEED_OFFSET = 0x5EED_0000_0001L;

    private final TrainingSettings settings;
    private final TrainingListener listener;

    public DeblurTrainer(TrainingSettings settings, TrainingListener listener) {
        this.settings = settings;
        this.listener = listener;
    }

    /**
     * Runs (or resumes) training until the last step or until {@code cancelled} turns true; either way the last
     * checkpoint and the best model file stay on disk.
     *
     * @param resume continue from the checkpoint in the checkpoint folder (which must then exist)
     * @return the last validation report
     * @throws IOException if a checkpoint or the model cannot be read or written
     */
    public ValidationReport run(boolean resume, BooleanSupplier cancelled) throws IOException {
        NativeEngine.prepare();
        Checkpoint checkpoint = new Checkpoint(settings.checkpointDir());
        if (!resume && checkpoint.exists()) {
            throw new IOException("A training run already exists in " + settings.checkpointDir()
                    + ": add --resume to continue it, or choose another checkpoint folder");
        }
        if (resume && !checkpoint.exists()) {
            throw new IOException("Nothing to resume: no checkpoint in " + settings.checkpointDir());
        }
        DegradationSettings noise = DegradationSettings.defaults().toBuilder()
                .photonsAtWhite(settings.minPhotons(), settings.maxPhotons()).build();
        Degradation degradation = new Degradation(sharpSource(),
                noise.toBuilder().patchSize(settings.patchSize()).build());
        Degradation validationData = new Degradation(sharpSource(),
                noise.toBuilder().patchSize(settings.validationPatchSize()).build());
        Validator validator = new Validator(
                validationData.fixedSet(settings.seed() + VALIDATION_SEED_OFFSET, settings.validationCount()));

        Tracker schedule = Tracker.warmUp()
                .optWarmUpSteps(settings.warmUpSteps())
                .optWarmUpBeginValue(settings.learningRate() / 100)
                .setMainTracker(Tracker.cosine()
                        .setBaseValue(settings.learningRate())
                        .optFinalValue(settings.finalLearningRate())
                        .setMaxUpdates(settings.steps())
                        .build())
                .build();
        ResumableAdam optimizer = new ResumableAdam(schedule, 1f);
        BiAttentionNet network = BiAttentionNet.of(settings.network());
        Shape inputShape = new Shape(settings.batchSize(), settings.network().inputChannels(),
                settings.patchSize(), settings.patchSize());
        try (Model model = Model.newInstance(settings.modelName())) {
            model.setBlock(network);
            // Seeded initial weights, so two runs with the same settings are the same run.
            Engine.getInstance().setRandomSeed((int) settings.seed());
            // Parameters are loaded before the trainer exists: its parameter store keeps the arrays it first sees.
            network.initialize(model.getNDManager(), DataType.FLOAT32, inputShape);
            optimizer.bind(network.getParameters());
            Checkpoint.State state = resume
                    ? checkpoint.load(network, optimizer, model.getNDManager())
                    : Checkpoint.State.fresh();
            if (!resume && settings.initialModel().isPresent()) {
                copyWeights(settings.initialModel().get(), network);
                listener.note("Starting from the weights of " + settings.initialModel().get());
            }
            if (resume) {
                listener.note("Resumed from " + settings.checkpointDir() + " at step " + state.step
                        + " (best validation PSNR " + String.format("%.2f", state.bestPsnr) + " dB)");
            }
            DefaultTrainingConfig config = new DefaultTrainingConfig(new DeblurLoss(settings.gradientLossWeight()))
                    .optOptimizer(optimizer);
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(inputShape);
                return loop(trainer, network, optimizer, degradation, validator, checkpoint, state, cancelled);
            }
        }
    }

    private ValidationReport loop(Trainer trainer, BiAttentionNet network, ResumableAdam optimizer,
            Degradation degradation, Validator validator, Checkpoint checkpoint, Checkpoint.State state,
            BooleanSupplier cancelled) throws IOException {
        ValidationReport last = null;
        long start = System.nanoTime();
        int startStep = state.step;
        double elapsedBefore = state.seconds;
        int step = state.step;
        if (step == 0) {
            // The untrained network is close to the identity: this is the "before" figure.
            last = validator.evaluate(network, trainer.getManager(), 0);
            listener.validated(last, false);
        }
        while (step < settings.steps() && !cancelled.getAsBoolean()) {
            List<TrainingPair> pairs = new ArrayList<>(settings.batchSize());
            for (int i = 0; i < settings.batchSize(); i++) {
                pairs.add(degradation.sample(settings.seed(), (long) step * settings.batchSize() + i));
            }
            float loss;
            try (NDManager manager = trainer.getManager().newSubManager()) {
                NDArray[] batch = Batches.of(pairs, manager);
                try (GradientCollector collector = trainer.newGradientCollector()) {
                    NDArray output = trainer.forward(new NDList(batch[0])).singletonOrThrow();
                    NDArray lossValue = trainer.getLoss().evaluate(new NDList(batch[1]), new NDList(output));
                    collector.backward(lossValue);
                    loss = lossValue.getFloat();
                }
                optimizer.setStep(step);
                trainer.step();
            }
            step++;
            double seconds = (System.nanoTime() - start) / 1e9;
            double rate = (step - startStep) / seconds;
            listener.step(new TrainingListener.StepReport(step, settings.steps(), loss,
                    optimizer.learningRate(step - 1), rate, (settings.steps() - step) / rate));
            if (!Float.isFinite(loss)) {
                throw new IOException("Training diverged at step " + step + " (loss " + loss
                        + "): lower the learning rate and resume from the last checkpoint");
            }
            state.step = step;
            state.seconds = elapsedBefore + seconds;
            if (step % settings.validateEvery() == 0 || step == settings.steps()) {
                last = validator.evaluate(network, trainer.getManager(), step);
                boolean improved = last.psnr > state.bestPsnr;
                if (improved) {
                    state.bestPsnr = last.psnr;
                    ModelFiles.save(settings.output(), metadata(network, state, last), network);
                }
                checkpoint.save(state, network, optimizer);
                listener.validated(last, improved);
            }
        }
        if (last == null || last.step != step) {
            checkpoint.save(state, network, optimizer);
            listener.note("Checkpoint written at step " + step);
        }
        return last;
    }

    /** Copies the parameters of a model with the same architecture into {@code network} (initialised). */
    private static void copyWeights(String model, BiAttentionNet network) throws IOException {
        try (DeblurModel source = ModelFiles.load(model, Device.cpu())) {
            if (!source.network().config().equals(network.config())) {
                throw new IOException("The initial model " + model + " has another architecture ("
                        + source.network().config() + ") than the one being trained (" + network.config() + ")");
            }
            ParameterList from = source.network().getParameters();
            ParameterList to = network.getParameters();
            for (int i = 0; i < to.size(); i++) {
                to.get(i).getValue().getArray().set(from.get(i).getValue().getArray().toFloatArray());
            }
        } catch (ModelException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    private SharpSource sharpSource() {
        ProceduralImages procedural = new ProceduralImages();
        if (settings.sharpFolder().isEmpty()) {
            return procedural;
        }
        FolderImages folder = new FolderImages(settings.sharpFolder().get());
        return MixedSource.builder().add(folder, 0.5).add(procedural, 0.5).build();
    }

    /** The training data, in words, for the model card. */
    String dataDescription() {
        String procedural = "procedural sharp images (dead leaves, fluorescence-like blobs and filaments, edges)";
        return settings.sharpFolder()
                .map(f -> "50% images from " + f.getFileName() + " (" + FolderImages.listImages(f).size()
                        + " files), 50% " + procedural)
                .orElse(procedural)
                + "; blur: random camera-shake trajectories (<= 31 px), defocus disks, Gaussians;"
                + " Poisson-Gaussian noise (" + Math.round(settings.minPhotons()) + "-"
                + Math.round(settings.maxPhotons()) + " photons at white, 15% without shot noise)"
                + settings.initialModel().map(m -> "; started from the weights of " + m).orElse("");
    }

    private ModelMetadata metadata(BiAttentionNet network, Checkpoint.State state, ValidationReport report) {
        ModelMetadata m = new ModelMetadata();
        m.name = settings.modelName();
        m.description = "Bi-attention deblurring network, grayscale, blind to the blur kind";
        m.architecture = ModelMetadata.Architecture.of(network.config());
        m.normalization.lowPercentile = Batches.LOW_PERCENTILE;
        m.normalization.highPercentile = Batches.HIGH_PERCENTILE;
        m.training.data = dataDescription();
        m.training.steps = state.step;
        m.training.seconds = Math.round(state.seconds);
        m.training.seed = settings.seed();
        m.training.batchSize = settings.batchSize();
        m.training.patchSize = settings.patchSize();
        m.training.validationPsnr = report.psnr;
        m.training.validationSsim = report.ssim;
        m.training.blurredPsnr = report.blurredPsnr;
        m.training.blurredSsim = report.blurredSsim;
        m.training.finished = Instant.now().toString();
        return m;
    }
}
