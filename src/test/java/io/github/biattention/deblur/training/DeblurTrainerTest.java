package io.github.biattention.deblur.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeblurTrainerTest {

    private static final NetworkConfig TINY = NetworkConfig.biAttention(1, 8, 0);

    private static TrainingSettings settings(Path dir, int steps) {
        return TrainingSettings.builder()
                .optNetwork(TINY).optModelName("tiny").optSteps(steps).optBatchSize(2).optPatchSize(32)
                .optWarmUpSteps(2).optLearningRate(1e-3f).optValidateEvery(3).optValidationCount(2)
                .optValidationPatchSize(32).optSeed(7)
                .setCheckpointDir(dir.resolve("checkpoints")).setOutput(dir.resolve("model.zip")).build();
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
