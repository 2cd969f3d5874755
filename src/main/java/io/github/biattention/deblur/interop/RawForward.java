package io.github.biattention.deblur.interop;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.github.biattention.deblur.network.NoGradScope;
import io.github.biattention.deblur.model.DeblurModel;
import io.github.biattention.deblur.network.BiAttentionNet;
import java.util.Arrays;

/**
 * The network's forward pass on a whole array, without normalisation or tiling: what the PyTorch twin computes for
 * {@code net(x)}, for parity checks and timing. The input is taken as already normalised.
 */
public final class RawForward {

    /** The output of the last pass and the time of each timed pass. */
    public static final class Result {
        private final NpyArray output;
        private final double[] millis;

        Result(NpyArray output, double[] millis) {
            this.output = output;
            this.millis = millis;
        }

        /** Same shape as the input. */
        public NpyArray output() {
            return output;
        }

        /** Wall time of each timed forward pass, in milliseconds. */
        public double[] millis() {
            return millis.clone();
        }

        /** Median of {@link #millis()}. */
        public double medianMillis() {
            double[] sorted = millis.clone();
            Arrays.sort(sorted);
            int n = sorted.length;
            return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        }
    }

    private RawForward() {}

    /**
     * Runs {@code model}'s network on {@code input}: one untimed warm-up pass, then {@code repeat} timed passes.
     * Only the forward call is timed (input already in native memory, output not yet copied back), as in the PyTorch
     * twin's timing.
     *
     * @param input float32 of shape (H, W) (one channel), (C, H, W) or (B, C, H, W)
     * @param repeat timed passes, at least 1
     */
    public static Result run(DeblurModel model, NpyArray input, int repeat) {
        if (repeat < 1) {
            throw new IllegalArgumentException("repeat must be >= 1, was " + repeat);
        }
        long[] shape = input.shape();
        Shape nchw;
        if (shape.length == 2) {
            nchw = new Shape(1, 1, shape[0], shape[1]);
        } else if (shape.length == 3) {
            nchw = new Shape(1, shape[0], shape[1], shape[2]);
        } else if (shape.length == 4) {
            nchw = new Shape(shape);
        } else {
            throw new IllegalArgumentException("input must have 2, 3 or 4 dimensions, has shape "
                    + Arrays.toString(shape));
        }
        int channels = model.network().config().inputChannels();
        if (nchw.get(1) != channels) {
            throw new IllegalArgumentException("the model takes " + channels + " channel(s), the input (shape "
                    + Arrays.toString(shape) + ") has " + nchw.get(1));
        }
        BiAttentionNet net = model.network();
        NDManager parent = model.djlModel().getNDManager();
        float[] pixels = input.floats();
        double[] millis = new double[repeat];
        float[] output = null;
        for (int pass = 0; pass <= repeat; pass++) {
            try (NDManager m = parent.newSubManager(); NoGradScope off = NoGradScope.enter(m)) {
                NDArray x = m.create(pixels, nchw);
                long start = System.nanoTime();
                NDArray y = net.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
                if (m.getDevice().isGpu()) {
                    y.sum().getFloat(); // CUDA runs asynchronously: wait for the pass (one float comes back)
                }
                long end = System.nanoTime();
                if (pass > 0) {
                    millis[pass - 1] = (end - start) / 1e6;
                }
                if (pass == repeat) {
                    output = y.toFloatArray();
                }
            }
        }
        return new Result(NpyArray.ofFloats(output, shape), millis);
    }
}
