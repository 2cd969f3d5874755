package io.github.biattention.deblur.fiji;

import ij.IJ;
import ij.ImagePlus;
import net.imglib2.img.Img;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;

/**
 * In a macro, a key left out of the options string means the parameter's documented default, not whatever was last
 * typed in the dialog.
 *
 * <p>Why this is needed: in Fiji, imagej-legacy's MacroPreprocessor sets only the keys present in the options;
 * SciJava's LoadInputsPreprocessor then loads the last-used value (saved in the Java preferences) into every input
 * still unresolved, and with a user interface the harvester asks for them in a dialog. So a macro's meaning would
 * depend on what someone typed last. Resolving the omitted inputs at initialisation (after the macro's keys, before
 * preferences and dialogs) keeps each field's initial value, the default that the documentation gives.
 */
final class MacroDefaults {

    private MacroDefaults() {}

    /** When a macro runs the command: marks every user input it left unset as resolved, at its default value. */
    static void keepDefaultsInMacros(Module module) {
        if (IJ.isMacro()) {
            resolveOmitted(module);
        }
    }

    /** Marks every user input not yet resolved as resolved, keeping its current (default) value. */
    static void resolveOmitted(Module module) {
        for (ModuleItem<?> input : module.getInfo().inputs()) {
            Class<?> type = input.getType();
            boolean image = ImagePlus.class.isAssignableFrom(type) || Img.class.isAssignableFrom(type);
            if (MacroOptions.isUserInput(input) && !image && !module.isInputResolved(input.getName())) {
                module.resolveInput(input.getName());
            }
        }
    }
}
