package io.github.biattention.deblur.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.github.biattention.deblur.testing.FreedBuffers;
import org.junit.jupiter.api.Test;

class DeblurLossTest {

    /**
     * L1 plus weight x L1 of the horizontal and vertical differences, and its gradient, on a case small enough to
     * write out; the gradient is taken after the JVM freed and reused its unreferenced direct buffers (DJL makes a
     * {@code mul(float)} operand from one, and the backward pass read the reused memory).
     */
    @Test
    void valueAndGradientHoldAfterFreedBuffersAreReused() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // Errors (output - target) of [[1, -1], [2, 0]].
            NDArray output = manager.create(new float[] {1, -1, 2, 0}, new Shape(1, 1, 2, 2));
            NDArray target = manager.zeros(new Shape(1, 1, 2, 2));
            output.setRequiresGradient(true);
            NDArray loss;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                loss = new DeblurLoss(0.5f).evaluate(new NDList(target), new NDList(output));
                FreedBuffers.reuse();
                collector.backward(loss);
            }
            // L1 1; horizontal differences -2, -2 (mean |.| 2); vertical 1, 1 (mean 1): 1 + 0.5 * (2 + 1).
            assertEquals(2.5f, loss.getFloat(), 1e-6f);
            // sign(e) / 4, plus 0.5 / 2 per difference an error takes part in, signed by that difference.
            assertArrayEquals(new float[] {0.25f, -0.75f, 0.75f, 0f}, output.getGradient().toFloatArray(), 1e-6f);
        }
    }
}
