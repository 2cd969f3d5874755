package io.github.biattention.deblur.spark;

import io.github.biattention.deblur.imagej.BlockDeblurring;
import java.io.Serializable;

/** What became of one input file, reported back to the driver. */
final class Outcome implements Serializable {

    private static final long serialVersionUID = 1L;

    enum Kind {
        /** Its output was written. */
        DONE,
        /** Left out: its output exists and existing outputs are skipped. */
        SKIPPED,
        /** It failed; the message says why and names the file. */
        FAILED,
        /** Large: planned to be deblurred in blocks ({@link #plan}), written once they are done. */
        SPLIT
    }

    final JobPlan.FileJob job;
    final Kind kind;
    final String message;
    /** Deblurring time, summed over the blocks of a split image; reading and writing excluded. */
    final double seconds;
    /** Pixels deblurred (all planes and colours), in millions. */
    final double megapixels;
    final BlockDeblurring.Plan plan;
    /** The planned file's name, length and modification time ({@link HadoopFiles#version}); null unless split. */
    final String version;

    private Outcome(JobPlan.FileJob job, Kind kind, String message, double seconds, double megapixels,
            BlockDeblurring.Plan plan, String version) {
        this.job = job;
        this.kind = kind;
        this.message = message;
        this.seconds = seconds;
        this.megapixels = megapixels;
        this.plan = plan;
        this.version = version;
    }

    static Outcome done(JobPlan.FileJob job, double seconds, double megapixels) {
        return new Outcome(job, Kind.DONE, null, seconds, megapixels, null, null);
    }

    static Outcome skipped(JobPlan.FileJob job) {
        return new Outcome(job, Kind.SKIPPED, null, 0, 0, null, null);
    }

    static Outcome failed(JobPlan.FileJob job, String message) {
        return new Outcome(job, Kind.FAILED, message, 0, 0, null, null);
    }

    static Outcome split(JobPlan.FileJob job, BlockDeblurring.Plan plan, double megapixels, String version) {
        return new Outcome(job, Kind.SPLIT, null, 0, megapixels, plan, version);
    }
}
