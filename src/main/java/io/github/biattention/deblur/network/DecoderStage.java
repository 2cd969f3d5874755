package io.github.biattention.deblur.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * One up-scaling stage: a pixel-shuffle up-scaling, the encoder's skip connection added, then residual
 * blocks. Inputs: (B,Cin,H,W) and the skip (B,C,2H,2W); output (B,C,2H,2W).
 */
public final class DecoderStage extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int channels;
    private final PixelShuffleUp up;
    private final SequentialBlock blocks;

    /**
     * @param channels output channels (those of the skip connection)
     * @param residualBlocks number of residual blocks after the skip is added
     */
    public DecoderStage(int channels, int residualBlocks) {
        super(VERSION);
        this.channels = channels;
        up = addChildBlock("up", new PixelShuffleUp(channels));
        blocks = addChildBlock("blocks", EncoderStage.residualStack(channels, residualBlocks));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = up.forward(store, new NDList(inputs.get(0)), training).singletonOrThrow();
        NDArray merged = x.add(inputs.get(1));
        return blocks.forward(store, new NDList(merged), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {Convs.reshape(inputShapes[0], channels, 2)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        up.initialize(manager, dataType, inputShapes[0]);
        blocks.initialize(manager, dataType, getOutputShapes(inputShapes));
    }
}
