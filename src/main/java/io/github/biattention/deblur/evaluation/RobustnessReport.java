package io.github.biattention.deblur.evaluation;

import io.github.biattention.deblur.data.BlurStrength;
import io.github.biattention.deblur.evaluation.RobustnessEvaluation.Score;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The robustness evaluation's scores as Markdown (per family and method: the mean PSNR gain and the worst single
 * image of every cell, the "no harm" row, and a summary) and as CSV (one line per image and method).
 */
public final class RobustnessReport {
    public static final String MARKDOWN_FILE = "ROBUSTNESS.md";
    public static final String CSV_FILE = "robustness.csv";

    private final List<Score> scores;

    public RobustnessReport(List<Score> scores) {
        this.scores = List.copyOf(scores);
    }

    /** The summary of one family and method. */
    public static final class Summary {
        /** Output against input for sharp, noise-free inputs: mean and worst PSNR, mean and worst SSIM. */
        public final double noHarmPsnr;
        public final double noHarmWorstPsnr;
        public final double noHarmSsim;
        public final double noHarmWorstSsim;
        /** Mean gain over every cell with moderate blur. */
        public final double moderateGain;
        /** Mean gain over every cell with blur (the no-blur cells excluded). */
        public final double blurredGain;
        /** Cells (no-harm cell excluded) whose mean gain is below zero. */
        public final int negativeCells;
        /** The lowest mean gain of any cell, and that cell. */
        public final double worstCellGain;
        public final String worstCell;

        Summary(double noHarmPsnr, double noHarmWorstPsnr, double noHarmSsim, double noHarmWorstSsim,
                double moderateGain, double blurredGain, int negativeCells, double worstCellGain, String worstCell) {
            this.noHarmPsnr = noHarmPsnr;
            this.noHarmWorstPsnr = noHarmWorstPsnr;
            this.noHarmSsim = noHarmSsim;
            this.noHarmWorstSsim = noHarmWorstSsim;
            this.moderateGain = moderateGain;
            this.blurredGain = blurredGain;
            this.negativeCells = negativeCells;
            this.worstCellGain = worstCellGain;
            this.worstCell = worstCell;
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            if (!Double.isNaN(noHarmPsnr)) {
                sb.append(String.format(Locale.ROOT, "no harm %.2f dB (worst %.2f), SSIM %.4f (worst %.4f); ",
                        noHarmPsnr, noHarmWorstPsnr, noHarmSsim, noHarmWorstSsim));
            }
            if (!Double.isNaN(moderateGain)) {
                sb.append(String.format(Locale.ROOT, "moderate blur %+.2f dB; ", moderateGain));
            }
            return sb.append(String.format(Locale.ROOT, "all blur %+.2f dB; %d cell%s below 0 (worst %+.2f dB, %s)",
                    blurredGain, negativeCells, negativeCells == 1 ? "" : "s", worstCellGain, worstCell)).toString();
        }
    }

    /** One cell of the grid for one family and method. */
    public static final class Cell {
        public final String blur;
        public final String noise;
        public final double inputPsnr;
        public final double meanGain;
        public final double worstGain;

        Cell(String blur, String noise, double inputPsnr, double meanGain, double worstGain) {
            this.blur = blur;
            this.noise = noise;
            this.inputPsnr = inputPsnr;
            this.meanGain = meanGain;
            this.worstGain = worstGain;
        }
    }

    /** Every cell but the no-harm one (see {@link #summary}), in grid order. */
    public List<Cell> cells(String family, String method) {
        List<Cell> cells = new ArrayList<>();
        for (String blur : distinct(s -> s.blur)) {
            for (String noise : distinct(s -> s.noise)) {
                List<Score> cell = select(family, method, s -> s.blur.equals(blur) && s.noise.equals(noise));
                if (!cell.isEmpty() && !cell.get(0).noHarm()) {
                    cells.add(new Cell(blur, noise, mean(cell, s -> s.inputPsnr), meanGain(cell),
                            min(cell, Score::gain)));
                }
            }
        }
        return cells;
    }

    public List<String> families() {
        return distinct(s -> s.family);
    }

    public List<String> methods() {
        return distinct(s -> s.method);
    }

    /** The summary of one family and method. */
    public Summary summary(String family, String method) {
        List<Score> mine = select(family, method, s -> true);
        List<Score> noHarm = select(family, method, Score::noHarm);
        double worstCell = Double.POSITIVE_INFINITY;
        String worstLabel = "";
        int negative = 0;
        for (Cell cell : cells(family, method)) {
            if (cell.meanGain < 0) {
                negative++;
            }
            if (cell.meanGain < worstCell) {
                worstCell = cell.meanGain;
                worstLabel = cell.blur + ", noise " + cell.noise;
            }
        }
        return new Summary(mean(noHarm, s -> s.outputPsnr), min(noHarm, s -> s.outputPsnr),
                mean(noHarm, s -> s.outputSsim), min(noHarm, s -> s.outputSsim),
                meanGain(filter(mine, s -> s.blur.contains(BlurStrength.MODERATE.label()))),
                meanGain(filter(mine, s -> !s.blur.equals(RobustnessGrid.NO_BLUR))), negative, worstCell, worstLabel);
    }

    /** Markdown: per family and method, a table of mean gain (worst image) per cell, the no-harm row and the summary. */
    public String markdown() {
        StringBuilder md = new StringBuilder();
        for (String family : families()) {
            for (String method : methods()) {
                md.append("#### ").append(family).append(", ").append(method).append("\n\n");
                md.append("PSNR gain in dB, mean over the images (worst image); input PSNR in the last column"
                        + " (mean over the noise levels).\n\n| blur |");
                List<String> noises = distinct(s -> s.noise);
                for (String noise : noises) {
                    md.append(' ').append(noise).append(" |");
                }
                md.append(" input |\n|---|");
                md.append("---|".repeat(noises.size() + 1)).append('\n');
                List<Cell> cells = cells(family, method);
                for (String blur : distinct(s -> s.blur)) {
                    md.append("| ").append(blur).append(" |");
                    List<Double> inputs = new ArrayList<>();
                    for (String noise : noises) {
                        Cell cell = cells.stream().filter(c -> c.blur.equals(blur) && c.noise.equals(noise))
                                .findFirst().orElse(null);
                        if (cell != null) {
                            inputs.add(cell.inputPsnr);
                            md.append(String.format(Locale.ROOT, " %+.2f (%+.2f) |", cell.meanGain, cell.worstGain));
                        } else {
                            // Not a scored cell: the no-harm cell when there is one there, else a gap in the grid.
                            boolean noHarm = !select(family, method,
                                    s -> s.noHarm() && s.blur.equals(blur) && s.noise.equals(noise)).isEmpty();
                            md.append(noHarm ? " no harm ↓ |" : " |");
                        }
                    }
                    md.append(String.format(Locale.ROOT, " %.2f |%n",
                            inputs.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN)));
                }
                Summary summary = summary(family, method);
                if (!Double.isNaN(summary.noHarmPsnr)) {
                    md.append(String.format(Locale.ROOT, "%n**No harm** (sharp, noise-free input; output against"
                            + " input): PSNR %.2f dB (worst %.2f), SSIM %.4f (worst %.4f).%n", summary.noHarmPsnr,
                            summary.noHarmWorstPsnr, summary.noHarmSsim, summary.noHarmWorstSsim));
                }
                md.append("\n**Summary:** ").append(summary).append(".\n\n");
            }
        }
        return md.toString();
    }

    /** One line per family and method: its {@link Summary}. */
    public String summaries() {
        StringBuilder sb = new StringBuilder();
        for (String family : families()) {
            for (String method : methods()) {
                sb.append(family).append(", ").append(method).append(": ").append(summary(family, method))
                        .append('\n');
            }
        }
        return sb.toString();
    }

    /**
     * Writes {@code ROBUSTNESS.md} (a title, {@code preamble}, then {@link #markdown()}) and {@code robustness.csv}
     * into {@code folder}, made if needed.
     */
    public void write(Path folder, String preamble) throws IOException {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve(MARKDOWN_FILE), "# Robustness\n\n" + preamble + markdown());
        writeCsv(folder.resolve(CSV_FILE));
    }

    /** CSV with {@link RobustnessEvaluation#CSV_HEADER}, one line per score. */
    public void writeCsv(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(RobustnessEvaluation.CSV_HEADER);
        scores.forEach(s -> lines.add(s.csv()));
        Files.write(file, lines);
    }

    private List<String> distinct(java.util.function.Function<Score, String> key) {
        Set<String> seen = new LinkedHashSet<>();
        scores.forEach(s -> seen.add(key.apply(s)));
        return new ArrayList<>(seen);
    }

    private List<Score> select(String family, String method, Predicate<Score> p) {
        return filter(scores, s -> s.family.equals(family) && s.method.equals(method) && p.test(s));
    }

    private static List<Score> filter(List<Score> list, Predicate<Score> p) {
        return list.stream().filter(p).collect(Collectors.toList());
    }

    private static double meanGain(List<Score> cell) {
        return mean(cell, Score::gain);
    }

    private static double mean(List<Score> cell, java.util.function.ToDoubleFunction<Score> f) {
        return cell.stream().mapToDouble(f).average().orElse(Double.NaN);
    }

    private static double min(List<Score> cell, java.util.function.ToDoubleFunction<Score> f) {
        return cell.stream().mapToDouble(f).min().orElse(Double.NaN);
    }
}
