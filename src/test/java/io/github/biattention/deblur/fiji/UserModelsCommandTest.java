package io.github.biattention.deblur.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.process.ByteProcessor;
import io.github.biattention.deblur.model.UserModels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.module.Module;
import org.scijava.command.CommandService;

/** Importing a model into the user models folder, then choosing it by name. */
class UserModelsCommandTest {

    @TempDir
    Path folder;

    private Context context;

    @BeforeEach
    void setUp() {
        System.setProperty(UserModels.FOLDER_PROPERTY, folder.resolve("models").toString());
        context = new Context(CommandService.class);
    }

    @AfterEach
    void tearDown() {
        context.dispose();
        System.clearProperty(UserModels.FOLDER_PROPERTY);
    }

    /** The bundled model's file, as a user would have downloaded it. */
    private Path modelFile() throws Exception {
        Path file = folder.resolve("downloaded.zip");
        try (var in = getClass().getResourceAsStream("/io/github/biattention/deblur/models/general.zip")) {
            Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        return file;
    }

    private Module importModel(Path file, String name) throws Exception {
        return Commands.run(context, ImportModelCommand.class, Map.of("file", file.toFile(), "name", name, "overwrite", false));
    }

    @Test
    void importedModelIsListedAndUsableByName() throws Exception {
        Module imported = importModel(modelFile(), "my-cells");
        assertFalse(Commands.canceled(imported), () -> Commands.reason(imported));
        assertTrue(Files.isRegularFile(folder.resolve("models/my-cells.zip")));
        assertTrue(UserModels.allNames().containsAll(java.util.List.of("general", "my-cells")));

        ImagePlus image = new ImagePlus("x", new ByteProcessor(24, 24));
        Module deblurred = Commands.run(context, DeblurImagePlusCommand.class, Map.of("image", image, "model", "my-cells", "tile", 256, "overlap", 32, "low", 1.0, "high", 99.8,
                        "device", "cpu", "perplane", false, "keepdepth", false));
        assertFalse(Commands.canceled(deblurred), () -> Commands.reason(deblurred));
        assertEquals(24, ((ImagePlus) deblurred.getOutput("deblurred")).getWidth());

        Module again = importModel(modelFile(), "my-cells");
        assertTrue(Commands.canceled(again) && Commands.reason(again).contains("exists"), Commands.reason(again));
    }

    @Test
    void anInvalidFileIsRefusedAndNothingIsInstalled() throws Exception {
        Path bad = folder.resolve("bad.zip");
        Files.writeString(bad, "not a model");
        Module module = importModel(bad, "bad");
        assertTrue(Commands.canceled(module));
        assertTrue(Commands.reason(module).contains(bad.toString()), Commands.reason(module));
        assertFalse(Files.exists(folder.resolve("models/bad.zip")));
        assertTrue(Commands.reason(importModel(modelFile(), "general")).contains("bundled model"));
    }
}
