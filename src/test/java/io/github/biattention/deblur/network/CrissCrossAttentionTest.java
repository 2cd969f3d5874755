package io.github.biattention.deblur.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.util.Pair;
import io.github.biattention.deblur.testing.FreedBuffers;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CrissCrossAttentionTest {

    private static final int C = 16;
    private static final int H = 5;
    private static final int W = 7;

    @Test
    void matchesPerPixelReferenceForOneAndTwoPasses() {
        for (int recurrence = 1; recurrence <= 2; recurrence++) {
            try (NDManager manager = NDManager.newBaseManager()) {
                CrissCrossAttention cca = new CrissCrossAttention(C, recurrence);
                cca.initialize(manager, DataType.FLOAT32, new Shape(1, C, H, W));
                param(cca, "gamma").getArray().set(new float[] {0.7f});
                Random random = new Random(42 + recurrence);
                float[] x = new float[C * H * W];
                for (int i = 0; i < x.length; i++) {
                    x[i] = (float) random.nextGaussian();
                }
                NDArray input = manager.create(x, new Shape(1, C, H, W));
                float[] actual = cca.forward(new ParameterStore(manager, false), new NDList(input), false)
                        .singletonOrThrow().toFloatArray();

                float[] expected = x;
                for (int r = 0; r < recurrence; r++) {
                    expected = referencePass(cca, expected, 0.7f);
                }
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(expected[i], actual[i], 1e-4, "R=" + recurrence + " element " + i);
                }
            }
        }
    }

    /**
     * The gradient of the attention with respect to Q, K and V is the same whether or not the JVM freed and reused
     * its unreferenced direct buffers between the forward and the backward pass (an operand made from one, as DJL
     * makes scalars, would be read after it was reused), and it equals float64 arithmetic.
     */
    @Test
    void gradientHoldsAfterFreedBuffersAreReused() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray q = manager.randomNormal(new Shape(2, 2, 9, 11));
            NDArray k = manager.randomNormal(new Shape(2, 2, 9, 11));
            NDArray v = manager.randomNormal(new Shape(2, C, 9, 11));
            NDArray upstream = manager.randomNormal(new Shape(2, C, 9, 11));
            float[][] calm = attentionGradients(q, k, v, upstream, DataType.FLOAT32, false);
            float[][] reused = attentionGradients(q, k, v, upstream, DataType.FLOAT32, true);
            float[][] exact = attentionGradients(q, k, v, upstream, DataType.FLOAT64, false);
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(calm[i], reused[i], 0f, "QKV".charAt(i) + " after buffers were reused");
                assertArrayEquals(exact[i], calm[i], 1e-4f, "QKV".charAt(i) + " against float64");
                assertTrue(Math.abs(calm[i][0]) + Math.abs(calm[i][1]) > 0, "QKV".charAt(i) + " gradient is not 0");
            }
        }
    }

    private static float[][] attentionGradients(
            NDArray q0, NDArray k0, NDArray v0, NDArray upstream, DataType type, boolean reuseBuffers) {
        // duplicate(): toType to the same type returns the same tensor in DJL's PyTorch engine, gradient and all.
        NDArray[] inputs = {q0.toType(type, false).duplicate(), k0.toType(type, false).duplicate(),
            v0.toType(type, false).duplicate()};
        for (NDArray input : inputs) {
            input.setRequiresGradient(true);
        }
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray y = CrissCrossAttention.aggregate(inputs[0], inputs[1], inputs[2]);
            NDArray objective = y.mul(upstream.toType(type, true)).sum();
            if (reuseBuffers) {
                FreedBuffers.reuse();
            }
            collector.backward(objective);
        }
        float[][] gradients = new float[3][];
        for (int i = 0; i < 3; i++) {
            gradients[i] = inputs[i].getGradient().toType(DataType.FLOAT32, true).toFloatArray();
        }
        return gradients;
    }

    /** One criss-cross pass written pixel by pixel: row and column of every pixel, the centre once. */
    private static float[] referencePass(CrissCrossAttention cca, float[] x, float gamma) {
        int cq = C / 8;
        float[] q = project(x, param(cca, "query_weight"), param(cca, "query_bias"), cq);
        float[] k = project(x, param(cca, "key_weight"), param(cca, "key_bias"), cq);
        float[] v = project(x, param(cca, "value_weight"), param(cca, "value_bias"), C);
        float[] out = new float[x.length];
        for (int i = 0; i < H; i++) {
            for (int j = 0; j < W; j++) {
                // Positions: the whole row i, then column j without (i, j).
                int n = W + H - 1;
                int[] ys = new int[n];
                int[] xs = new int[n];
                int p = 0;
                for (int jj = 0; jj < W; jj++) {
                    ys[p] = i;
                    xs[p++] = jj;
                }
                for (int ii = 0; ii < H; ii++) {
                    if (ii != i) {
                        ys[p] = ii;
                        xs[p++] = j;
                    }
                }
                double[] energy = new double[n];
                double max = Double.NEGATIVE_INFINITY;
                for (int t = 0; t < n; t++) {
                    for (int c = 0; c < cq; c++) {
                        energy[t] += q[at(c, i, j)] * k[at(c, ys[t], xs[t])];
                    }
                    max = Math.max(max, energy[t]);
                }
                double sum = 0;
                for (int t = 0; t < n; t++) {
                    energy[t] = Math.exp(energy[t] - max);
                    sum += energy[t];
                }
                for (int c = 0; c < C; c++) {
                    double acc = 0;
                    for (int t = 0; t < n; t++) {
                        acc += energy[t] / sum * v[at(c, ys[t], xs[t])];
                    }
                    out[at(c, i, j)] = (float) (gamma * acc + x[at(c, i, j)]);
                }
            }
        }
        return out;
    }

    private static float[] project(float[] x, Parameter weight, Parameter bias, int outChannels) {
        float[] w = weight.getArray().toFloatArray(); // (out, in, 1, 1)
        float[] b = bias.getArray().toFloatArray();
        float[] y = new float[outChannels * H * W];
        for (int o = 0; o < outChannels; o++) {
            for (int i = 0; i < H; i++) {
                for (int j = 0; j < W; j++) {
                    double acc = b[o];
                    for (int c = 0; c < C; c++) {
                        acc += w[o * C + c] * x[at(c, i, j)];
                    }
                    y[at(o, i, j)] = (float) acc;
                }
            }
        }
        return y;
    }

    private static int at(int c, int i, int j) {
        return (c * H + i) * W + j;
    }

    static Parameter param(ai.djl.nn.Block block, String suffix) {
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getKey().endsWith(suffix)) {
                return p.getValue();
            }
        }
        throw new AssertionError("no parameter ending in " + suffix);
    }

    @Test
    void gammaStartsAtZeroThroughTheTrainerInitializer() {
        try (Model model = Model.newInstance("cca")) {
            model.setBlock(BiAttentionNet.of(NetworkConfig.biAttention(1, 8, 1)));
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.l1Loss()))) {
                trainer.initialize(new Shape(1, 1, 32, 32));
                int gammas = 0;
                for (Pair<String, Parameter> p : model.getBlock().getParameters()) {
                    if (p.getKey().endsWith("gamma")) {
                        assertEquals(0f, p.getValue().getArray().getFloat(), 0f, p.getKey());
                        gammas++;
                    }
                }
                assertEquals(2, gammas, "one gamma per attention module");
                // With gamma = 0 each module is the identity at initialisation.
                assertTrue(model.getBlock().getParameters().size() > 20);
            }
        }
    }
}
