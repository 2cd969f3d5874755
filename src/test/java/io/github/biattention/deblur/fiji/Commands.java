package io.github.biattention.deblur.fiji;

import java.util.Map;
import org.scijava.Cancelable;
import org.scijava.Context;
import org.scijava.command.Command;
import org.scijava.command.CommandService;
import org.scijava.module.Module;
import org.scijava.module.ModuleService;

/**
 * Runs commands in tests the way Fiji does, through the ModuleService (CommandService.run returns null for
 * commands that are modules themselves, such as DynamicCommands).
 */
final class Commands {

    private Commands() {}

    static Module run(Context context, Class<? extends Command> type, Map<String, Object> inputs) throws Exception {
        return context.service(ModuleService.class)
                .run(context.service(CommandService.class).getCommand(type), true, inputs).get();
    }

    static boolean canceled(Module module) {
        return ((Cancelable) module).isCanceled();
    }

    static String reason(Module module) {
        return ((Cancelable) module).getCancelReason();
    }
}
