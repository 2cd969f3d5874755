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
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BiAttentionNetTest {

    @Test
    void outputHasTheInputSizeForOddSides() {
        for (NetworkConfig config : new NetworkConfig[] {
                NetworkConfig.biAttention(1, 8, 1),
                new NetworkConfig(3, 8, 1, 2, true, true, 1)}) {
            try (NDManager manager = NDManager.newBaseManager()) {
                BiAttentionNet net = BiAttentionNet.of(config);
                net.initialize(manager, DataType.FLOAT32, new Shape(1, config.inputChannels(), 37, 53));
                for (long[] size : new long[][] {{37, 53}, {1, 1}, {1, 9}, {64, 64}}) {
                    NDArray x = manager.randomUniform(0, 1, new Shape(2, config.inputChannels(), size[0], size[1]));
                    NDArray y = net.forward(new ParameterStore(manager, false), new NDList(x), false)
                            .singletonOrThrow();
                    assertEquals(x.getShape(), y.getShape(), config + " " + size[0] + "x" + size[1]);
                    assertTrue(Float.isFinite(y.sum().getFloat()));
                }
            }
        }
    }

    @Test
    void gradientReachesEveryParameter() {
        try (NDManager manager = NDManager.newBaseManager()) {
            BiAttentionNet net = BiAttentionNet.of(NetworkConfig.biAttention(1, 8, 1));
            net.initialize(manager, DataType.FLOAT32, new Shape(2, 1, 32, 40));
            for (Pair<String, Parameter> p : net.getParameters()) {
                // gamma starts at 0, which blocks the gradient into Q, K and V; a trained model's gammas are not 0.
                if (p.getKey().endsWith("gamma")) {
                    p.getValue().getArray().set(new float[] {0.5f});
                }
                p.getValue().getArray().setRequiresGradient(true);
            }
            NDArray x = manager.randomUniform(0, 1, new Shape(2, 1, 32, 40));
            NDArray target = manager.randomUniform(0, 1, new Shape(2, 1, 32, 40));
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray y = net.forward(new ParameterStore(manager, false), new NDList(x), true).singletonOrThrow();
                collector.backward(y.sub(target).abs().mean());
            }
            List<String> missing = new ArrayList<>();
            for (Pair<String, Parameter> p : net.getParameters()) {
                float size = p.getValue().getArray().getGradient().abs().sum().getFloat();
                if (!(size > 0) || !Float.isFinite(size)) {
                    missing.add(p.getKey() + " (" + size + ")");
                }
            }
            assertTrue(missing.isEmpty(), "no finite, non-zero gradient reaches " + missing);
        }
    }

    /**
     * Every parameter's gradient in float32 equals the same network's in float64 (which runs without oneDNN): a
     * wrong input gradient anywhere (as libtorch 2.7.1 gave for 3x3 convolutions with few filters) shows up in all
     * parameters below it. Width 8 puts every 3x3 convolution off the 16-filter block; the last convolution has 1
     * filter at full resolution, 4 after a pixel unshuffle.
     */
    @Test
    void gradientsMatchDoublePrecision() {
        for (NetworkConfig config : new NetworkConfig[] {
                new NetworkConfig(1, 8, 1, 2, true, true, 1), new NetworkConfig(1, 16, 1, 2, true, true, 2)}) {
            try (NDManager manager = NDManager.newBaseManager()) {
                Shape shape = new Shape(2, 1, 32, 40);
                BiAttentionNet single = BiAttentionNet.of(config);
                single.initialize(manager, DataType.FLOAT32, shape);
                BiAttentionNet dual = BiAttentionNet.of(config);
                dual.initialize(manager, DataType.FLOAT64, shape);
                ai.djl.nn.ParameterList singles = single.getParameters();
                ai.djl.nn.ParameterList duals = dual.getParameters();
                for (int i = 0; i < singles.size(); i++) {
                    NDArray p = singles.get(i).getValue().getArray();
                    if (singles.get(i).getKey().endsWith("gamma")) {
                        p.set(new float[] {0.5f});
                    } else if (singles.get(i).getKey().endsWith("weight")) {
                        p.muli(0.4f); // PyTorch's default scale (see below)
                    }
                    duals.get(i).getValue().getArray().set(p.toType(DataType.FLOAT64, true).toDoubleArray());
                    p.setRequiresGradient(true);
                    duals.get(i).getValue().getArray().setRequiresGradient(true);
                }
                NDArray x = manager.randomUniform(0, 1, shape);
                NDArray target = manager.randomUniform(0, 1, shape);
                backward(single, x, target);
                backward(dual, x.toType(DataType.FLOAT64, true), target.toType(DataType.FLOAT64, true));
                List<Double> errors = new ArrayList<>();
                for (int i = 0; i < singles.size(); i++) {
                    String name = singles.get(i).getKey();
                    if (name.endsWith("key_bias")) {
                        continue; // exactly 0: a key bias adds the same energy to all positions a query sees
                    }
                    NDArray reference = duals.get(i).getValue().getArray().getGradient();
                    NDArray actual = singles.get(i).getValue().getArray().getGradient().toType(DataType.FLOAT64, false);
                    double error = actual.sub(reference).square().sum().sqrt().getDouble()
                            / reference.square().sum().sqrt().getDouble();
                    assertTrue(Double.isFinite(error), config + " " + name + ": non-finite gradient");
                    errors.add(error);
                }
                // At DJL's default (He) scale the random network's attention is so peaked that float32 rounding
                // alone moves gradients by up to 30% (the PyTorch twin too); at PyTorch's default scale float32
                // agrees with float64 to ~1e-6. A wrong gradient below some layer puts them off by 0.4 to 1.
                errors.sort(null);
                double median = errors.get(errors.size() / 2);
                double worst = errors.get(errors.size() - 1);
                assertTrue(median < 1e-4 && worst < 1e-2,
                        config + ": relative gradient errors, median " + median + ", worst " + worst);
            }
        }
    }

    private static void backward(BiAttentionNet net, NDArray x, NDArray target) {
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray y = net.forward(new ParameterStore(x.getManager(), false), new NDList(x), true).singletonOrThrow();
            collector.backward(y.sub(target).square().mean());
        }
    }

    @Test
    void pixelShuffleInvertsPixelUnshuffle() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray x = manager.arange(2 * 3 * 4 * 6).toType(DataType.FLOAT32, false).reshape(2, 3, 4, 6);
            NDArray packed = PixelShuffleUp.spaceToDepth(x);
            assertEquals(new Shape(2, 12, 2, 3), packed.getShape());
            // Channel c*4 + i*2 + j holds pixel (2h+i, 2w+j), PyTorch's PixelUnshuffle layout.
            assertEquals(x.getFloat(1, 2, 3, 5), packed.getFloat(1, 2 * 4 + 1 * 2 + 1, 1, 2), 0f);
            assertArrayEquals(x.toFloatArray(), PixelShuffleUp.depthToSpace(packed, 3).toFloatArray(), 0f);
        }
    }
}
