package io.github.biattention.deblur.fiji;

import ij.IJ;
import ij.ImagePlus;
import net.imglib2.img.Img;
import org.scijava.Priority;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;
import org.scijava.module.process.AbstractPreprocessorPlugin;
import org.scijava.module.process.PreprocessorPlugin;
import org.scijava.plugin.Plugin;

/**
 * In a macro, a key left out of the options string means the parameter's documented default, not whatever was last
 * typed in the dialog.
 *
 * <p>Why this is needed: in Fiji, imagej-legacy's MacroPreprocessor (priority 20000) sets only the keys present in
 * the options; SciJava's LoadInputsPreprocessor (-9999) then loads the last-used value (saved in the Java
 * preferences) into every input still unresolved, and with a user interface the harvester asks for them in a dialog.
 * So a macro's meaning would depend on what someone typed last. This preprocessor runs between the two and, for this
 * plugin's commands run by a macro, resolves the inputs the macro left out, keeping each field's initial value: the
 * default that the documentation gives. Commands run from the menu keep their remembered values.
 */
@Plugin(type = PreprocessorPlugin.class, priority = Priority.NORMAL)
public final class MacroDefaults extends AbstractPreprocessorPlugin {

    @Override
    public void process(Module module) {
        Object command = module.getDelegateObject();
        boolean ours = command != null && command.getClass().getName().startsWith("io.github.biattention.deblur.");
        if (ours && IJ.isMacro()) {
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
