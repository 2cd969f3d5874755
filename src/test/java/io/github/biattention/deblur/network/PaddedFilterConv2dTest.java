package io.github.biattention.deblur.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

class PaddedFilterConv2dTest {

    /**
     * The input, weight and bias gradients of a training pass equal float64 arithmetic (a path without oneDNN) for
     * filter counts that are and are not multiples of the block, and the training output equals inference's.
     */
    @Test
    void trainingGradientsMatchDoublePrecision() {
        for (int filters : new int[] {1, 3, 4, 8, 16, 24}) {
            try (NDManager manager = NDManager.newBaseManager()) {
                Shape inShape = new Shape(2, 8, 24, 20);
                Conv2d conv = Convs.same3x3(filters);
                conv.initialize(manager, DataType.FLOAT32, inShape);
                NDArray weight = conv.getParameters().get("weight").getArray();
                NDArray bias = conv.getParameters().get("bias").getArray();
                weight.setRequiresGradient(true);
                bias.setRequiresGradient(true);
                NDArray x = manager.randomNormal(inShape);
                NDArray upstream = manager.randomNormal(new Shape(2, filters, 24, 20));
                x.setRequiresGradient(true);
                NDArray y;
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    y = conv.forward(new ParameterStore(manager, false), new NDList(x), true).singletonOrThrow();
                    collector.backward(y.mul(upstream).sum());
                }
                NDArray inference = conv.forward(new ParameterStore(manager, false), new NDList(x), false)
                        .singletonOrThrow();
                assertArrayEquals(inference.toFloatArray(), y.toFloatArray(), 1e-5f, filters + " filters: output");

                NDArray x64 = x.toType(DataType.FLOAT64, true);
                NDArray w64 = weight.toType(DataType.FLOAT64, true);
                NDArray b64 = bias.toType(DataType.FLOAT64, true);
                for (NDArray a : new NDArray[] {x64, w64, b64}) {
                    a.setRequiresGradient(true);
                }
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray y64 = Conv2d.conv2d(x64, w64, b64, new Shape(1, 1), new Shape(1, 1)).singletonOrThrow();
                    collector.backward(y64.mul(upstream.toType(DataType.FLOAT64, false)).sum());
                }
                assertClose(x64.getGradient(), x.getGradient(), filters + " filters: input gradient");
                assertClose(w64.getGradient(), weight.getGradient(), filters + " filters: weight gradient");
                assertClose(b64.getGradient(), bias.getGradient(), filters + " filters: bias gradient");
                assertEquals(new Shape(filters, 8, 3, 3), weight.getShape(), "the parameters keep their shape");
            }
        }
    }

    /** Relative to the largest reference value: float32 rounding is ~1e-7; the wrong path is off by 0.4 to 1 or NaN. */
    static void assertClose(NDArray reference, NDArray actual, String what) {
        double scale = reference.abs().max().getDouble();
        double error = actual.toType(DataType.FLOAT64, false).sub(reference).abs().max().getDouble() / scale;
        assertTrue(error < 1e-4, what + ": relative error " + error);
    }
}
