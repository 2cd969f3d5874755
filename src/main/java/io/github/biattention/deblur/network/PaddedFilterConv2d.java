package io.github.biattention.deblur.network;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A {@link Conv2d} whose training pass on the CPU runs with its filter bank padded with zero filters to a multiple
 * of {@link #FILTER_BLOCK}, and keeps only the real filters' output.
 *
 * <p>Why: the oneDNN 3.7.1 in DJL's libtorch 2.7.1 computes the <em>input</em> gradient of a 3x3, stride-1
 * convolution wrongly on the CPU when the filter count is not a multiple of its register block (16 with AVX-512, 8
 * with AVX2): relative errors of 0.4 to 1, often NaN (measured against float64 for 1 to 24 filters; 1x1 and
 * stride-2 convolutions, the forward pass and the weight gradient are right). The network's last convolution has 1
 * to 4 filters, so every gradient below it was wrong. Zero filters leave the output and all gradients unchanged, and
 * the padded shape takes the right path. Inference, the GPU and filter counts that are already multiples run the
 * plain convolution. Parameters and their file format are those of {@link Conv2d}.
 */
final class PaddedFilterConv2d extends Conv2d {

    /** Filter counts that are multiples of this take oneDNN's right path on every x86 ISA it has (8 or 16 lanes). */
    static final int FILTER_BLOCK = 16;

    PaddedFilterConv2d(Conv2d.Builder builder) {
        super(builder);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Device device = x.getDevice();
        if (!training || filters % FILTER_BLOCK == 0 || device.isGpu()) {
            return super.forwardInternal(store, inputs, training, params);
        }
        long extra = FILTER_BLOCK - filters % FILTER_BLOCK;
        NDArray paddedWeight = withZeroFilters(store.getValue(weight, device, training), extra);
        NDArray paddedBias = includeBias ? withZeroFilters(store.getValue(bias, device, training), extra) : null;
        NDArray y = Conv2d.conv2d(x, paddedWeight, paddedBias, stride, padding, dilation, groups).singletonOrThrow();
        return new NDList(y.get(new NDIndex(":, :{}", filters)));
    }

    /** {@code a} (filters first: a weight or a bias) followed by {@code extra} filters of zeros. */
    private static NDArray withZeroFilters(NDArray a, long extra) {
        Shape zeros = new Shape(extra).addAll(a.getShape().slice(1));
        return NDArrays.concat(new NDList(a, a.getManager().zeros(zeros, a.getDataType(), a.getDevice())), 0);
    }
}
