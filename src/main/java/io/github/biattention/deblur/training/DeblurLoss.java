package io.github.biattention.deblur.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.loss.Loss;

/**
 * L1 on the pixels plus a weighted L1 on horizontal and vertical differences: the second term rewards sharp edges,
 * which plain L1 under-weights once the image is roughly right. Labels and predictions are (B, C, H, W).
 */
final class DeblurLoss extends Loss {

    private final float gradientWeight;

    DeblurLoss(float gradientWeight) {
        super("deblur");
        this.gradientWeight = gradientWeight;
    }

    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        NDArray target = labels.singletonOrThrow();
        NDArray output = predictions.singletonOrThrow();
        NDArray loss = output.sub(target).abs().mean();
        if (gradientWeight > 0) {
            NDArray error = output.sub(target);
            NDArray dx = error.get(":, :, :, 1:").sub(error.get(":, :, :, :-1")).abs().mean();
            NDArray dy = error.get(":, :, 1:, :").sub(error.get(":, :, :-1, :")).abs().mean();
            // A native scalar, not mul(float): DJL makes a Number operand from a Java direct buffer that it lets go
            // at once; autograd keeps reading it in the backward pass, and once the JVM reused that memory the
            // gradient came out as anything (4e36 in DeblurLossTest).
            loss = loss.add(dx.add(dy).mul(output.getManager().full(new Shape(), gradientWeight, output.getDataType())));
        }
        return loss;
    }
}
