package io.github.biattention.deblur.evaluation;

import io.github.biattention.deblur.data.ImagePair;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The results of a {@link PairEvaluation} as a text table, a summary line and CSV. */
public final class EvaluationReport {

    /** The CSV header; one line per row follows. */
    public static final String CSV_HEADER =
            "name,width,height,channels,blurred_psnr,blurred_ssim,restored_psnr,restored_ssim,seconds";

    private EvaluationReport() {}

    /** Width of the name column that fits every pair's name (and the heading). */
    public static int nameWidth(List<ImagePair> pairs) {
        return Math.max(4, pairs.stream().mapToInt(p -> p.name().length()).max().orElse(0));
    }

    /** The table's heading, for rows formatted with the same {@code nameWidth}. */
    public static String header(int nameWidth) {
        return String.format(Locale.ROOT, "%-" + nameWidth + "s  %-11s  %21s  %21s  %8s  %7s", "name", "size",
                "blurred PSNR / SSIM", "restored PSNR / SSIM", "gain dB", "seconds");
    }

    /** One table line: name, size, blurred and restored PSNR (dB) and SSIM, PSNR gain, deblurring seconds. */
    public static String row(PairEvaluation.Row r, int nameWidth) {
        String size = r.width + "x" + r.height + (r.channels > 1 ? "x" + r.channels : "");
        return String.format(Locale.ROOT, "%-" + nameWidth + "s  %-11s  %9.2f dB / %6.4f  %9.2f dB / %6.4f  %+8.2f  %7.2f",
                r.name, size, r.blurredPsnr, r.blurredSsim, r.restoredPsnr, r.restoredSsim,
                r.restoredPsnr - r.blurredPsnr, r.seconds);
    }

    /** The whole table: heading and one line per row. */
    public static String table(List<PairEvaluation.Row> rows) {
        int width = Math.max(4, rows.stream().mapToInt(r -> r.name.length()).max().orElse(0));
        StringBuilder out = new StringBuilder(header(width)).append('\n');
        rows.forEach(r -> out.append(row(r, width)).append('\n'));
        return out.toString();
    }

    /**
     * E.g. "mean over 1111 images: blurred 25.64 dB / 0.7901, restored 28.10 dB / 0.8512, gain +2.46 dB / +0.0611;
     * 0.84 s per image".
     */
    public static String means(PairEvaluation.Means m) {
        if (m.count == 0) {
            return "no image was evaluated";
        }
        return String.format(Locale.ROOT, "mean over %d image%s: blurred %.2f dB / %.4f, restored %.2f dB / %.4f,"
                + " gain %+.2f dB / %+.4f; %.2f s per image", m.count, m.count == 1 ? "" : "s", m.blurredPsnr,
                m.blurredSsim, m.restoredPsnr, m.restoredSsim, m.restoredPsnr - m.blurredPsnr,
                m.restoredSsim - m.blurredSsim, m.seconds);
    }

    /** E.g. "2 of 10 pairs failed: a.png: The images differ in size ...; b.png: ..."; empty when none failed. */
    public static String failures(List<PairEvaluation.Failure> failures, int pairs) {
        if (failures.isEmpty()) {
            return "";
        }
        return failures.size() + " of " + pairs + (pairs == 1 ? " pair" : " pairs") + " failed: "
                + failures.stream().map(Object::toString).collect(Collectors.joining("; "));
    }

    /**
     * The rows as CSV with {@link #CSV_HEADER}: PSNR in dB with 6 decimals, SSIM with 6, seconds with 4; infinite
     * PSNR (identical images) as {@code inf}, NaN as {@code nan}, as NumPy and pandas read them; names quoted when
     * they hold a comma or a quote.
     */
    public static String csv(List<PairEvaluation.Row> rows) {
        StringBuilder out = new StringBuilder(CSV_HEADER).append('\n');
        for (PairEvaluation.Row r : rows) {
            out.append(quote(r.name)).append(',').append(r.width).append(',').append(r.height).append(',')
                    .append(r.channels).append(',').append(number(r.blurredPsnr, 6)).append(',')
                    .append(number(r.blurredSsim, 6)).append(',').append(number(r.restoredPsnr, 6)).append(',')
                    .append(number(r.restoredSsim, 6)).append(',').append(number(r.seconds, 4)).append('\n');
        }
        return out.toString();
    }

    /** Writes {@link #csv} to {@code file} (UTF-8), creating its folder. */
    public static void writeCsv(Path file, List<PairEvaluation.Row> rows) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, csv(rows), StandardCharsets.UTF_8);
    }

    private static String number(double value, int decimals) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    private static String quote(String name) {
        return name.contains(",") || name.contains("\"") || name.contains("\n")
                ? "\"" + name.replace("\"", "\"\"") + "\"" : name;
    }
}
