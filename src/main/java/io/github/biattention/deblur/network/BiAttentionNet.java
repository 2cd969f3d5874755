package io.github.biattention.deblur.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * The bi-attention deblurring network (Li, Luo, Lu): shallow conv, criss-cross attention, a three-stage encoder,
 * multi-scale feature fusion, a decoder with skip connections, a second criss-cross attention on the reconstructed
 * features, an output conv and a global residual.
 *
 * <p>Input: (B, C, H, W) with C = {@link NetworkConfig#inputChannels()}, any H and W (sides are reflect-padded to a
 * multiple of {@link NetworkConfig#sizeMultiple()} and cropped back). With {@link NetworkConfig#unshuffle()} = 2
 * everything between the pixel unshuffle and the pixel shuffle works at half resolution. Output: the same shape, the input plus the
 * predicted correction.
 */
public final class BiAttentionNet extends AbstractBlock {

    private static final byte VERSION = 1;

    private final NetworkConfig config;
    private final Conv2d shallow;
    private final CrissCrossAttention shallowAttention;
    private final EncoderStage encoder1;
    private final EncoderStage encoder2;
    private final EncoderStage encoder3;
    private final FeatureFusion fusion;
    private final SequentialBlock bottleneck;
    private final DecoderStage decoder2;
    private final DecoderStage decoder1;
    private final CrissCrossAttention reconstructionAttention;
    private final Conv2d output;

    private BiAttentionNet(NetworkConfig config) {
        super(VERSION);
        this.config = config;
        int blocks = config.blocksPerLevel();
        shallow = addChildBlock("shallow", Convs.same3x3(config.channels(0)));
        shallowAttention = config.shallowAttention()
                ? addChildBlock("shallowAttention", new CrissCrossAttention(config.channels(0), config.recurrence()))
                : null;
        encoder1 = addChildBlock("encoder1", new EncoderStage(config.channels(1), blocks));
        encoder2 = addChildBlock("encoder2", new EncoderStage(config.channels(2), blocks));
        encoder3 = addChildBlock("encoder3", new EncoderStage(config.channels(3), blocks));
        fusion = addChildBlock("fusion", new FeatureFusion(config.channels(2)));
        bottleneck = addChildBlock("bottleneck", EncoderStage.residualStack(config.channels(2), blocks));
        decoder2 = addChildBlock("decoder2", new DecoderStage(config.channels(1), blocks));
        decoder1 = addChildBlock("decoder1", new DecoderStage(config.channels(0), blocks));
        reconstructionAttention = config.reconstructionAttention()
                ? addChildBlock("reconstructionAttention",
                        new CrissCrossAttention(config.channels(0), config.recurrence()))
                : null;
        output = addChildBlock("output", Convs.same3x3(workingChannels()));
        // A near-zero last layer makes the untrained network close to the identity (the global residual), so
        // training starts from the blurred image instead of from noise.
        output.setInitializer(new NormalInitializer(1e-3f), Parameter.Type.WEIGHT);
    }

    /** A new, uninitialised network with the given architecture. */
    public static BiAttentionNet of(NetworkConfig config) {
        return new BiAttentionNet(config);
    }

    public NetworkConfig config() {
        return config;
    }

    /** Channels the shallow conv sees: the input's, times 4 after a pixel unshuffle. */
    private int workingChannels() {
        return config.inputChannels() * config.unshuffle() * config.unshuffle();
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray input = inputs.singletonOrThrow();
        long height = input.getShape().get(2);
        long width = input.getShape().get(3);
        NDArray x = ReflectPad.toMultiple(input, config.sizeMultiple());
        NDArray working = config.unshuffle() == 1 ? x : PixelShuffleUp.spaceToDepth(x);

        NDArray level0 = Activation.relu(apply(shallow, store, working, training));
        if (shallowAttention != null) {
            level0 = apply(shallowAttention, store, level0, training);
        }
        NDArray level1 = apply(encoder1, store, level0, training);
        NDArray level2 = apply(encoder2, store, level1, training);
        NDArray level3 = apply(encoder3, store, level2, training);
        NDArray fused = apply(fusion, store, new NDList(level1, level2, level3), training);
        NDArray decoded = apply(bottleneck, store, fused, training);
        decoded = apply(decoder2, store, new NDList(decoded, level1), training);
        decoded = apply(decoder1, store, new NDList(decoded, level0), training);
        if (reconstructionAttention != null) {
            decoded = apply(reconstructionAttention, store, decoded, training);
        }
        NDArray correction = apply(output, store, decoded, training);
        if (config.unshuffle() != 1) {
            correction = PixelShuffleUp.depthToSpace(correction, config.inputChannels());
        }
        return new NDList(ReflectPad.crop(x.add(correction), height, width));
    }

    private static NDArray apply(ai.djl.nn.Block block, ParameterStore store, NDArray x, boolean training) {
        return apply(block, store, new NDList(x), training);
    }

    /**
     * One stage's output, its temporaries freed as soon as it returns rather than when the tile ends: freed native
     * memory is reused by the next stage, which keeps a forward pass's memory to about its largest stage (and, on
     * glibc, its pages warm; see NativeEngine). Autograd keeps what it needs on its own references.
     */
    private static NDArray apply(ai.djl.nn.Block block, ParameterStore store, NDList inputs, boolean training) {
        try (NDScope scope = new NDScope()) {
            NDArray out = block.forward(store, inputs, training).singletonOrThrow();
            NDScope.unregister(out);
            return out;
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        long h = roundUp(in.get(2));
        long w = roundUp(in.get(3));
        int u = config.unshuffle();
        Shape padded = new Shape(in.get(0), workingChannels(), h / u, w / u);
        Shape s0 = Convs.reshape(padded, config.channels(0), 1);
        Shape s1 = Convs.reshape(padded, config.channels(1), 0.5);
        Shape s2 = Convs.reshape(padded, config.channels(2), 0.25);
        Shape s3 = Convs.reshape(padded, config.channels(3), 0.125);
        shallow.initialize(manager, dataType, padded);
        if (shallowAttention != null) {
            shallowAttention.initialize(manager, dataType, s0);
        }
        encoder1.initialize(manager, dataType, s0);
        encoder2.initialize(manager, dataType, s1);
        encoder3.initialize(manager, dataType, s2);
        fusion.initialize(manager, dataType, s1, s2, s3);
        bottleneck.initialize(manager, dataType, s2);
        decoder2.initialize(manager, dataType, s2, s1);
        decoder1.initialize(manager, dataType, s1, s0);
        if (reconstructionAttention != null) {
            reconstructionAttention.initialize(manager, dataType, s0);
        }
        output.initialize(manager, dataType, s0);
    }

    private long roundUp(long side) {
        int m = config.sizeMultiple();
        return (side + m - 1) / m * m;
    }
}
