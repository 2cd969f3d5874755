package io.github.biattention.deblur.cli;

import io.github.biattention.deblur.imagej.FileDeblurring;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

/**
 * What a batch of the command line ({@code deblur}, {@code deconvolve}) prints: skipped and failed files on stderr as
 * they come, the failed ones named again at the end, and the exit code. Each command prints its own line per
 * finished file ({@link #done}).
 */
abstract class BatchReport implements FileDeblurring.Listener {

    private final List<String> failed = new ArrayList<>();

    @Override
    public void skipped(FileDeblurring.Job job) {
        System.err.println("Skipped " + job.input.getFileName() + ": " + job.output + " exists");
    }

    @Override
    public void failed(FileDeblurring.Job job, String message) {
        failed.add(job.input.getFileName().toString());
        System.err.println("Error: " + message);
    }

    /** Says the batch was cancelled; call it before the interruption is closed (the JVM may halt once it is). */
    static int cancelled(CancellationException e) {
        System.err.println("Cancelled (" + e.getMessage() + "): finished files are kept, no partial file is left");
        return DeblurCommand.EXIT_CANCELLED;
    }

    /** Names the failed files of a batch of several, and gives the exit code: 1 when a file failed. */
    int finish(int jobs) {
        if (!failed.isEmpty() && jobs > 1) {
            System.err.println(failed.size() + " of " + jobs + " images failed: " + String.join(", ", failed));
        }
        return failed.isEmpty() ? 0 : 1;
    }
}
