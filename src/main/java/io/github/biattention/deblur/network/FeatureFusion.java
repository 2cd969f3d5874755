package io.github.biattention.deblur.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Brings three encoder levels to the middle one's scale and fuses them: the shallow level is down-scaled (stride-2
 * conv), the middle kept, the deep one up-scaled (pixel-shuffle up-scaling); the three are concatenated and mixed
 * by a 1x1 convolution.
 *
 * <p>Inputs: shallow (B,C1,2H,2W), middle (B,C2,H,W), deep (B,C3,H/2,W/2). Output: (B,C2,H,W).
 */
public final class FeatureFusion extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int channels;
    private final Conv2d downShallow;
    private final PixelShuffleUp upDeep;
    private final Conv2d fuse;

    /** @param channels channels of the middle level, and of the output */
    public FeatureFusion(int channels) {
        super(VERSION);
        this.channels = channels;
        downShallow = addChildBlock("downShallow", Convs.down3x3(channels));
        upDeep = addChildBlock("upDeep", new PixelShuffleUp(channels));
        fuse = addChildBlock("fuse", Convs.pointwise(channels));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray shallow = downShallow.forward(store, new NDList(inputs.get(0)), training).singletonOrThrow();
        NDArray middle = inputs.get(1);
        NDArray deep = upDeep.forward(store, new NDList(inputs.get(2)), training).singletonOrThrow();
        NDArray stacked = NDArrays.concat(new NDList(shallow, middle, deep), 1);
        return new NDList(Activation.relu(fuse.forward(store, new NDList(stacked), training).singletonOrThrow()));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {Convs.reshape(inputShapes[1], channels, 1)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        downShallow.initialize(manager, dataType, inputShapes[0]);
        upDeep.initialize(manager, dataType, inputShapes[2]);
        fuse.initialize(manager, dataType, Convs.reshape(inputShapes[1], 3L * channels, 1));
    }
}
