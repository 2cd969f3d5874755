package io.github.biattention.deblur.model;

import ai.djl.Device;
import ai.djl.Model;
import io.github.biattention.deblur.network.BiAttentionNet;

/**
 * A loaded model: its metadata and the initialised network on one device. Closing it frees the native memory.
 */
public final class DeblurModel implements AutoCloseable {

    private final String source;
    private final ModelMetadata metadata;
    private final Model model;

    DeblurModel(String source, ModelMetadata metadata, Model model) {
        this.source = source;
        this.metadata = metadata;
        this.model = model;
    }

    /** Where the model came from: a bundled name or a file path. */
    public String source() {
        return source;
    }

    public ModelMetadata metadata() {
        return metadata;
    }

    public BiAttentionNet network() {
        return (BiAttentionNet) model.getBlock();
    }

    /** The DJL model (owner of the parameters' native memory). */
    public Model djlModel() {
        return model;
    }

    public Device device() {
        return model.getNDManager().getDevice();
    }

    @Override
    public void close() {
        model.close();
        NativeEngine.releaseFreeMemory();
    }
}
