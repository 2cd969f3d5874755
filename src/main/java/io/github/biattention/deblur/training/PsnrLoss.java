package io.github.biattention.deblur.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;

/**
 * The mean over the batch of each pair's 10 log10(MSE + floor), i.e. minus its PSNR: every pair counts in decibels,
 * as the robustness grid scores them. Under L1 a sharp pair left at 44 dB weighs almost nothing next to a blurred
 * pair at 25 dB; here closing 1 dB on either weighs the same, so the network learns to leave sharp, faintly noisy
 * images alone. The floor (1e-6, 60 dB) keeps the weight of an already exact pair bounded. Labels and predictions
 * are (B, C, H, W).
 */
final class PsnrLoss extends Loss {

    /** MSE floor: 60 dB, above what any pair of the training mix can reach (8-bit sources, noise). */
    static final float FLOOR = 1e-6f;

    PsnrLoss() {
        super("psnr");
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray target = labels.singletonOrThrow();
        NDArray output = predictions.singletonOrThrow();
        // DJL's PyTorch mean takes one axis: flatten each pair first.
        NDArray perPair = output.sub(target).square().reshape(output.getShape().get(0), -1).mean(new int[] {1});
        // Native scalars, not add(float)/mul(float): DJL lets the Java buffer of a Number operand go at once, and
        // autograd reads it in the backward pass (see DeblurLoss).
        NDArray floor = output.getManager().full(new Shape(), FLOOR, output.getDataType());
        NDArray decibels = output.getManager().full(new Shape(), (float) (10 / Math.log(10)), output.getDataType());
        return perPair.add(floor).log().mul(decibels).mean();
    }
}
