package io.github.biattention.deblur.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.github.biattention.deblur.testing.FreedBuffers;
import org.junit.jupiter.api.Test;

class PsnrLossTest {

    private static final double DB = 10 / Math.log(10);

    /**
     * Two pairs of 2x2: errors [1, -1, 2, 0] (MSE 1.5) and [0.01, 0, 0, 0] (MSE 2.5e-5). The value is the mean of
     * 10 log10(MSE + 1e-6); the gradient of an error e in a pair is DB x 2e / 4 / (MSE + 1e-6) / 2, so the nearly
     * exact pair's error pulls ~580 times harder than the same error would in the first pair. Taken after the JVM
     * freed and reused its unreferenced direct buffers, as in DeblurLossTest.
     */
    @Test
    void everyPairCountsInDecibels() {
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] errors = {1, -1, 2, 0, 0.01f, 0, 0, 0};
            NDArray output = manager.create(errors, new Shape(2, 1, 2, 2));
            NDArray target = manager.zeros(new Shape(2, 1, 2, 2));
            output.setRequiresGradient(true);
            NDArray loss;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                loss = new PsnrLoss().evaluate(new NDList(target), new NDList(output));
                FreedBuffers.reuse();
                collector.backward(loss);
            }
            double[] mse = {1.5, 1e-4 / 4};
            double expected = (DB * Math.log(mse[0] + 1e-6) + DB * Math.log(mse[1] + 1e-6)) / 2;
            assertEquals(expected, loss.getFloat(), 1e-4);
            float[] gradient = new float[8];
            for (int i = 0; i < 8; i++) {
                gradient[i] = (float) (DB * 2 * errors[i] / 4 / (mse[i / 4] + 1e-6) / 2);
            }
            float[] actual = output.getGradient().toFloatArray();
            for (int i = 0; i < 8; i++) {
                assertEquals(gradient[i], actual[i], Math.abs(gradient[i]) * 1e-4 + 1e-6, "element " + i);
            }
            assertTrue(actual[4] > 100 * actual[0], "the nearly exact pair's error weighs most");
        }
    }

    @Test
    void namesParse() {
        assertEquals(TrainingLoss.PSNR, TrainingLoss.parse(" PSNR"));
        assertEquals(TrainingLoss.L1_EDGES, TrainingLoss.parse("l1"));
        assertThrows(IllegalArgumentException.class, () -> TrainingLoss.parse("l2"));
    }
}
