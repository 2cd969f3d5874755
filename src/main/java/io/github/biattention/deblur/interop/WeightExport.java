package io.github.biattention.deblur.interop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import io.github.biattention.deblur.model.DeblurModel;
import io.github.biattention.deblur.model.ModelFiles;
import io.github.biattention.deblur.model.ModelMetadata;
import io.github.biattention.deblur.network.BiAttentionNet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a model's weights as an {@code .npz} archive that PyTorch reads: one float32 array per parameter under its
 * {@code state_dict} name ({@link ParameterNames}), in {@code state_dict} order, plus the entry {@value #CONFIG_ENTRY}:
 * a uint8 array holding the UTF-8 bytes of the model's {@code model.json} (name, architecture, normalisation,
 * training provenance), so that the archive alone rebuilds the network.
 *
 * <p>In Python: {@code d = numpy.load(path); json.loads(bytes(d['__config__']))}, or
 * {@code biattention.load_npz(path)} from {@code tools/pytorch}.
 */
public final class WeightExport {

    /** The archive entry holding the model's metadata as JSON (a uint8 array). */
    public static final String CONFIG_ENTRY = "__config__";

    private WeightExport() {}

    /** Writes {@code model}'s weights and metadata to {@code npz}; returns the number of parameter arrays. */
    public static int export(DeblurModel model, Path npz) throws IOException {
        Map<String, NpyArray> arrays = arrays(model.network(), model.metadata());
        Npz.write(npz, arrays);
        return arrays.size() - 1;
    }

    /** The archive's content: the parameters under their PyTorch names, then {@value #CONFIG_ENTRY}. */
    public static Map<String, NpyArray> arrays(BiAttentionNet net, ModelMetadata metadata) {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        for (ParameterNames.Entry e : ParameterNames.of(net)) {
            NDArray value = e.parameter().getArray();
            if (value.getDataType() != DataType.FLOAT32) {
                throw new IllegalStateException(e.djlName() + " is " + value.getDataType() + ", not float32");
            }
            arrays.put(e.torchName(), NpyArray.ofFloats(value.toFloatArray(), value.getShape().getShape()));
        }
        arrays.put(CONFIG_ENTRY, NpyArray.ofBytes(ModelFiles.toJson(metadata).getBytes(StandardCharsets.UTF_8)));
        return arrays;
    }
}
