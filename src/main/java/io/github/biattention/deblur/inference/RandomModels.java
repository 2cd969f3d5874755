package io.github.biattention.deblur.inference;

import io.github.biattention.deblur.network.NoGradScope;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.github.biattention.deblur.model.ModelFiles;
import io.github.biattention.deblur.model.ModelMetadata;
import io.github.biattention.deblur.network.BiAttentionNet;
import io.github.biattention.deblur.network.NetworkConfig;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Untrained models for benchmarks and tests: seeded random weights, with the attention gammas set to a non-zero value
 * so that the attention modules take part (a fresh network has gamma = 0, which makes them the identity).
 *
 * <p>A freshly initialised network's correction (its output minus its input) is some 100 times larger than a [0, 1]
 * input; {@code outputScale} multiplies the last convolution's weights and bias, and so the correction, to bring it to
 * the small residual a trained deblurring network adds.
 */
public final class RandomModels {

    private RandomModels() {}

    /** A new in-memory model on the CPU holding an initialised network; the caller closes it. */
    public static Model create(NetworkConfig config, int seed, float gamma, float outputScale) {
        Engine.getInstance().setRandomSeed(seed);
        BiAttentionNet net = BiAttentionNet.of(config);
        Model model = Model.newInstance("random-" + seed);
        model.setBlock(net);
        net.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, config.inputChannels(), 64, 64));
        try (NoGradScope noGrad = NoGradScope.enter(model.getNDManager())) {
            // In-place writes to parameters that require gradients are only allowed without autograd.
            for (Pair<String, Parameter> p : net.getParameters()) {
                if (p.getKey().endsWith("gamma")) {
                    p.getValue().getArray().set(new float[] {gamma});
                } else if (p.getKey().matches("\\d*output_(weight|bias)")) { // keys carry an order prefix
                    p.getValue().getArray().muli(outputScale);
                }
            }
        }
        return model;
    }

    /** Writes {@code model}'s network as a model file named {@code name}. */
    public static void save(Model model, String name, Path file) throws IOException {
        BiAttentionNet net = (BiAttentionNet) model.getBlock();
        ModelMetadata metadata = new ModelMetadata();
        metadata.name = name;
        metadata.description = "untrained, random weights";
        metadata.architecture = ModelMetadata.Architecture.of(net.config());
        ModelFiles.save(file, metadata, net);
    }
}
