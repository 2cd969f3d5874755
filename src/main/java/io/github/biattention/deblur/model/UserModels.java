package io.github.biattention.deblur.model;

import ai.djl.Device;
import io.github.biattention.deblur.files.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The user's own models: {@code NAME.zip} files in the user models folders, usable by name like the bundled ones.
 *
 * <p>Folders, in order: the one named by the system property {@value #FOLDER_PROPERTY} (if set), {@code
 * models/bi-attention-deblur} in Fiji's directory (system property {@code imagej.dir}, set by Fiji), and {@code
 * ~/.bi-attention-deblur/models}. Models are installed into the first of them.
 */
public final class UserModels {

    /** Overrides the first user models folder (tests, shared installations). */
    public static final String FOLDER_PROPERTY = "biattention.models";

    private UserModels() {}

    /** The folders searched for user models, the installation folder first; they need not exist. */
    public static List<Path> folders() {
        List<Path> folders = new ArrayList<>();
        String override = System.getProperty(FOLDER_PROPERTY);
        if (override != null && !override.isBlank()) {
            folders.add(Paths.get(override));
        }
        String fiji = System.getProperty("imagej.dir");
        if (fiji != null && !fiji.isBlank()) {
            folders.add(Paths.get(fiji, "models", "bi-attention-deblur"));
        }
        folders.add(Paths.get(System.getProperty("user.home"), ".bi-attention-deblur", "models"));
        return folders;
    }

    /** Names of the user models (file names without {@code .zip}), sorted, without duplicates. */
    public static List<String> names() {
        Set<String> names = new LinkedHashSet<>();
        for (Path folder : folders()) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> files = Files.list(folder)) {
                files.map(f -> f.getFileName().toString()).filter(n -> n.toLowerCase(Locale.ROOT).endsWith(".zip"))
                        .map(n -> n.substring(0, n.length() - 4)).sorted().forEach(names::add);
            } catch (IOException e) {
                // An unreadable folder offers no models; the others still do.
            }
        }
        return new ArrayList<>(names);
    }

    /** Bundled names first, then the user's (a user model cannot shadow a bundled one). */
    public static List<String> allNames() {
        Set<String> names = new LinkedHashSet<>(ModelFiles.bundledNames());
        names.addAll(names());
        return new ArrayList<>(names);
    }

    /** The file of a user model, if one of the folders has it. */
    public static Optional<Path> find(String name) {
        if (!isValidName(name)) {
            return Optional.empty();
        }
        return folders().stream().map(f -> f.resolve(name + ".zip")).filter(Files::isRegularFile).findFirst();
    }

    /** Letters, digits, '-', '_' and '.', not starting with '.'. */
    public static boolean isValidName(String name) {
        return name != null && name.matches("[A-Za-z0-9_\\-][A-Za-z0-9_.\\-]*");
    }

    /**
     * Validates a model file (it must load) and copies it into the installation folder as {@code name.zip},
     * atomically.
     *
     * @return the installed file
     * @throws ModelException if the file is not a valid model, the name is invalid or taken (and not {@code
     *     overwrite}), or the copy fails
     */
    public static Path install(Path file, String name, boolean overwrite) throws ModelException {
        if (!isValidName(name)) {
            throw new ModelException("Invalid model name '" + name + "': use letters, digits, '-', '_' and '.'");
        }
        if (ModelFiles.bundledNames().contains(name)) {
            throw new ModelException("'" + name + "' is the name of a bundled model: choose another name");
        }
        try (DeblurModel model = ModelFiles.load(file.toString(), Device.cpu())) {
            // Loading checks the zip, model.json, the architecture and every parameter's shape.
        }
        Path folder = folders().get(0);
        Path target = folder.resolve(name + ".zip");
        if (Files.exists(target) && !overwrite) {
            throw new ModelException("A user model named '" + name + "' exists in " + folder
                    + ": choose another name or allow overwriting");
        }
        try {
            AtomicFiles.write(target, overwrite, tmp -> Files.copy(file, tmp, StandardCopyOption.REPLACE_EXISTING));
        } catch (IOException e) {
            throw new ModelException("Cannot install the model into " + folder + ": " + e.getMessage(), e);
        }
        return target;
    }
}
