package io.github.biattention.deblur.network;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Training gradients in float32 against the same computation in float64, which PyTorch runs without oneDNN: the check
 * that found wrong convolution gradients in libtorch 2.7.1 (see {@link PaddedFilterConv2d}), kept for other CPUs and
 * engine versions ({@code gradient-check} on the command line, and the tests).
 */
public final class GradientCheck {

    private GradientCheck() {}

    /** Relative L2 error of each parameter's gradient, and their median and largest. */
    public static final class Report {
        private final List<String> names;
        private final List<Double> errors;

        Report(List<String> names, List<Double> errors) {
            this.names = List.copyOf(names);
            this.errors = List.copyOf(errors);
        }

        public List<String> names() {
            return names;
        }

        public List<Double> errors() {
            return errors;
        }

        public double median() {
            List<Double> sorted = new ArrayList<>(errors);
            sorted.sort(null);
            return sorted.get(sorted.size() / 2);
        }

        public double worst() {
            return errors.get(worstIndex());
        }

        /** The parameter with the largest error. */
        public String worstName() {
            return names.get(worstIndex());
        }

        private int worstIndex() {
            int at = 0;
            for (int i = 1; i < errors.size(); i++) {
                if (!(errors.get(i) <= errors.get(at))) {
                    at = i; // NaN counts as the worst
                }
            }
            return at;
        }
    }

    /**
     * Input gradient of a 3x3, stride-1 convolution with {@code filters} filters over 16 channels of 2x16x48x40:
     * relative error of float32 against float64, for DJL's own {@link Conv2d} ({@code network = false}) or the one
     * the network trains with.
     */
    public static double convolutionInputGradient(int filters, boolean network) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Shape inShape = new Shape(2, 16, 48, 40);
            Supplier<Block> conv = network
                    ? () -> Convs.same3x3(filters)
                    : () -> Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                            .setFilters(filters).build();
            NDArray x = manager.randomNormal(inShape);
            NDArray upstream = manager.randomNormal(new Shape(2, filters, 48, 40));
            List<Double> errors = compare(conv, "convolution", inShape, x, upstream, manager).errors();
            return errors.get(errors.size() - 1); // the input's, after the parameters'
        }
    }

    /**
     * Every parameter's gradient of a network of {@code config} with random weights at PyTorch's default scale
     * (gammas 0.5; key biases, whose exact gradient is 0, left out), for an L2 loss on a batch of 2 images of
     * {@code height} x {@code width}. At DJL's He scale the random network's attention is so peaked that float32
     * rounding alone moves gradients by up to 30% (in the PyTorch twin too); at this scale float32 agrees with float64
     * to about 1e-6 (but see the README on width 32 and inputs of 64 px or less).
     */
    public static Report network(NetworkConfig config, int height, int width) {
        try (NDManager manager = NDManager.newBaseManager()) {
            Shape shape = new Shape(2, config.inputChannels(), height, width);
            NDArray x = manager.randomUniform(0, 1, shape);
            NDArray target = manager.randomUniform(0, 1, shape);
            return compare(() -> BiAttentionNet.of(config), null, shape, x, target, manager);
        }
    }

    /**
     * Gradients of a block made by {@code make} in float32 and of another in float64 with the same weights. With {@code inputName} the
     * objective is sum(output * second) and the input's gradient is reported last under that name; without, the
     * objective is the mean squared difference to {@code second}.
     */
    private static Report compare(Supplier<Block> make, String inputName, Shape shape, NDArray x, NDArray second,
            NDManager manager) {
        Block block = make.get();
        block.initialize(manager, DataType.FLOAT32, shape);
        Block twin = make.get();
        twin.initialize(manager, DataType.FLOAT64, shape);
        ParameterList singles = block.getParameters();
        ParameterList doubles = twin.getParameters();
        // In-place writes to parameters (leaves that require gradients) fail while autograd is on, and it is on
        // by default on every thread but the one that started the engine (a Fiji command thread, a test runner's).
        try (NoGradScope noGrad = NoGradScope.enter(manager)) {
            for (int i = 0; i < singles.size(); i++) {
                NDArray p = singles.get(i).getValue().getArray();
                String name = singles.get(i).getKey();
                if (name.endsWith("gamma")) {
                    p.set(new float[] {0.5f});
                } else if (name.endsWith("weight")) {
                    p.muli(0.4f); // He's sqrt(2 / fan-in) to about PyTorch's default 1 / sqrt(3 fan-in)
                }
                doubles.get(i).getValue().getArray().set(p.toType(DataType.FLOAT64, true).toDoubleArray());
            }
        }
        NDArray x32 = x.duplicate();
        NDArray x64 = x.toType(DataType.FLOAT64, true);
        backward(block, x32, second, inputName != null);
        backward(twin, x64, second.toType(DataType.FLOAT64, true), inputName != null);
        List<String> names = new ArrayList<>();
        List<Double> errors = new ArrayList<>();
        for (int i = 0; i < singles.size(); i++) {
            String name = singles.get(i).getKey();
            if (name.endsWith("key_bias")) {
                continue; // exactly 0: a key bias adds the same energy to all positions a query sees
            }
            names.add(name);
            errors.add(relativeError(singles.get(i).getValue().getArray().getGradient(),
                    doubles.get(i).getValue().getArray().getGradient()));
        }
        if (inputName != null) {
            names.add(inputName + " input");
            errors.add(relativeError(x32.getGradient(), x64.getGradient()));
        }
        return new Report(names, errors);
    }

    private static void backward(Block block, NDArray x, NDArray second, boolean weighted) {
        for (Pair<String, Parameter> p : block.getParameters()) {
            p.getValue().getArray().setRequiresGradient(true);
        }
        if (weighted) {
            x.setRequiresGradient(true);
        }
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray y = block.forward(new ParameterStore(x.getManager(), false), new NDList(x), true)
                    .singletonOrThrow();
            collector.backward(weighted ? y.mul(second).sum() : y.sub(second).square().mean());
        }
    }

    /** ||actual - reference|| / ||reference|| (NaN if either has a non-finite value). */
    static double relativeError(NDArray actual, NDArray reference) {
        NDArray a = actual.toType(DataType.FLOAT64, false);
        NDArray r = reference.toType(DataType.FLOAT64, false);
        return a.sub(r).square().sum().sqrt().getDouble() / r.square().sum().sqrt().getDouble();
    }
}
