package io.github.biattention.deblur.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import io.github.biattention.deblur.data.BlurKernels;
import io.github.biattention.deblur.data.BlurKind;
import io.github.biattention.deblur.data.Convolution;
import io.github.biattention.deblur.data.Kernel;
import io.github.biattention.deblur.data.Noise;
import io.github.biattention.deblur.data.PairSampler;
import io.github.biattention.deblur.data.Plane;
import io.github.biattention.deblur.data.ProceduralImages;
import io.github.biattention.deblur.data.TrainingPair;
import io.github.biattention.deblur.model.DeblurModel;
import io.github.biattention.deblur.model.ModelFiles;
import io.github.biattention.deblur.network.BiAttentionNet;
import io.github.biattention.deblur.network.NetworkConfig;
import ai.djl.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeblurTrainerTest {

    private static final NetworkConfig TINY = NetworkConfig.biAttention(1, 8, 0);

    /** A tiny run validated every 3 steps, its checkpoints and model in {@code dir}. */
    private static TrainingSettings.Builder tinyRun(Path dir, int steps) {
        return TrainingSettings.builder()
                .optNetwork(TINY).optModelName("tiny").optSteps(steps).optBatchSize(2).optPatchSize(32)
                .optWarmUpSteps(2).optLearningRate(1e-3f).optValidateEvery(3).optValidationCount(2)
                .optValidationPatchSize(32).optSeed(7)
                .setCheckpointDir(dir.resolve("checkpoints")).setOutput(dir.resolve("model.zip"));
    }

    private static TrainingSettings settings(Path dir, int steps) {
        return tinyRun(dir, steps).build();
    }

    /** Records losses and can ask the run to stop after a given step. */
    private static final class Recorder implements TrainingListener {
        final List<Float> losses = new ArrayList<>();
        final List<ValidationReport> validations = new ArrayList<>();
        int lastStep;

        @Override
        public void step(StepReport r) {
            losses.add(r.loss);
            lastStep = r.step;
        }

        @Override
        public void validated(ValidationReport report, boolean improved) {
            validations.add(report);
        }
    }

    @Test
    void resumedRunEndsWithTheSameParametersAsAnUninterruptedOne(@TempDir Path dir) throws IOException {
        Recorder straight = new Recorder();
        new DeblurTrainer(settings(dir.resolve("a"), 6), straight).run(false, () -> false);

        Recorder first = new Recorder();
        new DeblurTrainer(settings(dir.resolve("b"), 6), first).run(false, () -> first.lastStep >= 4);
        assertEquals(4, first.lastStep, "cancel stops after the current step");
        Recorder second = new Recorder();
        new DeblurTrainer(settings(dir.resolve("b"), 6), second).run(true, () -> false);

        assertEquals(straight.losses.subList(4, 6), second.losses, "the resumed steps see the same losses");
        Map<String, float[]> a = checkpointParameters(dir.resolve("a"));
        Map<String, float[]> b = checkpointParameters(dir.resolve("b"));
        assertEquals(a.keySet(), b.keySet());
        for (String name : a.keySet()) {
            assertArrayEquals(a.get(name), b.get(name), 1e-6f, name);
        }
    }

    @Test
    void refusesToOverwriteOrResumeNothing(@TempDir Path dir) throws IOException {
        assertThrows(IOException.class,
                () -> new DeblurTrainer(settings(dir, 2), new Recorder()).run(true, () -> false));
        new DeblurTrainer(settings(dir, 1), new Recorder()).run(false, () -> false);
        IOException e = assertThrows(IOException.class,
                () -> new DeblurTrainer(settings(dir, 2), new Recorder()).run(false, () -> false));
        assertTrue(e.getMessage().contains("--resume"), e.getMessage());
    }

    /** Noisy pairs (100-1000 photons): a few dozen steps of a tiny network learn to denoise them measurably. */
    @Test
    void lossFallsAndTheSavedModelLoadsAndRuns(@TempDir Path dir) throws Exception {
        Recorder recorder = new Recorder();
        TrainingSettings s = TrainingSettings.builder()
                .optNetwork(TINY).optModelName("tiny").optSteps(40).optBatchSize(4).optPatchSize(32)
                .optWarmUpSteps(5).optLearningRate(2e-3f).optValidateEvery(20).optValidationCount(4)
                .optValidationPatchSize(32).optSeed(3).optPhotons(100, 1000)
                .setCheckpointDir(dir.resolve("ck")).setOutput(dir.resolve("model.zip")).build();
        new DeblurTrainer(s, recorder).run(false, () -> false);
        ValidationReport before = recorder.validations.get(0);
        ValidationReport after = recorder.validations.get(recorder.validations.size() - 1);
        assertEquals(0, before.step);
        assertEquals(40, after.step);
        assertTrue(after.psnr > before.psnr + 0.1,
                "validation PSNR should rise: step 0 " + before.psnr + " dB, step 40 " + after.psnr + " dB");
        assertTrue(Files.isRegularFile(s.output()));
        try (DeblurModel model = ModelFiles.load(s.output().toString(), Device.cpu())) {
            assertEquals(TINY, model.network().config());
            ValidationReport best = recorder.validations.stream()
                    .max((x, y) -> Double.compare(x.psnr, y.psnr)).orElseThrow();
            assertEquals(best.psnr, model.metadata().training.validationPsnr, 1e-9);
        }
    }

    /** Snapshots keep the weights of every asked-for step (and only those), whatever their validation. */
    @Test
    void snapshotsKeepTheWeightsOfEveryAskedStep(@TempDir Path dir) throws Exception {
        Recorder recorder = new Recorder();
        DeblurTrainer trainer = new DeblurTrainer(tinyRun(dir, 9).optSnapshotEvery(6).build(), recorder);
        trainer.run(false, () -> false);
        assertFalse(Files.exists(trainer.snapshotPath(3)), "3 is a validation, not a snapshot step");
        assertFalse(Files.exists(trainer.snapshotPath(9)));
        try (DeblurModel six = ModelFiles.load(trainer.snapshotPath(6).toString(), Device.cpu())) {
            assertEquals(6, six.metadata().training.steps);
            assertEquals(recorder.validations.get(2).psnr, six.metadata().training.validationPsnr, 1e-9);
        }
        assertThrows(IllegalArgumentException.class, () -> TrainingSettings.builder().optNetwork(TINY)
                .optValidateEvery(3).optSnapshotEvery(4).setCheckpointDir(dir).setOutput(dir.resolve("x.zip"))
                .build(), "snapshots come from validations");
    }

    /**
     * Any sampler: procedural images under one fixed Gaussian blur (sigma 1) and shot noise (300 photons at white),
     * which a tiny network measurably learns to undo in 60 steps.
     */
    private static TrainingData fixedGaussian() {
        Kernel kernel = BlurKernels.gaussian(1);
        ProceduralImages images = new ProceduralImages();
        return TrainingData.of(patch -> new PairSampler() {
            @Override
            public TrainingPair sample(long seed, long index) {
                SplittableRandom random = new SplittableRandom(seed * 31 + index);
                Plane crop = images.crop(random, patch + kernel.size() - 1);
                int margin = (kernel.size() - 1) / 2;
                Plane blurred = Noise.poissonGaussian(Convolution.valid(crop, kernel), 300, 0, random);
                return new TrainingPair(blurred, crop.crop(margin, margin, patch, patch), BlurKind.GAUSSIAN, kernel);
            }

            @Override
            public int patchSize() {
                return patch;
            }
        }, "procedural images, Gaussian blur of sigma 1");
    }

    @Test
    void learnsAnySamplersBlurAndWritesTheCard(@TempDir Path dir) throws Exception {
        Recorder recorder = new Recorder();
        TrainingSettings s = TrainingSettings.builder()
                .optNetwork(TINY).optModelName("gauss").optSteps(60).optBatchSize(2).optPatchSize(32)
                .optWarmUpSteps(5).optLearningRate(5e-3f).optValidateEvery(20).optValidationCount(4)
                .optValidationPatchSize(32).optSeed(3).optData(fixedGaussian()).optCard(dir.resolve("gauss.md"))
                .setCheckpointDir(dir.resolve("ck")).setOutput(dir.resolve("gauss.zip")).build();
        new DeblurTrainer(s, recorder).run(false, () -> false);
        double first = mean(recorder.losses.subList(0, 10));
        double last = mean(recorder.losses.subList(50, 60));
        ValidationReport before = recorder.validations.get(0);
        ValidationReport after = recorder.validations.get(recorder.validations.size() - 1);
        System.out.printf("fixed Gaussian, 60 steps: loss %.4f -> %.4f, validation PSNR %.2f -> %.2f dB%n",
                first, last, before.psnr, after.psnr);
        assertTrue(last < 0.95 * first, "mean loss of steps 1-10 " + first + ", of steps 51-60 " + last);
        assertTrue(after.psnr > before.psnr + 0.3, before.psnr + " -> " + after.psnr + " dB");
        String card = Files.readString(dir.resolve("gauss.md"));
        assertTrue(card.startsWith("# gauss") && card.contains("Gaussian blur of sigma 1")
                && card.contains("| 0 |") && card.contains("| 60 |"), card);
    }

    @Test
    void aRunStoppedBeforeItsFirstValidationStillLeavesAModel(@TempDir Path dir) throws Exception {
        Recorder recorder = new Recorder();
        TrainingSettings s = TrainingSettings.builder()
                .optNetwork(TINY).optModelName("early").optSteps(100).optBatchSize(2).optPatchSize(32)
                .optValidateEvery(50).optValidationCount(2).optValidationPatchSize(32).optData(fixedGaussian())
                .setCheckpointDir(dir.resolve("ck")).setOutput(dir.resolve("early.zip")).build();
        new DeblurTrainer(s, recorder).run(false, () -> recorder.lastStep >= 3);
        try (DeblurModel model = ModelFiles.load(s.output().toString(), Device.cpu())) {
            assertEquals(3, model.metadata().training.steps);
        }
    }

    /** A fine-tune that only makes things worse (a learning rate of 0.2 wrecks the network; 1 makes the loss NaN on some processors) keeps its start. */
    @Test
    void aFineTuneNeverSavesAModelWorseThanItsStart(@TempDir Path dir) throws Exception {
        TrainingSettings.Builder tiny = TrainingSettings.builder()
                .optNetwork(TINY).optBatchSize(2).optPatchSize(32).optValidationCount(4).optValidationPatchSize(32)
                .optSeed(3).optData(fixedGaussian());
        TrainingSettings start = tiny.optModelName("start").optSteps(30).optWarmUpSteps(5).optLearningRate(5e-3f)
                .optValidateEvery(30).setCheckpointDir(dir.resolve("ck1")).setOutput(dir.resolve("start.zip"))
                .build();
        new DeblurTrainer(start, new Recorder()).run(false, () -> false);

        Recorder recorder = new Recorder();
        TrainingSettings wreck = tiny.optModelName("wreck").optSteps(6).optWarmUpSteps(0).optLearningRate(0.2f)
                .optValidateEvery(3).optInitialModel(start.output().toString())
                .setCheckpointDir(dir.resolve("ck2")).setOutput(dir.resolve("wreck.zip")).build();
        new DeblurTrainer(wreck, recorder).run(false, () -> false);
        ValidationReport first = recorder.validations.get(0);
        assertEquals(0, first.step);
        assertEquals(3, recorder.validations.size(), "steps 0, 3 and 6");
        for (ValidationReport later : recorder.validations.subList(1, 3)) {
            assertTrue(later.psnr < first.psnr, "step " + later.step + ": " + later.psnr + " dB, start " + first.psnr);
        }
        try (DeblurModel model = ModelFiles.load(wreck.output().toString(), Device.cpu())) {
            assertEquals(first.psnr, model.metadata().training.validationPsnr, 1e-9);
            assertEquals(0, model.metadata().training.steps);
        }
    }

    /**
     * Fiji runs commands on threads of its own, where PyTorch's autograd is on (the engine turns it off only on the
     * thread that started it): starting from a model's weights and resuming must not write to parameters that
     * already track gradients.
     */
    @Test
    void fineTunesAndResumesOnAThreadOtherThanTheEnginesFirst(@TempDir Path dir) throws Exception {
        TrainingSettings start = tinyRun(dir.resolve("start"), 3).build();
        new DeblurTrainer(start, new Recorder()).run(false, () -> false);
        TrainingSettings fineTune = tinyRun(dir.resolve("tune"), 6).optInitialModel(start.output().toString()).build();
        Recorder first = new Recorder();
        onNewThread(() -> new DeblurTrainer(fineTune, first).run(false, () -> first.lastStep >= 3));
        assertEquals(3, first.lastStep);
        Recorder second = new Recorder();
        onNewThread(() -> new DeblurTrainer(fineTune, second).run(true, () -> false));
        assertEquals(6, second.lastStep);
        assertTrue(Files.exists(fineTune.output()));
    }

    /** Runs {@code work} on a new thread and waits for it; its failure, if any, comes back as the cause. */
    private static <T> T onNewThread(Callable<T> work) throws Exception {
        FutureTask<T> task = new FutureTask<>(work);
        new Thread(task).start();
        return task.get();
    }

    private static double mean(List<Float> values) {
        return values.stream().mapToDouble(Float::doubleValue).average().orElseThrow();
    }

    private static Map<String, float[]> checkpointParameters(Path run) throws IOException {
        BiAttentionNet net = BiAttentionNet.of(TINY);
        try (Model model = Model.newInstance("check")) {
            model.setBlock(net);
            net.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 1, 32, 32));
            ResumableAdam adam = new ResumableAdam(Tracker.fixed(1e-3f), 1f);
            new Checkpoint(run.resolve("checkpoints")).load(net, adam, model.getNDManager());
            Map<String, float[]> values = new LinkedHashMap<>();
            for (Pair<String, Parameter> p : net.getParameters()) {
                values.put(p.getKey(), p.getValue().getArray().toFloatArray());
            }
            return values;
        }
    }
}
