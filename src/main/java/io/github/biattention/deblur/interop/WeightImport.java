package io.github.biattention.deblur.interop;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.google.gson.Gson;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.github.biattention.deblur.network.NoGradScope;
import io.github.biattention.deblur.model.ModelException;
import io.github.biattention.deblur.model.ModelFiles;
import io.github.biattention.deblur.model.ModelMetadata;
import io.github.biattention.deblur.model.NativeEngine;
import io.github.biattention.deblur.network.BiAttentionNet;
import io.github.biattention.deblur.network.NetworkConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns an {@code .npz} of PyTorch-named weights (written by {@link WeightExport} or by
 * {@code tools/pytorch/biattention.py}'s {@code save_npz}) into a model file of the plugin.
 *
 * <p>The architecture comes from the archive's {@value WeightExport#CONFIG_ENTRY} entry (the JSON of a
 * {@code model.json}), or from a separate JSON file of the same form. Training provenance (steps, seconds, validation
 * PSNR/SSIM, data description: the fields of {@link ModelMetadata.Training}) can come from a separate JSON, either that
 * object alone or a {@code model.json}-like object with a {@code training} member; it replaces the archive's.
 *
 * <p>Every parameter of the architecture must be in the archive with its exact shape and as float32, and the archive
 * must hold nothing else; otherwise nothing is written and the error lists every missing, unexpected and mis-shaped
 * array.
 */
public final class WeightImport {

    private static final Gson GSON = new Gson();

    private WeightImport() {}

    /**
     * Reads {@code weights} and writes the model file {@code output}.
     *
     * @param config a JSON file with the architecture, or null to use the archive's {@value WeightExport#CONFIG_ENTRY}
     * @param training a JSON file with the training provenance, or null to keep the archive's
     * @param name the model's name, or null to keep the archive's (or, without one, the file name)
     * @return the metadata written
     * @throws ModelException if the archive or JSON is unreadable or does not match its architecture
     */
    public static ModelMetadata importWeights(Path weights, Path config, Path training, String name, Path output)
            throws ModelException, IOException {
        Map<String, NpyArray> arrays;
        try {
            arrays = new LinkedHashMap<>(Npz.read(weights));
        } catch (IOException e) {
            throw new ModelException("Cannot read the weights: " + e.getMessage(), e);
        }
        NpyArray embedded = arrays.remove(WeightExport.CONFIG_ENTRY);
        ModelMetadata metadata = metadata(embedded, config, weights);
        if (training != null) {
            metadata.training = training(training);
        }
        if (name != null) {
            metadata.name = name;
        } else if (metadata.name == null) {
            metadata.name = weights.getFileName().toString().replaceFirst("\\.npz$", "");
        }
        if (metadata.description == null) {
            metadata.description = "imported from " + weights.getFileName();
        }
        NetworkConfig architecture;
        try {
            architecture = metadata.architecture.toConfig();
        } catch (IllegalArgumentException e) {
            throw new ModelException("Invalid architecture for " + weights + ": " + e.getMessage(), e);
        }
        NativeEngine.prepare();
        try (Model model = Model.newInstance(metadata.name, Device.cpu())) {
            BiAttentionNet net = BiAttentionNet.of(architecture);
            model.setBlock(net);
            int side = 4 * architecture.sizeMultiple();
            net.initialize(model.getNDManager(), DataType.FLOAT32,
                    new Shape(1, architecture.inputChannels(), side, side));
            assign(net, arrays, weights + " (architecture " + architecture + ")");
            ModelFiles.save(output, metadata, net);
        }
        return metadata;
    }

    /**
     * Copies the arrays into the network's parameters (bit for bit).
     *
     * @throws ModelException naming every missing, unexpected, mis-typed or mis-shaped array; then nothing is copied
     */
    static void assign(BiAttentionNet net, Map<String, NpyArray> arrays, String what) throws ModelException {
        List<ParameterNames.Entry> entries = ParameterNames.of(net);
        List<String> missing = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        Map<String, NpyArray> unexpected = new LinkedHashMap<>(arrays);
        for (ParameterNames.Entry e : entries) {
            NpyArray a = unexpected.remove(e.torchName());
            long[] want = e.parameter().getArray().getShape().getShape();
            if (a == null) {
                missing.add(e.torchName() + " " + Arrays.toString(want));
            } else if (a.dtype() != NpyArray.DType.FLOAT32) {
                wrong.add(e.torchName() + " is " + a.dtype().descr() + ", not float32");
            } else if (!Arrays.equals(a.shape(), want)) {
                wrong.add(e.torchName() + " has shape " + Arrays.toString(a.shape()) + ", expected "
                        + Arrays.toString(want));
            }
        }
        if (!missing.isEmpty() || !wrong.isEmpty() || !unexpected.isEmpty()) {
            StringBuilder s = new StringBuilder("The weights in " + what + " do not match the network:");
            if (!missing.isEmpty()) {
                s.append("\n  missing: ").append(String.join(", ", missing));
            }
            if (!unexpected.isEmpty()) {
                s.append("\n  unexpected: ").append(String.join(", ", unexpected.keySet()));
            }
            if (!wrong.isEmpty()) {
                s.append("\n  ").append(String.join("\n  ", wrong));
            }
            throw new ModelException(s.toString());
        }
        try (NoGradScope off = NoGradScope.enter(entries.get(0).parameter().getArray().getManager())) {
            for (ParameterNames.Entry e : entries) {
                NDArray target = e.parameter().getArray();
                target.set(arrays.get(e.torchName()).floats());
            }
        }
    }

    private static ModelMetadata metadata(NpyArray embedded, Path config, Path weights) throws ModelException {
        String json;
        String source;
        if (config != null) {
            json = readText(config);
            source = config.toString();
        } else if (embedded != null) {
            if (embedded.dtype() != NpyArray.DType.UINT8) {
                throw new ModelException("The entry " + WeightExport.CONFIG_ENTRY + " of " + weights
                        + " must be a uint8 array of UTF-8 JSON");
            }
            json = new String(embedded.bytes(), StandardCharsets.UTF_8);
            source = WeightExport.CONFIG_ENTRY + " of " + weights;
        } else {
            throw new ModelException(weights + " has no " + WeightExport.CONFIG_ENTRY
                    + " entry: give the architecture as a JSON file (the form of a model.json)");
        }
        ModelMetadata metadata;
        try {
            metadata = GSON.fromJson(json, ModelMetadata.class);
        } catch (JsonParseException e) {
            throw new ModelException("The JSON in " + source + " is invalid: " + e.getMessage(), e);
        }
        if (metadata == null || metadata.architecture == null) {
            throw new ModelException("The JSON in " + source + " has no architecture");
        }
        if (!"bi-attention".equals(metadata.architecture.network)) {
            throw new ModelException("The JSON in " + source + " describes network '" + metadata.architecture.network
                    + "', not 'bi-attention'");
        }
        metadata.formatVersion = ModelMetadata.FORMAT_VERSION;
        if (metadata.normalization == null) {
            metadata.normalization = new ModelMetadata.NormalizationDefaults();
        }
        if (metadata.training == null) {
            metadata.training = new ModelMetadata.Training();
        }
        return metadata;
    }

    private static ModelMetadata.Training training(Path file) throws ModelException {
        try {
            JsonElement root = JsonParser.parseString(readText(file));
            if (!root.isJsonObject()) {
                throw new ModelException("The training JSON " + file + " is not an object");
            }
            JsonObject object = root.getAsJsonObject();
            JsonElement training = object.has("training") ? object.get("training") : object;
            return GSON.fromJson(training, ModelMetadata.Training.class);
        } catch (JsonParseException e) {
            throw new ModelException("The training JSON " + file + " is invalid: " + e.getMessage(), e);
        }
    }

    private static String readText(Path file) throws ModelException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ModelException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
