package io.github.biattention.deblur.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * 2x up-scaling: a 1x1 convolution to 4C channels followed by a pixel shuffle (depth to space, PyTorch's
 * {@code PixelShuffle(2)} layout). Equivalent to a 2x2 stride-2 transposed convolution, which DJL's PyTorch engine
 * does not implement. (B,Cin,H,W) to (B,C,2H,2W).
 */
public final class PixelShuffleUp extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int channels;
    private final Conv2d expand;

    /** @param channels output channels */
    public PixelShuffleUp(int channels) {
        super(VERSION);
        this.channels = channels;
        expand = addChildBlock("expand", Convs.pointwise(4 * channels));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = expand.forward(store, inputs, training).singletonOrThrow();
        return new NDList(depthToSpace(x, channels));
    }

    /** (B, 4C, H, W) to (B, C, 2H, 2W); input channel c*4 + i*2 + j lands at row 2h+i, column 2w+j. */
    static NDArray depthToSpace(NDArray x, int channels) {
        Shape s = x.getShape();
        long b = s.get(0);
        long h = s.get(2);
        long w = s.get(3);
        return x.reshape(b, channels, 2, 2, h, w).transpose(0, 1, 4, 2, 5, 3).reshape(b, channels, 2 * h, 2 * w);
    }

    /** The inverse of {@link #depthToSpace}: (B, C, 2H, 2W) to (B, 4C, H, W) (PyTorch's {@code PixelUnshuffle(2)}). */
    static NDArray spaceToDepth(NDArray x) {
        Shape s = x.getShape();
        long b = s.get(0);
        long c = s.get(1);
        long h = s.get(2) / 2;
        long w = s.get(3) / 2;
        return x.reshape(b, c, h, 2, w, 2).transpose(0, 1, 3, 5, 2, 4).reshape(b, 4 * c, h, w);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {Convs.reshape(inputShapes[0], channels, 2)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        expand.initialize(manager, dataType, inputShapes);
    }
}
