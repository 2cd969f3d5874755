package io.github.biattention.deblur.training;

import ai.djl.training.loss.Loss;
import java.util.Locale;

/** The loss a run minimises; the name is what the {@code train} command and the model card use. */
public enum TrainingLoss {
    /** L1 on the pixels plus half the L1 of their differences ({@link DeblurLoss}): the default. */
    L1_EDGES("l1", "L1 on pixels + 0.5 x L1 on horizontal and vertical differences"),
    /** Minus each pair's PSNR, averaged ({@link PsnrLoss}): every pair counts in decibels. */
    PSNR("psnr", "minus each pair's PSNR (10 log10(MSE + 1e-6)), averaged over the batch");

    private final String name;
    private final String description;

    TrainingLoss(String name, String description) {
        this.name = name;
        this.description = description;
    }

    /** {@code l1} or {@code psnr}. */
    public static TrainingLoss parse(String text) {
        for (TrainingLoss loss : values()) {
            if (loss.name.equals(text.trim().toLowerCase(Locale.ROOT))) {
                return loss;
            }
        }
        throw new IllegalArgumentException("the loss must be l1 or psnr, not '" + text + "'");
    }

    Loss create(float gradientWeight) {
        return this == PSNR ? new PsnrLoss() : new DeblurLoss(gradientWeight);
    }

    public String description() {
        return description;
    }

    @Override
    public String toString() {
        return name;
    }
}
