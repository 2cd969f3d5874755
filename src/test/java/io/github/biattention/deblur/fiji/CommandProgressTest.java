package io.github.biattention.deblur.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.process.FloatProcessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.scijava.Context;
import org.scijava.app.StatusService;
import org.scijava.app.event.StatusEvent;
import org.scijava.command.CommandInfo;
import org.scijava.module.Module;
import org.scijava.command.CommandService;
import org.scijava.event.EventHandler;
import org.scijava.event.EventService;
import org.scijava.module.ModuleService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Progress reaches Fiji's status bar (SciJava's StatusService), and cancel stops the command with no output. */
class CommandProgressTest {

    private Context context;
    // StatusService publishes later, on SciJava's event thread.
    private final List<StatusEvent> events = java.util.Collections.synchronizedList(new ArrayList<>());
    private Module module;
    private int cancelAfter = Integer.MAX_VALUE;

    @BeforeEach
    void createContext() {
        context = new Context(CommandService.class, StatusService.class, EventService.class, ModuleService.class);
        context.service(EventService.class).subscribe(this);
    }

    @AfterEach
    void disposeContext() {
        context.dispose();
    }

    @EventHandler
    public void onStatus(StatusEvent event) {
        events.add(event);
        if (event.getProgressValue() >= cancelAfter && module != null) {
            ((org.scijava.Cancelable) module).cancel("cancelled by the user");
        }
    }

    private Module run(ImagePlus image) throws Exception {
        CommandInfo info = context.service(CommandService.class).getCommand(DeblurImagePlusCommand.class);
        module = context.service(ModuleService.class).createModule(info);
        Map<String, Object> inputs = Map.of("image", image, "model", "general", "tile", 128, "overlap", 16,
                "low", 1.0, "high", 99.8, "device", "cpu", "perplane", false, "keepdepth", false);
        inputs.forEach((name, value) -> {
            module.setInput(name, value);
            module.resolveInput(name);
        });
        return context.service(ModuleService.class).run(module, true).get();
    }

    /** Waits until no status event has arrived for a while (they are delivered asynchronously). */
    private void awaitQuiet() throws InterruptedException {
        int seen = -1;
        for (int i = 0; i < 50 && events.size() != seen; i++) {
            seen = events.size();
            Thread.sleep(100);
        }
    }

    private static ImagePlus image(int w, int h) {
        FloatProcessor fp = new FloatProcessor(w, h);
        for (int i = 0; i < w * h; i++) {
            fp.setf(i, (float) Math.sin(i * 0.01));
        }
        return new ImagePlus("wave", fp);
    }

    @Test
    void reportsPlaneTileAndTimeLeftInTheStatusBar() throws Exception {
        Module done = run(image(300, 260));
        assertTrue(!Commands.canceled(done), () -> "cancelled: " + Commands.reason(done));
        awaitQuiet();
        List<StatusEvent> tiles = new ArrayList<>();
        for (StatusEvent e : new ArrayList<>(events)) {
            if (e.getStatusMessage() != null && e.getStatusMessage().startsWith("Tile ")) {
                tiles.add(e);
            }
        }
        assertTrue(tiles.size() >= 4, "one status per tile, got " + tiles.size());
        StatusEvent last = tiles.get(tiles.size() - 1);
        assertEquals(last.getProgressMaximum(), last.getProgressValue(), "the last status is complete");
        assertEquals("Tile 9/9, done", last.getStatusMessage());
        assertTrue(tiles.get(0).getStatusMessage().matches("Tile 1/9, about \\d+ s left"),
                tiles.get(0).getStatusMessage());
    }

    /** (Stopping within one tile of the request is tested on the engine and on file deblurring.) */
    @Test
    void cancelFromTheStatusBarStopsTheCommandWithNoOutputImage() throws Exception {
        cancelAfter = 1;
        Module done = run(image(700, 700));
        assertTrue(Commands.canceled(done));
        assertNull(done.getOutput("deblurred"), "no output image after cancel");
        awaitQuiet();
        int total = events.stream().mapToInt(StatusEvent::getProgressMaximum).max().orElse(0);
        int reached = events.stream().mapToInt(StatusEvent::getProgressValue).max().orElse(0);
        assertTrue(reached < total, "stopped before the last of " + total + " tiles, reached " + reached);
    }
}
