package io.github.biattention.deblur.fiji;

import ij.gui.Plot;
import ij.gui.PlotWindow;
import io.github.biattention.deblur.training.TrainingListener;
import io.github.biattention.deblur.training.ValidationReport;
import java.awt.Color;
import java.util.ArrayList;

/**
 * Two small live plots of a training run, redrawn at each validation: the mean training loss since the previous
 * validation, and the validation PSNR of the network and of the blurred inputs. Only for a UI that shows windows.
 */
final class TrainingPlot {

    private final ArrayList<Double> lossSteps = new ArrayList<>();
    private final ArrayList<Double> losses = new ArrayList<>();
    private final ArrayList<Double> validationSteps = new ArrayList<>();
    private final ArrayList<Double> psnr = new ArrayList<>();
    private final ArrayList<Double> blurredPsnr = new ArrayList<>();
    private double lossSum;
    private int lossCount;
    private PlotWindow lossWindow;
    private PlotWindow psnrWindow;

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
        if (!losses.isEmpty()) {
            Plot loss = new Plot("Training loss", "step", "mean loss");
            loss.setColor(Color.BLUE);
            loss.addPoints(lossSteps, losses, Plot.CONNECTED_CIRCLES);
            loss.setLimitsToFit(false);
            lossWindow = draw(lossWindow, loss);
        }
        Plot quality = new Plot("Validation PSNR", "step", "PSNR (dB)");
        quality.setColor(Color.GRAY);
        quality.addPoints(validationSteps, blurredPsnr, Plot.LINE);
        quality.setColor(Color.RED);
        quality.addPoints(validationSteps, psnr, Plot.CONNECTED_CIRCLES);
        quality.addLegend("blurred inputs\tnetwork");
        quality.setLimitsToFit(false);
        psnrWindow = draw(psnrWindow, quality);
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
