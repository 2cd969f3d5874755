package io.github.biattention.deblur.spark;

import io.github.biattention.deblur.imagej.FileDeblurring;
import io.github.biattention.deblur.inference.DeblurSettings;
import io.github.biattention.deblur.model.DeviceChoice;
import java.io.Serializable;

/** What every task needs to know about the run: the command line's settings, in a form Spark can ship. */
final class JobOptions implements Serializable {

    private static final long serialVersionUID = 1L;

    int tileSize = DeblurSettings.DEFAULT_TILE_SIZE;
    int overlap = DeblurSettings.DEFAULT_OVERLAP;
    Double lowPercentile;
    Double highPercentile;
    boolean perPlane;
    boolean ensemble;
    String device = "auto";
    boolean keepBitDepth;
    FileDeblurring.Existing existing = FileDeblurring.Existing.REFUSE;
    /** Images with more pixels than this (all planes and colours) are split into planes and blocks. */
    long splitPixels = 16L << 20;
    /** The largest block side of a split plane. */
    int blockSide = 2048;
    /** PyTorch's intra-op threads per executor; null: the task's cores ({@code spark.task.cpus}). */
    Integer threads;
    /** This run (Spark's application id), in the names of its hidden copies. */
    String runTag = "run";

    /** The engine settings, as the command line builds them; checks them. */
    DeblurSettings settings() {
        DeblurSettings.Builder builder = DeblurSettings.builder().tileSize(tileSize).overlap(overlap)
                .ensemble(ensemble).perPlaneNormalization(perPlane).device(DeviceChoice.parse(device));
        if (lowPercentile != null) {
            builder.lowPercentile(lowPercentile);
        }
        if (highPercentile != null) {
            builder.highPercentile(highPercentile);
        }
        return builder.build();
    }
}
