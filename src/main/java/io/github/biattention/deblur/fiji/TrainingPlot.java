package io.github.biattention.deblur.fiji;

import ij.gui.Plot;
import ij.gui.PlotWindow;
import io.github.biattention.deblur.training.TrainingListener;
import io.github.biattention.deblur.training.ValidationReport;
import java.awt.Color;
import java.util.ArrayList;

/**
 * Two small live plots of a training run, redrawn at each validation: the mean training loss since the previous
 * validation, and the validation PSNR of the network and of the blurred inputs. The plots are built apart from
 * their windows, so that they can be rendered (and checked) without a display.
 */
final class TrainingPlot {

    private final ArrayList<Double> lossSteps = new ArrayList<>();
    private final ArrayList<Double> losses = new ArrayList<>();
    private final ArrayList<Double> validationSteps = new ArrayList<>();
    private final ArrayList<Double> psnr = new ArrayList<>();
    private final ArrayList<Double> blurredPsnr = new ArrayList<>();
    private double lossSum;
    private int lossCount;
    private final boolean showWindows;
    private PlotWindow lossWindow;
    private PlotWindow psnrWindow;

    /** @param showWindows draw the plots in windows at each validation (only where a display exists) */
    TrainingPlot(boolean showWindows) {
        this.showWindows = showWindows;
    }

    void step(TrainingListener.StepReport report) {
        lossSum += report.loss;
        lossCount++;
    }

    void validated(ValidationReport report) {
        if (lossCount > 0) {
            lossSteps.add((double) report.step);
            losses.add(lossSum / lossCount);
            lossSum = 0;
            lossCount = 0;
        }
        validationSteps.add((double) report.step);
        psnr.add(report.psnr);
        blurredPsnr.add(report.blurredPsnr);
        if (showWindows) {
            Plot loss = lossPlot();
            if (loss != null) {
                lossWindow = draw(lossWindow, loss);
            }
            psnrWindow = draw(psnrWindow, psnrPlot());
        }
    }

    /** The mean training loss between validations (blue), or null before the first validation after a step. */
    Plot lossPlot() {
        if (losses.isEmpty()) {
            return null;
        }
        Plot loss = new Plot("Training loss", "step", "mean loss");
        loss.setColor(Color.BLUE, Color.BLUE); // the second colour is that of the connecting line
        loss.addPoints(lossSteps, losses, Plot.CONNECTED_CIRCLES);
        loss.setLimitsToFit(false);
        return loss;
    }

    /** Validation PSNR of the network (red) and of the blurred inputs (grey) at each validation so far. */
    Plot psnrPlot() {
        Plot quality = new Plot("Validation PSNR", "step", "PSNR (dB)");
        quality.setColor(Color.GRAY);
        quality.addPoints(validationSteps, blurredPsnr, Plot.LINE);
        quality.setColor(Color.RED, Color.RED);
        quality.addPoints(validationSteps, psnr, Plot.CONNECTED_CIRCLES);
        quality.setColor(Color.BLACK); // the legend's frame takes the current colour
        quality.addLegend("blurred inputs\tnetwork");
        quality.setLimitsToFit(false);
        return quality;
    }

    /** Shows the plot in a new window, or in the old one while the user has not closed it. */
    private static PlotWindow draw(PlotWindow window, Plot plot) {
        if (window == null || window.isClosed()) {
            return plot.show();
        }
        window.drawPlot(plot);
        return window;
    }
}
