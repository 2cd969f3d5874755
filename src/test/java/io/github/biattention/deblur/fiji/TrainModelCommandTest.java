package io.github.biattention.deblur.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.github.biattention.deblur.inference.DeblurEngine;
import io.github.biattention.deblur.inference.DeblurSettings;
import io.github.biattention.deblur.model.DeblurModel;
import io.github.biattention.deblur.model.ModelFiles;
import io.github.biattention.deblur.model.UserModels;
import io.github.biattention.deblur.network.NetworkConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Cancelable;
import org.scijava.Context;
import org.scijava.app.StatusService;
import org.scijava.app.event.StatusEvent;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.event.EventHandler;
import org.scijava.event.EventService;
import org.scijava.module.Module;
import org.scijava.module.ModuleService;

/** Train Deblurring Model: a tiny network on a folder of pairs, saved as a user model with its card. */
class TrainModelCommandTest {

    @TempDir
    Path folder;

    private Context context;
    private volatile Module running;
    private volatile int cancelAtStep = Integer.MAX_VALUE;

    @BeforeEach
    void setUp() {
        System.setProperty(UserModels.FOLDER_PROPERTY, folder.resolve("models").toString());
        context = new Context(CommandService.class, StatusService.class, EventService.class, ModuleService.class);
        context.service(EventService.class).subscribe(this);
    }

    @AfterEach
    void tearDown() {
        context.dispose();
        System.clearProperty(UserModels.FOLDER_PROPERTY);
    }

    /** Cancels the running command once the status bar shows the step (events arrive on SciJava's thread). */
    @EventHandler
    public void onStatus(StatusEvent event) {
        if (event.getProgressValue() >= cancelAtStep && running != null) {
            ((Cancelable) running).cancel("cancelled by the user");
        }
    }

    /** Fixed Gaussian blur (sigma 1) and shot noise: a tiny network learns to undo it in a few dozen steps. */
    private Path pairs() {
        Path data = folder.resolve("pairs");
        PairImages.procedural(data.resolve("sharp"), data.resolve("blur"), 5, 64, 11, 1, 300);
        return data;
    }

    private Map<String, Object> inputs(String name, int steps) {
        Map<String, Object> inputs = new HashMap<>(Map.of("data", "pairs", "images", pairs().toFile(),
                "name", name, "start", "scratch", "width", 8, "blocks", 0, "steps", steps, "batch", 2,
                "patch", 32, "rate", 5e-3));
        inputs.put("overwrite", false);
        return inputs;
    }

    private Module train(Map<String, Object> inputs) throws Exception {
        CommandInfo info = context.service(CommandService.class).getCommand(TrainModelCommand.class);
        Module module = context.service(ModuleService.class).createModule(info);
        inputs.forEach((name, value) -> {
            module.setInput(name, value);
            module.resolveInput(name);
        });
        running = module;
        return context.service(ModuleService.class).run(module, true).get();
    }

    @Test
    void trainsOnPairsAndSavesAUserModelThatLoadsAndRuns() throws Exception {
        Module done = train(inputs("gauss", 40));
        assertFalse(Commands.canceled(done), () -> Commands.reason(done));
        double start = (Double) done.getOutput("startpsnr");
        double best = (Double) done.getOutput("psnr");
        System.out.printf("Train Deblurring Model on pairs, 40 steps: validation PSNR %.2f -> %.2f dB%n", start, best);
        assertTrue(best > start + 0.3, "validation PSNR " + start + " -> " + best + " dB");
        assertTrue(((String) done.getOutput("summary")).startsWith("Trained 40 steps"), (String) done.getOutput(
                "summary"));
        assertTrue(UserModels.allNames().contains("gauss"));
        String card = Files.readString(folder.resolve("models/gauss.md"));
        assertTrue(card.contains("real pairs") && card.contains("| 0 |"), card);
        try (DeblurModel model = ModelFiles.load("gauss", Device.cpu())) {
            assertEquals(NetworkConfig.biAttention(1, 8, 0), model.network().config());
            float[] image = new float[40 * 36];
            for (int i = 0; i < image.length; i++) {
                image[i] = (i % 40 / 5 + i / 40 / 6) % 2 == 0 ? 0.2f : 0.8f;
            }
            float[] out = DeblurEngine.deblurPlane(image, 40, 36, model, DeblurSettings.defaults());
            assertEquals(image.length, out.length);
            for (float v : out) {
                assertTrue(Float.isFinite(v));
            }
        }

        Module again = train(inputs("gauss", 40));
        assertTrue(Commands.canceled(again) && Commands.reason(again).contains("exists"), Commands.reason(again));
    }

    @Test
    void cancelStopsAndKeepsTheBestModelSoFar() throws Exception {
        cancelAtStep = 30; // 200 steps validate every 20: the first validation is behind, the next ahead
        Module done = train(inputs("stopped", 200));
        String summary = (String) done.getOutput("summary");
        assertTrue(summary.startsWith("Stopped at step"), summary);
        try (DeblurModel model = ModelFiles.load("stopped", Device.cpu())) {
            long step = model.metadata().training.steps;
            assertTrue(step >= 20 && step % 20 == 0 && step < 200, "the best model so far is from step " + step);
        }
        assertTrue(Files.isRegularFile(folder.resolve("models/stopped.md")));
    }
}
