package io.github.biattention.deblur.cli;

import io.github.biattention.deblur.model.ModelFiles;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code models}: the bundled models and their cards. */
@Command(name = "models", mixinStandardHelpOptions = true, description = "Lists the bundled models with their cards.")
final class ModelsCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        List<String> names = ModelFiles.bundledNames();
        if (names.isEmpty()) {
            System.out.println("No bundled models in this build.");
        }
        for (String name : names) {
            System.out.println("== " + name + (name.equals(ModelFiles.DEFAULT_MODEL) ? " (default)" : ""));
            System.out.println(ModelFiles.bundledCard(name).strip());
            System.out.println();
        }
        return 0;
    }
}
