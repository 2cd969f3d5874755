package io.github.biattention.deblur.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import ij.ImagePlus;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.command.CommandService;
import org.scijava.module.Module;

class OpenSampleCommandTest {

    private Context context;

    @BeforeEach
    void createContext() {
        context = new Context(CommandService.class);
    }

    @AfterEach
    void disposeContext() {
        context.dispose();
    }

    @Test
    void opensTheWidefieldSampleWithItsCalibrationAndItsSharpOriginal() throws Exception {
        Module module = Commands.run(context, OpenSampleCommand.class,
                Map.of("sample", OpenSampleCommand.WIDEFIELD, "sharp", true));
        assertFalse(Commands.canceled(module), Commands.reason(module));
        ImagePlus blurred = (ImagePlus) module.getOutput("blurred");
        ImagePlus original = (ImagePlus) module.getOutput("original");
        assertEquals("sample-widefield.tif", blurred.getTitle());
        assertEquals(ImagePlus.GRAY16, blurred.getType());
        assertEquals(256, blurred.getWidth());
        assertEquals(0.065, blurred.getCalibration().pixelWidth, 1e-6);
        assertEquals("micron", blurred.getCalibration().getUnit());
        assertEquals(ImagePlus.GRAY32, original.getType());
        assertEquals(256, original.getHeight());
    }

    @Test
    void opensThePhotographAloneByDefault() throws Exception {
        Module module = Commands.run(context, OpenSampleCommand.class, Map.of());
        ImagePlus blurred = (ImagePlus) module.getOutput("blurred");
        assertEquals("sample-blurred.png", blurred.getTitle());
        assertEquals(ImagePlus.GRAY8, blurred.getType());
        assertNull(module.getOutput("original"));
    }
}
