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
import io.github.biattention.deblur.data.PairSampler;
import io.github.biattention.deblur.data.TrainingPair;
import io.github.biattention.deblur.model.DeblurModel;
import io.github.biattention.deblur.model.ModelException;
import io.github.biattention.deblur.model.ModelFiles;
import io.github.biattention.deblur.model.ModelMetadata;
import io.github.biattention.deblur.model.NativeEngine;
import io.github.biattention.deblur.network.BiAttentionNet;
import io.github.biattention.deblur.network.NetworkConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Trains a {@link BiAttentionNet} with DJL's Trainer on the pairs of {@link TrainingSettings#data()}: synthetic
 * degradations or crops of real pairs.
 *
 * <p>Step {@code s} always sees the same batch: pairs {@code s * batch ... s * batch + batch - 1} of the seeded
 * sampler's stream. Together with the checkpointed parameters and Adam moments this makes a resumed run continue
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
     * checkpoint and the best model file (with its card, if one is asked for) stay on disk. A run stopped before its
     * first validation validates once on stopping, so that it leaves a model too.
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
        PairSampler sampler = settings.data().training(settings.patchSize());
        Validator validator = new Validator(settings.data().validationSet(settings.seed() + VALIDATION_SEED_OFFSET,
                settings.validationCount(), settings.validationPatchSize()));

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
            DefaultTrainingConfig config = new DefaultTrainingConfig(settings.loss().create(settings.gradientLossWeight()))
                    .optOptimizer(optimizer);
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(inputShape);
                return loop(trainer, network, optimizer, sampler, validator, checkpoint, state, cancelled);
            }
        }
    }

    private ValidationReport loop(Trainer trainer, BiAttentionNet network, ResumableAdam optimizer,
            PairSampler sampler, Validator validator, Checkpoint checkpoint, Checkpoint.State state,
            BooleanSupplier cancelled) throws IOException {
        ValidationReport last = null;
        List<ValidationReport> history = new ArrayList<>();
        long start = System.nanoTime();
        int startStep = state.step;
        double elapsedBefore = state.seconds;
        int step = state.step;
        if (step == 0 && settings.initialModel().isPresent()) {
            // Fine-tuning: the starting weights are the model to beat, so the file never ends up worse than them.
            last = validate(network, trainer, validator, checkpoint, optimizer, state, history);
        } else if (step == 0) {
            // The untrained network is close to the identity: this is the "before" figure.
            last = validator.evaluate(network, trainer.getManager(), 0);
            history.add(last);
            listener.validated(last, false);
        }
        while (step < settings.steps() && !cancelled.getAsBoolean()) {
            List<TrainingPair> pairs = new ArrayList<>(settings.batchSize());
            for (int i = 0; i < settings.batchSize(); i++) {
                pairs.add(sampler.sample(settings.seed(), (long) step * settings.batchSize() + i));
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
                last = validate(network, trainer, validator, checkpoint, optimizer, state, history);
            }
        }
        if (step > 0 && state.bestPsnr == Double.NEGATIVE_INFINITY) {
            // Stopped before the first validation: keep a model all the same.
            last = validate(network, trainer, validator, checkpoint, optimizer, state, history);
        }
        if (last == null || last.step != step) {
            checkpoint.save(state, network, optimizer);
            listener.note("Checkpoint written at step " + step);
        }
        return last;
    }

    /** Validates at the current step, writes the model (and card) if it is the best so far, then a checkpoint. */
    private ValidationReport validate(BiAttentionNet network, Trainer trainer, Validator validator,
            Checkpoint checkpoint, ResumableAdam optimizer, Checkpoint.State state, List<ValidationReport> history)
            throws IOException {
        ValidationReport report = validator.evaluate(network, trainer.getManager(), state.step);
        history.add(report);
        boolean improved = report.psnr > state.bestPsnr;
        ModelMetadata metadata = metadata(network, state, report);
        if (improved) {
            state.bestPsnr = report.psnr;
            ModelFiles.save(settings.output(), metadata, network);
            if (settings.card().isPresent()) {
                ModelCard.write(settings.card().get(), metadata, settings, history);
            }
        }
        if (settings.snapshotEvery() > 0 && state.step > 0 && state.step % settings.snapshotEvery() == 0) {
            Path snapshot = snapshotPath(state.step);
            ModelFiles.save(snapshot, metadata, network);
            listener.note("Snapshot written: " + snapshot);
        }
        checkpoint.save(state, network, optimizer);
        listener.validated(report, improved);
        return report;
    }

    /** Where the weights of {@code step} are kept when {@link TrainingSettings#snapshotEvery()} asks for it. */
    public Path snapshotPath(int step) {
        return settings.checkpointDir().resolve("step-" + step + ".zip");
    }

    /**
     * The architecture of a model (bundled name or file), to train a network that can start from its weights.
     *
     * @throws IOException when the model cannot be read
     */
    public static NetworkConfig architectureOf(String model) throws IOException {
        NativeEngine.prepare();
        try (DeblurModel loaded = ModelFiles.load(model, Device.cpu())) {
            return loaded.network().config();
        } catch (ModelException e) {
            throw new IOException(e.getMessage(), e);
        }
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

    /** The training data, in words, for the model card. */
    String dataDescription() {
        return settings.data().description()
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
