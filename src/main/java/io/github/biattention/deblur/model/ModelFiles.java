package io.github.biattention.deblur.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.nn.Block;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import io.github.biattention.deblur.files.AtomicFiles;
import io.github.biattention.deblur.network.BiAttentionNet;
import io.github.biattention.deblur.network.NetworkConfig;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Reads and writes model files: a zip with {@value #METADATA} and {@value #PARAMETERS} (DJL's parameter encoding).
 * Bundled models live in the jar under {@value #BUNDLED_DIR}, listed in {@value #BUNDLED_INDEX}.
 */
public final class ModelFiles {

    public static final String METADATA = "model.json";
    public static final String PARAMETERS = "parameters.bin";
    static final String BUNDLED_DIR = "/io/github/biattention/deblur/models/";
    static final String BUNDLED_INDEX = BUNDLED_DIR + "bundled.txt";
    /** The model used when none is named. */
    public static final String DEFAULT_MODEL = "general";

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

    private ModelFiles() {}

    /** Names of the models inside the jar, in the order of the index. */
    public static List<String> bundledNames() {
        List<String> names = new ArrayList<>();
        try (InputStream in = ModelFiles.class.getResourceAsStream(BUNDLED_INDEX)) {
            if (in == null) {
                return names;
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    names.add(line.trim());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the list of bundled models", e);
        }
        return names;
    }

    /** The model card (markdown) of a bundled model, or an empty string when it has none. */
    public static String bundledCard(String name) {
        try (InputStream in = ModelFiles.class.getResourceAsStream(BUNDLED_DIR + name + ".md")) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * Loads a model by bundled name or from a file.
     *
     * @param nameOrPath a bundled name (see {@link #bundledNames()}), a user model's name (see {@link UserModels}),
     *     or the path of a model file
     * @param device where the network runs
     * @throws ModelException if the model is unknown, missing, unreadable or inconsistent
     */
    public static DeblurModel load(String nameOrPath, Device device) throws ModelException {
        NativeEngine.prepare();
        if (bundledNames().contains(nameOrPath)) {
            try (InputStream in = ModelFiles.class.getResourceAsStream(BUNDLED_DIR + nameOrPath + ".zip")) {
                if (in == null) {
                    throw new ModelException("Bundled model '" + nameOrPath + "' is listed but missing from the jar");
                }
                return read(in, "bundled model '" + nameOrPath + "'", nameOrPath, device);
            } catch (IOException e) {
                throw new ModelException("Cannot read bundled model '" + nameOrPath + "': " + e.getMessage(), e);
            }
        }
        Optional<Path> user = UserModels.find(nameOrPath);
        Path path = user.orElse(Paths.get(nameOrPath));
        if (!Files.isRegularFile(path)) {
            boolean looksLikeName = !nameOrPath.contains("/") && !nameOrPath.contains("\\")
                    && !nameOrPath.endsWith(".zip");
            throw new ModelException(looksLikeName
                    ? "Unknown model '" + nameOrPath + "': the models are " + UserModels.allNames()
                            + " (bundled, then user models in " + UserModels.folders() + "); or give the path of a"
                            + " model file"
                    : Files.isDirectory(path) ? "Model " + path + " is a folder: give the model file (.zip) in it"
                    : Files.exists(path) ? "Model " + path + " is not a regular file (a device or pipe)"
                    : "Model file " + path + " does not exist");
        }
        try (InputStream in = Files.newInputStream(path)) {
            return read(in, "model file " + path, path.toString(), device);
        } catch (IOException e) {
            throw new ModelException("Cannot read model file " + path + ": " + e.getMessage(), e);
        }
    }

    private static DeblurModel read(InputStream in, String what, String source, Device device)
            throws ModelException, IOException {
        byte[] json = null;
        byte[] parameters = null;
        long parametersLimit = Math.min(MAX_PARAMETER_BYTES, Runtime.getRuntime().maxMemory() / 3);
        long left = parametersLimit + MAX_METADATA_BYTES; // all entries together, inflated
        try (ZipInputStream zip = new ZipInputStream(in, StandardCharsets.UTF_8)) {
            boolean any = false;
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                any = true;
                if ((METADATA.equals(e.getName()) && json != null) || (PARAMETERS.equals(e.getName())
                        && parameters != null)) {
                    throw new ModelException("The " + what + " holds " + e.getName() + " twice: it is not a model"
                            + " file of this plugin");
                }
                if (METADATA.equals(e.getName())) {
                    json = readAtMost(zip, MAX_METADATA_BYTES, what, METADATA);
                    left -= json.length;
                } else if (PARAMETERS.equals(e.getName())) {
                    parameters = readAtMost(zip, parametersLimit, what, PARAMETERS);
                    left -= parameters.length;
                } else {
                    left -= skip(zip, left, what, e.getName());
                }
            }
            if (!any) {
                throw new ModelException("The " + what + " is not a model file (not a zip archive, or empty)");
            }
        } catch (ZipException | java.io.EOFException e) {
            throw new ModelException("The " + what + " is truncated or corrupt (" + e.getMessage() + ")", e);
        }
        if (json == null) {
            throw new ModelException("The " + what + " has no " + METADATA + ": it is not a model file of this plugin");
        }
        if (parameters == null) {
            throw new ModelException("The " + what + " has no " + PARAMETERS);
        }
        ModelMetadata metadata = parseMetadata(json, what);
        NetworkConfig config;
        try {
            config = metadata.architecture.toConfig();
        } catch (IllegalArgumentException e) {
            throw new ModelException("The " + what + " describes an invalid architecture: " + e.getMessage(), e);
        }
        String mismatch = ParameterLayout.mismatch(config, parameters);
        if (mismatch != null) {
            throw new ModelException("The parameters in the " + what + " do not match the architecture in "
                    + METADATA + " (" + config + "): " + mismatch);
        }
        Model model = Model.newInstance(metadata.name == null ? "model" : metadata.name, device);
        try {
            BiAttentionNet net = BiAttentionNet.of(config);
            model.setBlock(net);
            net.loadParameters(model.getNDManager(), new DataInputStream(new ByteArrayInputStream(parameters)));
            return new DeblurModel(source, metadata, model);
        } catch (MalformedModelException | IOException | RuntimeException e) {
            model.close();
            throw new ModelException("The parameters in the " + what + " do not match the architecture in "
                    + METADATA + " (" + config + "): " + (e.getMessage() == null ? e.toString() : e.getMessage()), e);
        }
    }

    /**
     * Loads a model on the device the user chose; when that device is not usable, {@code warnings} is told why and
     * the CPU is used.
     */
    public static DeblurModel open(String nameOrPath, DeviceChoice device, java.util.function.Consumer<String> warnings)
            throws ModelException {
        return open(nameOrPath, device, 0, warnings);
    }

    /** As {@link #open(String, DeviceChoice, java.util.function.Consumer)}, preferring GPU {@code gpuIndex}. */
    public static DeblurModel open(String nameOrPath, DeviceChoice device, int gpuIndex,
            java.util.function.Consumer<String> warnings) throws ModelException {
        Devices.Selection selection = Devices.resolve(device, gpuIndex);
        selection.message().ifPresent(warnings);
        return load(nameOrPath, selection.device());
    }

    /** The largest model.json read. */
    static final int MAX_METADATA_BYTES = 1 << 20;

    /** The largest parameters.bin read: above the widest, deepest architecture that {@link NetworkConfig} allows. */
    static final long MAX_PARAMETER_BYTES = 1L << 30;

    /** Reads the current zip entry, refusing it once it inflates past {@code limit} bytes (a zip bomb). */
    private static byte[] readAtMost(ZipInputStream zip, long limit, String what, String entry)
            throws IOException, ModelException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = zip.read(buffer)) > 0; ) {
            if (out.size() + (long) n > limit) {
                throw new ModelException("The " + what + " is not a model of this plugin: its " + entry
                        + " inflates to more than " + limit / (1 << 20) + " MiB");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /** Skips an entry this plugin does not use, counting what it inflates to against what is {@code left}. */
    private static long skip(ZipInputStream zip, long left, String what, String entry)
            throws IOException, ModelException {
        byte[] buffer = new byte[1 << 16];
        long total = 0;
        for (int n; (n = zip.read(buffer)) > 0; ) {
            total += n;
            if (total > left) {
                throw new ModelException("The " + what + " is not a model of this plugin: its entry " + entry
                        + " inflates to more than the model's limit");
            }
        }
        return total;
    }

    static ModelMetadata parseMetadata(byte[] json, String what) throws ModelException {
        ModelMetadata metadata;
        try {
            metadata = GSON.fromJson(new String(json, StandardCharsets.UTF_8), ModelMetadata.class);
        } catch (JsonParseException e) {
            throw new ModelException("The " + METADATA + " of the " + what + " is not valid JSON: " + e.getMessage(), e);
        }
        if (metadata == null || metadata.architecture == null) {
            throw new ModelException("The " + METADATA + " of the " + what + " has no architecture");
        }
        if (metadata.formatVersion > ModelMetadata.FORMAT_VERSION) {
            throw new ModelException("The " + what + " has format version " + metadata.formatVersion
                    + ", newer than this plugin reads (" + ModelMetadata.FORMAT_VERSION + "): update the plugin");
        }
        if (metadata.formatVersion < 1) {
            throw new ModelException("The " + what + " has no valid format version");
        }
        return metadata;
    }

    /**
     * Writes a model file atomically: into a temporary file beside {@code target}, then renamed into place.
     *
     * @param network an initialised network
     */
    public static void save(Path target, ModelMetadata metadata, Block network) throws IOException {
        AtomicFiles.write(target, true, tmp -> {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                write(out, metadata, network);
            }
        });
    }

    /** Writes the zip to a stream (which stays open). */
    public static void write(OutputStream out, ModelMetadata metadata, Block network) throws IOException {
        ByteArrayOutputStream params = new ByteArrayOutputStream();
        try (DataOutputStream data = new DataOutputStream(params)) {
            network.saveParameters(data);
        }
        ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        zip.putNextEntry(new ZipEntry(METADATA));
        zip.write(toJson(metadata).getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
        zip.putNextEntry(new ZipEntry(PARAMETERS));
        params.writeTo(zip);
        zip.closeEntry();
        zip.finish();
    }

    public static String toJson(ModelMetadata metadata) {
        return GSON.toJson(metadata);
    }
}
