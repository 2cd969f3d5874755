package io.github.biattention.deblur.fiji;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.Menus;
import ij.plugin.PlugIn;
import java.lang.reflect.Field;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.scijava.Context;
import org.scijava.command.Command;
import org.scijava.command.CommandInfo;
import org.scijava.Cancelable;
import org.scijava.module.Module;
import org.scijava.module.ModuleService;
import org.scijava.command.CommandService;
import org.scijava.convert.ConvertService;
import org.scijava.log.LogService;

/**
 * Makes {@code run("Bi-Attention Deblur", "...")}, {@code run("Train Deblurring Model", "...")} and the other
 * commands' labels work in a plain ImageJ 1.x macro interpreter, where imagej-legacy (which does this in Fiji) is
 * absent: an ImageJ 1.x plugin that fills the SciJava command's inputs from the macro options exactly as
 * imagej-legacy does ({@link MacroOptions}), runs it, and shows its output image. Fiji does not need it and does
 * not register it.
 */
public final class MacroBridge implements PlugIn {

    /** Menu labels (as in Fiji) and the commands they run. */
    private static final Map<String, Class<? extends Command>> COMMANDS = Map.of(
            "Bi-Attention Deblur", DeblurImagePlusCommand.class,
            "Bi-Attention Deblur Folder", DeblurFolderCommand.class,
            "Classical Deconvolution", ClassicalDeconvolutionCommand.class,
            "Evaluate Deblurring", EvaluateDeblurringCommand.class,
            "Train Deblurring Model", TrainModelCommand.class);

    private static Context context;

    /**
     * Adds the commands to ImageJ 1.x's command table, so macros can {@code run} them by label. Headless, ImageJ
     * 1.x never builds that table (it comes with the menu bar), so an empty one is put in its place.
     */
    @SuppressWarnings("unchecked")
    public static synchronized void install() {
        if (Menus.getCommands() == null) {
            try {
                Field table = Menus.class.getDeclaredField("pluginsTable");
                table.setAccessible(true);
                table.set(null, new Hashtable<String, String>());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot create ImageJ 1.x's command table", e);
            }
        }
        for (String label : COMMANDS.keySet()) {
            Menus.getCommands().put(label, MacroBridge.class.getName() + "(\"" + label + "\")");
        }
    }

    private static synchronized Context context() {
        if (context == null) {
            context = new Context(CommandService.class, ModuleService.class, ConvertService.class, LogService.class);
        }
        return context;
    }

    @Override
    public void run(String label) {
        Class<? extends Command> type = COMMANDS.get(label);
        if (type == null) {
            IJ.error("Bi-Attention Deblur", "Unknown command: " + label);
            return;
        }
        String options = Macro.getOptions() == null ? "" : Macro.getOptions();
        CommandService commands = context().service(CommandService.class);
        CommandInfo info = commands.getCommand(type);
        try {
            Map<String, Object> inputs = MacroOptions.inputs(info, options, context().service(ConvertService.class));
            // Through the ModuleService: CommandService.run returns null for commands that are modules themselves.
            // Keys left out keep the command's defaults, not the preferences' last values (MacroDefaults).
            ModuleService modules = context().service(ModuleService.class);
            Module module = modules.createModule(info);
            for (Map.Entry<String, Object> input : inputs.entrySet()) {
                module.setInput(input.getKey(), input.getValue());
                module.resolveInput(input.getKey());
            }
            MacroDefaults.resolveOmitted(module);
            module = modules.run(module, true).get();
            if (module instanceof Cancelable && ((Cancelable) module).isCanceled()) {
                IJ.error("Bi-Attention Deblur", ((Cancelable) module).getCancelReason());
                Macro.abort();
                return;
            }
            for (Object output : module.getOutputs().values()) {
                if (output instanceof ImagePlus) {
                    ((ImagePlus) output).show();
                }
            }
        } catch (IllegalArgumentException e) {
            IJ.error("Bi-Attention Deblur", e.getMessage());
            Macro.abort();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            IJ.error("Bi-Attention Deblur", String.valueOf(e.getCause()));
            Macro.abort();
        }
    }
}
