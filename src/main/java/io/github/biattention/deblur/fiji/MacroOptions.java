package io.github.biattention.deblur.fiji;

import ij.Macro;
import ij.WindowManager;
import ij.ImagePlus;
import java.util.LinkedHashMap;
import java.util.Map;
import org.scijava.Context;
import org.scijava.ItemIO;
import org.scijava.command.CommandInfo;
import org.scijava.convert.ConvertService;
import org.scijava.module.ModuleItem;
import org.scijava.service.Service;

/**
 * Fills a command's inputs from an ImageJ 1.x macro options string the way Fiji's imagej-legacy does: for every
 * input, {@code Macro.getValue(options, inputName, null)}, converted to the input's type by SciJava's
 * ConvertService; an ImagePlus input is the image named by its key, or the active image.
 */
public final class MacroOptions {

    private MacroOptions() {}

    /** Inputs a user sets (not services or the context, which SciJava fills itself). */
    public static boolean isUserInput(ModuleItem<?> input) {
        Class<?> type = input.getType();
        return input.getIOType() != ItemIO.OUTPUT && !Service.class.isAssignableFrom(type)
                && !Context.class.isAssignableFrom(type);
    }

    /** The image with this title (the active one if it has it, as in batch mode), or the active image. */
    private static ImagePlus image(String title) {
        ImagePlus active = WindowManager.getCurrentImage();
        if (title == null || active != null && title.equals(active.getTitle())) {
            return active;
        }
        return WindowManager.getImage(title);
    }

    /**
     * @return the inputs found in {@code options}, by name (inputs the string does not mention are left out, so
     *     the command's defaults apply)
     * @throws IllegalArgumentException if a value does not convert to its input's type
     */
    public static Map<String, Object> inputs(CommandInfo command, String options, ConvertService convert) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (ModuleItem<?> input : command.inputs()) {
            Class<?> type = input.getType();
            if (!isUserInput(input)) {
                continue;
            }
            String value = Macro.getValue(options, input.getName(), null);
            if (type == ImagePlus.class) {
                ImagePlus image = image(value);
                if (image != null) {
                    values.put(input.getName(), image);
                }
                continue;
            }
            if (value == null) {
                continue;
            }
            Object converted = convert.convert(value, type);
            if (converted == null) {
                throw new IllegalArgumentException("'" + value + "' is not a valid value for " + input.getName());
            }
            values.put(input.getName(), converted);
        }
        return values;
    }
}
