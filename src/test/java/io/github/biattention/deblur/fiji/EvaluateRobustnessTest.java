package io.github.biattention.deblur.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.measure.ResultsTable;
import io.github.biattention.deblur.evaluation.RobustnessEvaluation;
import io.github.biattention.deblur.evaluation.RobustnessGrid;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandService;
import org.scijava.module.Module;

class EvaluateRobustnessTest {
    @TempDir
    Path dir;

    @Test
    void theCommandFillsATableOfCellsASummaryAndTheReports() throws Exception {
        Context context = new Context(CommandService.class);
        try {
            Module module = Commands.run(context, EvaluateRobustnessCommand.class, inputs("general", dir));
            assertFalse(Commands.canceled(module), () -> Commands.reason(module));
            String summary = (String) module.getOutput("summary");
            assertTrue(summary.startsWith("procedural, general: no harm "), summary);
            ResultsTable table = ((EvaluateRobustnessCommand) module).results();
            int cells = RobustnessGrid.BLURS.size() * RobustnessGrid.NOISE.size();
            assertEquals(cells, table.size(), "every cell but the no-harm one, then the no-harm row");
            assertEquals("none", table.getStringValue("blur", 0));
            assertTrue(table.getStringValue("blur", cells - 1).startsWith("no harm"));
            assertTrue(Files.readString(dir.resolve("ROBUSTNESS.md")).contains("#### procedural, general"));
            assertEquals(cells + 1, Files.readAllLines(dir.resolve("robustness.csv")).size());

            Map<String, Object> withReference = inputs("general", null);
            withReference.put("reference", true);
            Module referenced = Commands.run(context, EvaluateRobustnessCommand.class, withReference);
            assertFalse(Commands.canceled(referenced), () -> Commands.reason(referenced));
            ResultsTable both = ((EvaluateRobustnessCommand) referenced).results();
            assertEquals(2 * cells, both.size(), "the model's cells, then the reference's");
            assertEquals(RobustnessEvaluation.REFERENCE, both.getStringValue("model", cells));
            assertTrue(((String) referenced.getOutput("summary")).contains(RobustnessEvaluation.REFERENCE));

            Module unknown = Commands.run(context, EvaluateRobustnessCommand.class, inputs("no-such-model", null));
            assertTrue(Commands.canceled(unknown));
            assertTrue(Commands.reason(unknown).contains("no-such-model"), Commands.reason(unknown));
        } finally {
            context.dispose();
        }
    }

    private static Map<String, Object> inputs(String models, Path output) {
        Map<String, Object> inputs = new HashMap<>();
        inputs.put("folder", null);
        inputs.put("family", "procedural");
        inputs.put("models", models);
        inputs.put("count", 1);
        inputs.put("size", 32);
        inputs.put("seed", 3L);
        inputs.put("reference", false);
        inputs.put("output", output == null ? null : output.toFile());
        inputs.put("tile", 64);
        inputs.put("overlap", 8);
        inputs.put("low", 1.0);
        inputs.put("high", 99.8);
        inputs.put("device", "cpu");
        inputs.put("perplane", false);
        inputs.put("ensemble", false);
        return inputs;
    }
}
