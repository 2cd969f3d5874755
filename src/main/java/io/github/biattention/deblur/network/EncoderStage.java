package io.github.biattention.deblur.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** One down-scaling stage: a stride-2 3x3 convolution, ReLU, then residual blocks. (B,Cin,H,W) to (B,C,H/2,W/2). */
public final class EncoderStage extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int channels;
    private final Conv2d down;
    private final SequentialBlock blocks;

    /**
     * @param channels output channels
     * @param residualBlocks number of residual blocks after the down-scaling
     */
    public EncoderStage(int channels, int residualBlocks) {
        super(VERSION);
        this.channels = channels;
        down = addChildBlock("down", Convs.down3x3(channels));
        blocks = addChildBlock("blocks", residualStack(channels, residualBlocks));
    }

    static SequentialBlock residualStack(int channels, int count) {
        SequentialBlock stack = new SequentialBlock();
        for (int i = 0; i < count; i++) {
            stack.add(new ResidualBlock(channels));
        }
        return stack;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = Activation.relu(down.forward(store, inputs, training).singletonOrThrow());
        return blocks.forward(store, new NDList(x), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {Convs.reshape(inputShapes[0], channels, 0.5)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        down.initialize(manager, dataType, inputShapes);
        blocks.initialize(manager, dataType, getOutputShapes(inputShapes));
    }
}
