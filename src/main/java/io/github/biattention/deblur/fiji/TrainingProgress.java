package io.github.biattention.deblur.fiji;

import io.github.biattention.deblur.training.TrainingListener;
import io.github.biattention.deblur.training.ValidationReport;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import org.scijava.app.StatusService;

/**
 * A training run in Fiji: every step in the status bar, a log line every {@value #LOG_EVERY} steps and at each
 * validation, the live plot when there is one; remembers the first and the best validation for the summary.
 */
final class TrainingProgress implements TrainingListener {

    static final int LOG_EVERY = 50;

    private final StatusService status;
    private final Consumer<String> log;
    private final TrainingPlot plot;
    private ValidationReport first;
    private ValidationReport best;
    private int lastStep;

    /**
     * @param status null for none
     * @param plot null for none
     */
    TrainingProgress(StatusService status, Consumer<String> log, TrainingPlot plot) {
        this.status = status;
        this.log = log;
        this.plot = plot;
    }

    @Override
    public void step(StepReport r) {
        lastStep = r.step;
        String line = String.format(Locale.ROOT, "step %d/%d  loss %.4f  lr %.2e  %.2f steps/s  %s left",
                r.step, r.totalSteps, r.loss, r.learningRate, r.stepsPerSecond, duration(r.secondsLeft));
        if (status != null) {
            status.showStatus(r.step, r.totalSteps, "Training: " + line);
        }
        if (r.step % LOG_EVERY == 0 || r.step == r.totalSteps) {
            log.accept(line);
        }
        if (plot != null) {
            plot.step(r);
        }
    }

    @Override
    public void validated(ValidationReport report, boolean improved) {
        if (first == null) {
            first = report;
        }
        if (improved) {
            best = report;
        }
        log.accept("validation " + report + (improved ? "  (best so far: model written)" : ""));
        if (plot != null) {
            plot.validated(report);
        }
    }

    @Override
    public void note(String message) {
        log.accept(message);
    }

    /** The first validation (the untrained or initial network). */
    Optional<ValidationReport> first() {
        return Optional.ofNullable(first);
    }

    /** The validation of the model written, the best so far. */
    Optional<ValidationReport> best() {
        return Optional.ofNullable(best);
    }

    int lastStep() {
        return lastStep;
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%dh%02dm%02ds", s / 3600, s / 60 % 60, s % 60);
    }
}
