package io.github.biattention.deblur.training;

/** What a training run reports; the CLI prints it, the Fiji command shows it. */
public interface TrainingListener {

    /** After each step. */
    void step(StepReport report);

    /** After each validation; {@code improved} when the model file was rewritten. */
    void validated(ValidationReport report, boolean improved);

    /** Free-form notes (resuming, checkpoint written). */
    default void note(String message) {}

    /** One training step. */
    final class StepReport {
        public final int step;
        public final int totalSteps;
        public final float loss;
        public final float learningRate;
        public final double stepsPerSecond;
        public final double secondsLeft;

        StepReport(int step, int totalSteps, float loss, float learningRate, double stepsPerSecond,
                double secondsLeft) {
            this.step = step;
            this.totalSteps = totalSteps;
            this.loss = loss;
            this.learningRate = learningRate;
            this.stepsPerSecond = stepsPerSecond;
            this.secondsLeft = secondsLeft;
        }
    }
}
