package io.github.biattention.deblur.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** conv3x3 - ReLU - conv3x3, plus the input. NCHW in and out, same shape. */
public final class ResidualBlock extends AbstractBlock {

    private static final byte VERSION = 1;

    private final Conv2d first;
    private final Conv2d second;

    /** @param channels input and output channels */
    public ResidualBlock(int channels) {
        super(VERSION);
        first = addChildBlock("conv1", Convs.same3x3(channels));
        second = addChildBlock("conv2", Convs.same3x3(channels));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray y = Activation.relu(first.forward(store, inputs, training).singletonOrThrow());
        y = second.forward(store, new NDList(y), training).singletonOrThrow();
        return new NDList(y.add(x));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        first.initialize(manager, dataType, inputShapes);
        second.initialize(manager, dataType, inputShapes);
    }
}
