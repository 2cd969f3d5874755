package io.github.biattention.deblur.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Adam whose state can be saved and restored, so that a resumed run continues exactly where it stopped. DJL's own
 * Adam keys its moments by parameter ids that change from run to run and keeps them private; here they are keyed by
 * the parameters' stable names, and the step number comes from the training loop instead of an internal counter.
 */
final class ResumableAdam extends Optimizer {

    private static final float BETA1 = 0.9f;
    private static final float BETA2 = 0.999f;
    private static final float EPSILON = 1e-8f;

    private final Tracker learningRate;
    private final Map<String, String> nameById = new HashMap<>();
    private final Map<String, NDArray> means = new TreeMap<>();
    private final Map<String, NDArray> variances = new TreeMap<>();
    private int step;

    ResumableAdam(Tracker learningRate, float clipGradient) {
        super(new Builder().optClipGrad(clipGradient).setRescaleGrad(1f));
        this.learningRate = learningRate;
    }

    /** Maps the ids of this run's parameters to their names; call once the block exists. */
    void bind(Iterable<Pair<String, Parameter>> parameters) {
        for (Pair<String, Parameter> p : parameters) {
            nameById.put(p.getValue().getId(), p.getKey());
        }
    }

    /** Sets the number of updates already done: the next {@link #update} uses step + 1. */
    void setStep(int step) {
        this.step = step;
    }

    /** The learning rate of update number {@code step + 1}. */
    float learningRate(int step) {
        return learningRate.getNewValue(step);
    }

    @Override
    public void update(String parameterId, NDArray weight, NDArray grad) {
        String name = nameById.getOrDefault(parameterId, parameterId);
        int t = step + 1;
        float lr = learningRate.getNewValue(step);
        double coef1 = 1.0 - Math.pow(BETA1, t);
        double coef2 = 1.0 - Math.pow(BETA2, t);
        float corrected = (float) (lr * Math.sqrt(coef2) / coef1);
        NDArray mean = means.computeIfAbsent(name, k -> weight.zerosLike());
        NDArray variance = variances.computeIfAbsent(name, k -> weight.zerosLike());
        weight.getNDArrayInternal().adamUpdate(new NDList(weight, grad, mean, variance), new NDList(weight),
                lr, corrected, 0f, rescaleGrad, clipGrad, BETA1, BETA2, EPSILON, true, false);
    }

    void save(DataOutputStream out) throws IOException {
        out.writeInt(step);
        out.writeInt(means.size());
        for (Map.Entry<String, NDArray> e : means.entrySet()) {
            out.writeUTF(e.getKey());
            writeArray(out, e.getValue());
            writeArray(out, variances.get(e.getKey()));
        }
    }

    void load(DataInputStream in, NDManager manager) throws IOException {
        step = in.readInt();
        int count = in.readInt();
        for (int i = 0; i < count; i++) {
            String name = in.readUTF();
            means.put(name, readArray(in, manager));
            variances.put(name, readArray(in, manager));
        }
    }

    private static void writeArray(DataOutputStream out, NDArray array) throws IOException {
        byte[] bytes = array.encode();
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static NDArray readArray(DataInputStream in, NDManager manager) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return manager.decode(bytes);
    }

    private static final class Builder extends OptimizerBuilder<Builder> {
        @Override
        protected Builder self() {
            return this;
        }
    }
}
