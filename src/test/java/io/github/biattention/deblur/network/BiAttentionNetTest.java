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
     * parameters below it, off by 0.4 to 1. Width 8 puts every 3x3 convolution off the 16-filter block; the last
     * convolution has 1 filter at full resolution, 4 after a pixel unshuffle.
     */
    @Test
    void gradientsMatchDoublePrecision() {
        for (NetworkConfig config : new NetworkConfig[] {
                new NetworkConfig(1, 8, 1, 2, true, true, 1), new NetworkConfig(1, 16, 1, 2, true, true, 2)}) {
            GradientCheck.Report report = GradientCheck.network(config, 32, 40);
            assertEquals(56, report.errors().size(), "every parameter but the 2 key biases: " + report.names());
            assertTrue(report.median() < 1e-4 && report.worst() < 1e-2,
                    config + ": relative gradient errors, median " + report.median() + ", worst " + report.worst()
                            + " (" + report.worstName() + ")");
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
