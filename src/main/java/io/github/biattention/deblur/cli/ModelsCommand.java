package io.github.biattention.deblur.cli;

import ai.djl.Device;
import io.github.biattention.deblur.inference.DeblurSettings;
import io.github.biattention.deblur.model.DeblurModel;
import io.github.biattention.deblur.model.ModelException;
import io.github.biattention.deblur.model.ModelFiles;
import io.github.biattention.deblur.model.UserModels;
import io.github.biattention.deblur.network.NetworkConfig;
import java.util.Locale;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code models}: the bundled models and their cards. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "Lists the bundled models with their cards and the user's models; --install adds a model file"
                + " to the user models folder.")
final class ModelsCommand implements Callable<Integer> {

    @Option(names = "--install", description = "Check this model file and copy it into the user models folder.")
    Path install;

    @Option(names = "--name", description = "Name of the installed model (default: the file name without .zip).")
    String name;

    @Option(names = "--overwrite", description = "Replace an installed model of that name.")
    boolean overwrite;

    @Override
    public Integer call() throws ModelException {
        if (install != null) {
            String modelName = name != null ? name : install.getFileName().toString().replaceFirst("(?i)\\.zip$", "");
            System.out.println("Installed " + modelName + " as " + UserModels.install(install, modelName, overwrite));
            return 0;
        }
        List<String> names = ModelFiles.bundledNames();
        if (names.isEmpty()) {
            System.out.println("No bundled models in this build.");
        }
        for (String name : names) {
            System.out.println("== " + name + (name.equals(ModelFiles.DEFAULT_MODEL) ? " (default)" : ""));
            System.out.println(ModelFiles.bundledCard(name).strip());
            try (DeblurModel model = ModelFiles.load(name, Device.cpu())) {
                NetworkConfig config = model.network().config();
                long parameters = model.network().getParameters().values().stream()
                        .mapToLong(p -> p.getArray().size()).sum();
                System.out.printf(Locale.ROOT, "Architecture: %s%nParameters: %d%nFLOPs per pixel at the default"
                        + " %d px tile: %.0f%n", config, parameters, DeblurSettings.DEFAULT_TILE_SIZE,
                        config.flopsPerPixel(DeblurSettings.DEFAULT_TILE_SIZE));
            } catch (ModelException e) {
                System.out.println("(cannot load: " + e.getMessage() + ")");
            }
            System.out.println();
        }
        List<String> user = UserModels.names();
        System.out.println("User models " + UserModels.folders() + ": " + (user.isEmpty() ? "none" : user));
        return 0;
    }
}
