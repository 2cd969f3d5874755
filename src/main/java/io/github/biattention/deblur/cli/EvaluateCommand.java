package io.github.biattention.deblur.cli;

import io.github.biattention.deblur.data.FolderImages;
import io.github.biattention.deblur.data.ProceduralImages;
import io.github.biattention.deblur.data.SharpSource;
import io.github.biattention.deblur.evaluation.SyntheticEvaluation;
import io.github.biattention.deblur.fiji.ImageDeblurring;
import io.github.biattention.deblur.inference.DeblurSettings;
import io.github.biattention.deblur.inference.DeviceChoice;
import io.github.biattention.deblur.model.DeblurModel;
import io.github.biattention.deblur.model.ModelFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code evaluate}: blind PSNR/SSIM gain of a model on synthetic blur of sharp images. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Blurs crops of sharp images (motion, defocus, Gaussian; mild noise), deblurs them blind and"
                + " prints PSNR/SSIM of blurred and restored against sharp.")
final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--sharp", description = "Folder of sharp images (default: procedural images).")
    Path sharp;

    @Option(names = "--model", defaultValue = ModelFiles.DEFAULT_MODEL,
            description = "Bundled model name or model file (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--count", defaultValue = "30", description = "Number of images (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--size", defaultValue = "384", description = "Crop size (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--seed", defaultValue = "20261126", description = "Degradation seed (default: "
            + "${DEFAULT-VALUE}; training uses other seeds).")
    long seed;

    @Option(names = "--csv", description = "Also write the rows as CSV.")
    Path csv;

    @Override
    public Integer call() throws Exception {
        SharpSource source = sharp == null ? new ProceduralImages() : new FolderImages(sharp, 1);
        DeblurSettings settings = DeblurSettings.builder().device(DeviceChoice.AUTO).build();
        List<SyntheticEvaluation.Row> rows;
        try (DeblurModel loaded = ImageDeblurring.openModel(model, DeviceChoice.AUTO, System.err::println)) {
            rows = SyntheticEvaluation.run(source, SyntheticEvaluation.mildSettings(size), seed, count, loaded,
                    settings);
        }
        rows.forEach(System.out::println);
        double[] m = SyntheticEvaluation.means(rows);
        System.out.printf(Locale.ROOT, "mean over %d images: blurred %.2f dB / %.4f, restored %.2f dB / %.4f,"
                + " gain %+.2f dB / %+.4f%n", rows.size(), m[0], m[1], m[2], m[3], m[2] - m[0], m[3] - m[1]);
        if (csv != null) {
            writeCsv(rows);
        }
        return 0;
    }

    private void writeCsv(List<SyntheticEvaluation.Row> rows) throws IOException {
        String body = rows.stream().map(r -> String.format(Locale.ROOT, "%d,%s,%d,%.4f,%.5f,%.4f,%.5f,%.3f",
                r.index, r.kind, r.kernelSize, r.blurredPsnr, r.blurredSsim, r.restoredPsnr, r.restoredSsim,
                r.seconds)).collect(Collectors.joining("\n"));
        Files.writeString(csv, "index,blur,kernel,blurred_psnr,blurred_ssim,restored_psnr,restored_ssim,seconds\n"
                + body + "\n");
    }
}
