package io.github.biattention.deblur.network;

import ai.djl.nn.convolutional.Conv2d;
import ai.djl.ndarray.types.Shape;

/** Factories for the few convolution shapes the network uses, so every block spells them the same way. */
final class Convs {

    private Convs() {}

    /** 3x3, stride 1, "same" padding; trains with exact gradients for any filter count (see PaddedFilterConv2d). */
    static Conv2d same3x3(int filters) {
        return new PaddedFilterConv2d(Conv2d.builder()
                .setKernelShape(new Shape(3, 3))
                .optPadding(new Shape(1, 1))
                .setFilters(filters));
    }

    /** 1x1 projection. */
    static Conv2d pointwise(int filters) {
        return Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(filters).build();
    }

    /** 3x3, stride 2: halves an even side exactly. */
    static Conv2d down3x3(int filters) {
        return Conv2d.builder()
                .setKernelShape(new Shape(3, 3))
                .optStride(new Shape(2, 2))
                .optPadding(new Shape(1, 1))
                .setFilters(filters)
                .build();
    }


    /** The NCHW shape {@code s} with its channel count replaced and both sides scaled by {@code factor}. */
    static Shape reshape(Shape s, long channels, double factor) {
        return new Shape(s.get(0), channels, Math.round(s.get(2) * factor), Math.round(s.get(3) * factor));
    }
}
