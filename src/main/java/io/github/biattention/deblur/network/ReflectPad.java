package io.github.biattention.deblur.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;

/** Reflect padding of an NCHW array at the bottom and right, and the matching crop. */
final class ReflectPad {

    private ReflectPad() {}

    /** Pads H and W up to the next multiple of {@code multiple} by mirroring (edge excluded, like numpy "reflect"). */
    static NDArray toMultiple(NDArray x, int multiple) {
        long h = x.getShape().get(2);
        long w = x.getShape().get(3);
        NDArray y = padAxis(x, 2, (multiple - h % multiple) % multiple);
        return padAxis(y, 3, (multiple - w % multiple) % multiple);
    }

    static NDArray crop(NDArray x, long height, long width) {
        return x.get(new NDIndex(":, :, :{}, :{}", height, width));
    }

    private static NDArray padAxis(NDArray x, int axis, long pad) {
        NDArray y = x;
        while (pad > 0) {
            long size = y.getShape().get(axis);
            // A single row can only be repeated; otherwise mirror at most size-1 rows per round.
            long take = Math.min(pad, Math.max(1, size - 1));
            long from = size == 1 ? 0 : size - 1 - take;
            long to = size == 1 ? 1 : size - 1;
            NDArray tail = y.get(slice(axis, from, to)).flip(axis);
            y = NDArrays.concat(new NDList(y, tail), axis);
            pad -= take;
        }
        return y;
    }

    private static NDIndex slice(int axis, long from, long to) {
        return axis == 2
                ? new NDIndex(":, :, {}:{}, :", from, to)
                : new NDIndex(":, :, :, {}:{}", from, to);
    }
}
