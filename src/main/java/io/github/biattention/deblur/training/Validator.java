package io.github.biattention.deblur.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.github.biattention.deblur.data.TrainingPair;
import io.github.biattention.deblur.metrics.Psnr;
import io.github.biattention.deblur.metrics.Ssim;
import java.util.List;

/**
 * Scores a network on a fixed list of pairs: mean PSNR and SSIM (data range 1) of the restored and of the blurred
 * patches against the sharp ones, on the sharp images' own intensity scale.
 */
final class Validator {

    private final List<TrainingPair> pairs;

    /**
     * Pairs without blur and noise have an input equal to the target (infinite PSNR): each pair's score is capped so
     * that the mean stays finite and no single pair outweighs the rest.
     */
    static final double PSNR_CAP = 60;

    Validator(List<TrainingPair> pairs) {
        this.pairs = pairs;
    }

    ValidationReport evaluate(Block network, NDManager parent, int step) {
        double psnr = 0;
        double ssim = 0;
        double blurredPsnr = 0;
        double blurredSsim = 0;
        for (TrainingPair pair : pairs) {
            float[] restored = restore(network, parent, pair);
            float[] sharp = pair.sharp().pixels();
            float[] blurred = pair.blurred().pixels();
            int w = pair.sharp().width();
            int h = pair.sharp().height();
            psnr += Math.min(PSNR_CAP, Psnr.compute(sharp, restored, 1.0));
            ssim += Ssim.compute(sharp, restored, w, h, 1.0);
            blurredPsnr += Math.min(PSNR_CAP, Psnr.compute(sharp, blurred, 1.0));
            blurredSsim += Ssim.compute(sharp, blurred, w, h, 1.0);
        }
        int n = pairs.size();
        return new ValidationReport(step, psnr / n, ssim / n, blurredPsnr / n, blurredSsim / n);
    }

    /** The network's output for one pair, mapped back to the sharp image's scale. */
    static float[] restore(Block network, NDManager parent, TrainingPair pair) {
        try (NDManager manager = parent.newSubManager()) {
            NDArray input = Batches.of(List.of(pair), manager)[0];
            NDArray output = network.forward(new ParameterStore(manager, false), new NDList(input), false)
                    .singletonOrThrow();
            float[] values = output.toFloatArray();
            float[] map = Batches.normalization(pair.blurred().pixels());
            for (int i = 0; i < values.length; i++) {
                values[i] = values[i] * map[1] + map[0];
            }
            return values;
        }
    }
}
