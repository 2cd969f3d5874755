package io.github.biattention.deblur.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.github.biattention.deblur.fiji.PairImages;
import io.github.biattention.deblur.model.DeblurModel;
import io.github.biattention.deblur.model.ModelFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code train} with the data choices: real pairs, widefield; the card beside the model. */
class TrainCommandTest {

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    private static final String[] TINY = {"--width", "8", "--blocks", "0", "--batch", "2", "--patch", "32",
        "--warm-up", "5", "--validation-patch", "32"};

    private static double validationPsnr(String stdout, int step) {
        Matcher m = Pattern.compile("validation step " + step + ": PSNR ([0-9.]+) dB").matcher(stdout);
        assertTrue(m.find(), "no validation at step " + step + " in:\n" + stdout);
        return Double.parseDouble(m.group(1));
    }

    private static String[] args(String[] tiny, String... more) {
        String[] all = new String[1 + tiny.length + more.length];
        all[0] = "train";
        System.arraycopy(tiny, 0, all, 1, tiny.length);
        System.arraycopy(more, 0, all, 1 + tiny.length, more.length);
        return all;
    }

    @Test
    void learnsAFixedBlurFromAFolderOfPairs(@TempDir Path dir) throws Exception {
        PairImages.procedural(dir.resolve("pairs/sharp"), dir.resolve("pairs/blur"), 5, 64, 11, 1, 300);
        Path model = dir.resolve("out/gauss.zip");
        assertEquals(0, DeblurCli.execute(args(TINY, "--data", "pairs", "--pairs", dir.resolve("pairs").toString(),
                "--steps", "40", "--lr", "5e-3", "--validate-every", "20", "--validation-count", "8",
                "--output", model.toString(), "--checkpoint-dir", dir.resolve("ck").toString())), console.stderr());
        double before = validationPsnr(console.stdout(), 0);
        double after = validationPsnr(console.stdout(), 40);
        assertTrue(after > before + 0.3, before + " -> " + after + " dB");
        try (DeblurModel loaded = ModelFiles.load(model.toString(), Device.cpu())) {
            assertEquals(after, loaded.metadata().training.validationPsnr, 0.01);
        }
        String card = Files.readString(dir.resolve("out/gauss.md"));
        assertTrue(card.contains("real pairs") && card.contains("| 40 |"), card);
    }

    @Test
    void widefieldDataWithItsPhotonRangeAndACardWhereAsked(@TempDir Path dir) throws Exception {
        Path card = dir.resolve("cards/wf.md");
        assertEquals(0, DeblurCli.execute(args(TINY, "--data", "widefield", "--photons", "50,500", "--steps", "2",
                "--validate-every", "2", "--validation-count", "2", "--card", card.toString(),
                "--output", dir.resolve("wf.zip").toString(), "--checkpoint-dir", dir.resolve("ck").toString())),
                console.stderr());
        String text = Files.readString(card);
        assertTrue(text.contains("widefield optics") && text.contains("50-500 photons"), text);
        Path focus = dir.resolve("cards/focus.md");
        assertEquals(0, DeblurCli.execute(args(TINY, "--data", "widefield", "--in-focus-share", "0.5", "--steps", "2",
                "--validate-every", "2", "--validation-count", "2", "--card", focus.toString(),
                "--output", dir.resolve("focus.zip").toString(), "--checkpoint-dir", dir.resolve("ck2").toString())),
                console.stderr());
        assertTrue(Files.readString(focus).contains("50% of them in-focus setups"), Files.readString(focus));
        assertEquals(1, DeblurCli.execute(args(TINY, "--in-focus-share", "0.5", "--output",
                dir.resolve("x.zip").toString())));
        assertTrue(console.stderr().contains("--in-focus-share needs --data widefield"), console.stderr());
    }

    @Test
    void photographMixSharesReachTheDataAndTheCard(@TempDir Path dir) throws Exception {
        Path card = dir.resolve("mix.md");
        assertEquals(0, DeblurCli.execute(args(TINY, "--no-blur-share", "0.4", "--mild-share", "0.2",
                "--no-noise-share", "0.35", "--steps", "2", "--validate-every", "2", "--validation-count", "2",
                "--card", card.toString(), "--output", dir.resolve("mix.zip").toString(),
                "--checkpoint-dir", dir.resolve("ck").toString())), console.stderr());
        String text = Files.readString(card);
        assertTrue(text.contains("40% none, 20% mild") && text.contains("noise: 35% none"), text);
        assertEquals(1, DeblurCli.execute(args(TINY, "--data", "widefield", "--mild-share", "0.2",
                "--output", dir.resolve("wf.zip").toString())));
        assertTrue(console.stderr().contains("need --data photograph"), console.stderr());
        assertEquals(1, DeblurCli.execute(args(TINY, "--no-blur-share", "1.5",
                "--output", dir.resolve("bad.zip").toString())));
        assertTrue(console.stderr().contains("--no-blur-share must be between 0 and 1"), console.stderr());
    }

    @Test
    void refusesUnknownDataAndPairsWithoutTheirChoice(@TempDir Path dir) {
        String out = dir.resolve("m.zip").toString();
        assertEquals(1, DeblurCli.execute("train", "--data", "movie", "--output", out));
        assertTrue(console.stderr().contains("photograph, widefield or pairs"), console.stderr());
        assertEquals(1, DeblurCli.execute("train", "--pairs", dir.toString(), "--output", out));
        assertTrue(console.stderr().contains("--data pairs"), console.stderr());
    }
}
