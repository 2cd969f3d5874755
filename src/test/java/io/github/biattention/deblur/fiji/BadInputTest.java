package io.github.biattention.deblur.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.Model;
import ij.IJ;
import ij.ImagePlus;
import ij.ImageStack;
import ij.io.FileSaver;
import ij.process.FloatProcessor;
import ij.process.ShortProcessor;
import io.github.biattention.deblur.files.ImageFilesTestFiles;
import io.github.biattention.deblur.cli.ConsoleCapture;
import io.github.biattention.deblur.cli.DeblurCli;
import io.github.biattention.deblur.imagej.FileDeblurring;
import io.github.biattention.deblur.imagej.KnownOptics;
import io.github.biattention.deblur.inference.RandomModels;
import io.github.biattention.deblur.model.DeviceChoice;
import io.github.biattention.deblur.model.ModelFiles;
import io.github.biattention.deblur.network.NetworkConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandService;
import org.scijava.module.Module;

/**
 * Every bad input of the hardening issue, through the command line ({@code deblur --input X --output Y}), the Fiji
 * commands (the image command where an image can be made, the folder command for files) and folder mode (the other
 * files are still processed, a summary of the failures, a non-zero exit). A case expects success, or one error line
 * naming the file and containing the expected words; never a stack trace, never a partial file.
 */
class BadInputTest {

    private static final NetworkConfig TINY = NetworkConfig.biAttention(1, 8, 1);

    @RegisterExtension
    final ConsoleCapture console = new ConsoleCapture();

    @TempDir
    static Path shared;
    private static Path tinyModel;
    private static Context context;

    @BeforeAll
    static void setUp() throws Exception {
        tinyModel = shared.resolve("tiny.zip");
        try (Model model = RandomModels.create(TINY, 42, 0.5f, 1e-4f)) {
            RandomModels.save(model, "tiny", tinyModel);
        }
        context = new Context(CommandService.class);
    }

    /** What each case produced on the command line, written to target/bad-input-cases.md for the notes. */
    private static final Map<String, String> PRODUCED = new java.util.concurrent.ConcurrentSkipListMap<>();

    @AfterAll
    static void tearDown() throws IOException {
        context.dispose();
        if (!PRODUCED.isEmpty() && Files.isDirectory(Path.of("target"))) {
            StringBuilder table = new StringBuilder("| case | exit | stderr |\n|---|---:|---|\n");
            PRODUCED.forEach((k, v) -> table.append("| ").append(k).append(" | ").append(v).append(" |\n"));
            Files.writeString(Path.of("target", "bad-input-cases.md"), table.toString().replace(shared.toString(),
                    "DIR"));
        }
    }

    /** Makes the case's input (a file or folder) in an empty folder and returns it. */
    @FunctionalInterface
    interface Input {
        Path create(Path dir) throws Exception;
    }

    /** Makes the model argument in an empty folder. */
    @FunctionalInterface
    interface ModelArg {
        String create(Path dir) throws Exception;
    }

    /** One row of the table. */
    static final class Case {
        final String name;
        final Input input;
        final ModelArg model;
        final String expected; // words of the error line; null: success
        final boolean imageCase; // also through the Fiji image command
        final boolean fileCase; // a bad file among good ones in folder mode

        Case(String name, Input input, ModelArg model, String expected, boolean imageCase, boolean fileCase) {
            this.name = name;
            this.input = input;
            this.model = model;
            this.expected = expected;
            this.imageCase = imageCase;
            this.fileCase = fileCase;
        }

        @Override
        public String toString() {
            return name + " -> " + (expected == null ? "deblurred" : "error '" + expected + "'");
        }
    }

    private static Case image(String name, Input input, String expected) {
        return new Case(name, input, dir -> tinyModel.toString(), expected, true, true);
    }

    private static Case file(String name, Input input, String expected) {
        return new Case(name, input, dir -> tinyModel.toString(), expected, false, true);
    }

    private static Case model(String name, ModelArg model, String expected) {
        return new Case(name, dir -> good(dir.resolve("in.tif")), model, expected, true, false);
    }

    static List<Case> cases() {
        return List.of(
                new Case("missing file", dir -> dir.resolve("absent.tif"), dir -> tinyModel.toString(),
                        "does not exist", false, false),
                new Case("missing folder", dir -> dir.resolve("absent"), dir -> tinyModel.toString(),
                        "does not exist", false, false),
                new Case("empty folder", dir -> Files.createDirectories(dir.resolve("empty")),
                        dir -> tinyModel.toString(), "No images", false, false),
                file("unreadable file (no read permission)", BadInputTest::unreadable, "permission denied"),
                file("truncated TIFF (half the pixels)", dir -> truncated(good(dir.resolve("t.tif")), 2),
                        "is truncated"),
                file("TIFF cut inside its header", dir -> cut(good(dir.resolve("h.tif")), 100), "h.tif"),
                file("truncated PNG", dir -> truncated(goodPng(dir.resolve("t.png")), 2), "not an image"),
                file("text file named .tif", dir -> text(dir.resolve("text.tif")), "not an image"),
                file("text file named .png", dir -> text(dir.resolve("text.png")), "not an image"),
                file("0-byte file", dir -> Files.write(dir.resolve("zero.tif"), new byte[0]), "0 bytes"),
                file("0-pixel TIFF (width 0)", dir -> tiff(dir.resolve("w0.tif"), 0, 5, 16, 1), "no pixels"),
                image("0-pixel image", dir -> tiff(dir.resolve("h0.tif"), 7, 0, 16, 1), "no pixels"),
                image("1x1 image", dir -> save(dir.resolve("one.tif"), new ShortProcessor(1, 1)), null),
                image("1xN image", dir -> save(dir.resolve("column.tif"), ramp(1, 37)), null),
                image("Nx1 image", dir -> save(dir.resolve("row.tif"), ramp(41, 1)), null),
                image("constant image (no dynamic range)", dir -> save(dir.resolve("flat.tif"), flat(30, 20, 700)),
                        null),
                image("NaN and infinite pixels", BadInputTest::nonFinite, null),
                image("all pixels NaN", dir -> save(dir.resolve("nan.tif"), flat(20, 20, Float.NaN)), null),
                file("64-bit integer TIFF", dir -> tiff(dir.resolve("int64.tif"), 4, 3, 64, 1),
                        "Unsupported BitsPerSample: 64"),
                file("complex TIFF (2 x 32-bit float)", dir -> tiff(dir.resolve("complex.tif"), 4, 3, 64, 6),
                        "Unsupported BitsPerSample: 64"),
                image("4 channels (the model takes 1: deblurred one by one)", BadInputTest::fourChannels, null),
                file("TIFF whose header chain loops back to itself", BadInputTest::loopingTiff, "loops back"),
                file("TIFF strip offsets far past the end", BadInputTest::farStrips, "is truncated"),
                file("tiny compressed TIFF declaring 40000x40000", BadInputTest::hugeTiff, "give Java more memory"),
                file("PNG header declaring 100000x100000", dir -> ImageFilesTestFiles.png(dir.resolve("huge.png"),
                        100000, 100000), "100000x100000 pixels"),
                file("BigTIFF", dir -> Files.write(dir.resolve("big.tif"), new byte[] {'I', 'I', 43, 0, 8, 0, 0, 0,
                        16, 0, 0, 0, 0, 0, 0, 0}), "BigTIFF"),
                file("JPEG-compressed TIFF", dir -> tiffWith(dir.resolve("jpeg.tif"), 259, 7), "JPEG-compressed"),
                file("CMYK JPEG", dir -> ImageFilesTestFiles.cmykJpeg(dir.resolve("cmyk.jpg")), "CMYK JPEG"),
                file("TIFF pages of different sizes", BadInputTest::pagesDiffer, "pages of different sizes"),
                image("signed 16-bit TIFF (-999..999)", dir -> tiffWith(dir.resolve("s16.tif"), 339, 2), null),
                image("grey + alpha TIFF", BadInputTest::greyAlpha, null),
                image("WhiteIsZero TIFF", dir -> tiffWith(dir.resolve("wiz.tif"), 262, 0), null),
                model("absurd width (100000)", dir -> editJson(dir.resolve("w.zip"),
                        json -> json.replace("\"width\": 8", "\"width\": 100000")), "width must be 8 to 128"),
                new Case("model taking 3 channels", dir -> good(dir.resolve("in.tif")), BadInputTest::rgbModel,
                        "takes 3 input channels", true, false),
                model("unknown model name", dir -> "nosuchmodel", "Unknown model 'nosuchmodel'"),
                model("missing model file", dir -> dir.resolve("absent.zip").toString(), "does not exist"),
                model("truncated model zip", dir -> "" + write(dir.resolve("cut.zip"),
                        Arrays.copyOf(Files.readAllBytes(tinyModel), (int) Files.size(tinyModel) / 2)), "cut.zip"),
                model("zip without model.json", dir -> zip(dir.resolve("nojson.zip"), Map.of("parameters.bin",
                        new byte[] {1, 2, 3})), "no model.json"),
                model("model.json of a newer format", dir -> editJson(dir.resolve("newer.zip"),
                        json -> json.replace("\"formatVersion\": 1", "\"formatVersion\": 99")), "newer than"),
                model("parameters not matching the architecture", dir -> editJson(dir.resolve("wide.zip"),
                        json -> json.replace("\"width\": 8", "\"width\": 16")), "do not match the architecture"),
                
                model("absurd blocksPerLevel (2e9)", dir -> editJson(dir.resolve("b.zip"),
                        json -> json.replace("\"blocksPerLevel\": 1", "\"blocksPerLevel\": 2000000000")),
                        "blocksPerLevel must be 0 to 8"),
                model("absurd recurrence (1e9)", dir -> editJson(dir.resolve("r.zip"),
                        json -> json.replace("\"recurrence\": 2", "\"recurrence\": 1000000000")),
                        "recurrence must be 1 to 4"),
                model("a folder as model", dir -> Files.createDirectories(dir.resolve("models.zip")).toString(),
                        "is a folder"),
                model("random bit flips (seed 1)", dir -> flipped(dir.resolve("flip1.zip"), 1), "flip1.zip"),
                model("random bit flips (seed 2)", dir -> flipped(dir.resolve("flip2.zip"), 2), "flip2.zip"),
                model("random bit flips (seed 3)", dir -> flipped(dir.resolve("flip3.zip"), 3), "flip3.zip"));
    }

    @TestFactory
    Stream<DynamicTest> commandLineSingleInput(@TempDir Path root) {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> {
            Path dir = Files.createDirectories(root.resolve(slug(c.name)));
            Path input = c.input.create(dir);
            Path out = dir.resolve("out").resolve("result.tif");
            Files.createDirectories(out.getParent());
            console.reset();
            int code = DeblurCli.execute("deblur", "--input", input.toString(), "--output",
                    Files.isDirectory(input) || !Files.exists(input) && !input.toString().endsWith(".tif")
                            ? out.getParent().resolve("folder").toString() : out.toString(),
                    "--model", c.model.create(dir));
            String err = console.stderr();
            PRODUCED.put(String.format("%02d %s", number(c), c.name), code + " | "
                    + (lines(err).isEmpty() ? "(nothing; result written)" : "`" + String.join(" / ", lines(err))
                            .replace(root.toString(), "DIR") + "`"));
            assertNoStackTrace(err);
            if (c.expected == null) {
                assertEquals(0, code, err);
                assertFinishedTiff(out);
            } else {
                assertNotEquals(0, code);
                List<String> lines = lines(err);
                assertEquals(1, lines.size(), "one line: " + err);
                assertTrue(lines.get(0).startsWith("Error: ") && lines.get(0).contains(c.expected), err);
                assertTrue(namesAFile(lines.get(0), input, c.model.create(dir)), "names the file: " + err);
                assertNothingWritten(out.getParent());
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> commandLineFolderKeepsGoing(@TempDir Path root) {
        return cases().stream().filter(c -> c.fileCase).map(c -> DynamicTest.dynamicTest(c.toString(), () -> {
            Path dir = Files.createDirectories(root.resolve(slug(c.name)));
            Path bad = c.input.create(dir);
            Path in = Files.createDirectories(dir.resolve("in"));
            good(in.resolve("a-good.tif"));
            Files.move(bad, in.resolve(bad.getFileName()));
            Path out = dir.resolve("out");
            console.reset();
            int code = DeblurCli.execute("deblur", "--input", in.toString(), "--output", out.toString(),
                    "--model", tinyModel.toString());
            String err = console.stderr();
            assertNoStackTrace(err);
            assertFinishedTiff(out.resolve("a-good.tif"));
            if (c.expected == null) {
                assertEquals(0, code, err);
            } else {
                assertEquals(1, code, err);
                assertTrue(err.contains(bad.getFileName().toString()) && err.contains(c.expected), err);
                assertTrue(err.contains("1 of 2 images failed: " + bad.getFileName()), "summary: " + err);
                try (Stream<Path> files = Files.list(out)) {
                    assertEquals(List.of("a-good.tif"), files.map(p -> p.getFileName().toString())
                            .collect(Collectors.toList()), "only the good file, no partial one");
                }
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> fijiFolderCommand(@TempDir Path root) {
        return cases().stream().filter(c -> c.fileCase && c.expected != null).map(c -> DynamicTest.dynamicTest(
                c.toString(), () -> {
                    Path dir = Files.createDirectories(root.resolve(slug(c.name)));
                    Path bad = c.input.create(dir);
                    Path in = Files.createDirectories(dir.resolve("in"));
                    good(in.resolve("a-good.tif"));
                    Files.move(bad, in.resolve(bad.getFileName()));
                    Path out = dir.resolve("out");
                    Module module = Commands.run(context, DeblurFolderCommand.class, folderInputs(in, out));
                    assertTrue(Commands.canceled(module), "the command reports the failure");
                    String reason = Commands.reason(module);
                    assertTrue(reason.contains(bad.getFileName().toString()) && reason.contains(c.expected),
                            reason);
                    assertTrue(((String) module.getOutput("summary")).startsWith("1 of 2 images deblurred"));
                    assertFinishedTiff(out.resolve("a-good.tif"));
                }));
    }

    @TestFactory
    Stream<DynamicTest> fijiImageCommand(@TempDir Path root) {
        return cases().stream().filter(c -> c.imageCase).map(c -> DynamicTest.dynamicTest(c.toString(), () -> {
            Path dir = Files.createDirectories(root.resolve(slug(c.name)));
            Path file = c.input.create(dir);
            ImagePlus image = c.name.startsWith("0-pixel") ? new ImagePlus() : IJ.openImage(file.toString());
            String modelArg = c.model.create(dir);
            Map<String, Object> inputs = new HashMap<>(Map.of("image", image, "tile", 64, "overlap", 8, "low", 1.0,
                    "high", 99.8, "device", "cpu", "perplane", false, "keepdepth", false));
            if (modelArg.endsWith(".zip")) {
                inputs.put("model", "file");
                inputs.put("modelfile", new java.io.File(modelArg));
            } else {
                inputs.put("model", modelArg);
            }
            Module module = Commands.run(context, DeblurImagePlusCommand.class, inputs);
            if (c.expected == null) {
                assertFalse(Commands.canceled(module), () -> Commands.reason(module));
                ImagePlus result = (ImagePlus) module.getOutput("deblurred");
                assertEquals(image.getWidth(), result.getWidth());
                assertEquals(image.getStackSize(), result.getStackSize());
                float[] pixels = (float[]) result.getStack().getPixels(1);
                if (c.name.startsWith("constant")) {
                    for (float v : pixels) {
                        assertEquals(700, v, 7, "a constant image stays about constant");
                    }
                } else if (c.name.startsWith("NaN")) {
                    for (int i = 0; i < pixels.length; i++) {
                        boolean invalid = i == 4 * 30 + 3 || i == 10 * 30 + 10 || i == 5 * 30 + 20;
                        assertEquals(invalid, Float.isNaN(pixels[i]), "NaN exactly where the input is not finite");
                    }
                } else if (c.name.startsWith("all pixels NaN")) {
                    for (float v : pixels) {
                        assertTrue(Float.isNaN(v));
                    }
                }
            } else {
                assertTrue(Commands.canceled(module));
                String reason = Commands.reason(module);
                assertTrue(reason.contains(c.expected), reason);
                assertFalse(reason.contains("\n\tat "), reason);
                assertNull(module.getOutput("deblurred"));
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> outputs(@TempDir Path root) {
        return Stream.of(
                DynamicTest.dynamicTest("existing output -> error 'exists: use --overwrite', file kept", () -> {
                    Path in = good(root.resolve("in.tif"));
                    Path out = Files.writeString(root.resolve("taken.tif"), "keep me");
                    console.reset();
                    assertEquals(1, DeblurCli.execute("deblur", "--input", in.toString(), "--output",
                            out.toString(), "--model", tinyModel.toString()));
                    assertEquals(1, lines(console.stderr()).size(), console.stderr());
                    assertTrue(console.stderr().contains(out + " exists: use --overwrite"), console.stderr());
                    assertEquals("keep me", Files.readString(out));
                    assertEquals(0, DeblurCli.execute("deblur", "--input", in.toString(), "--output",
                            out.toString(), "--model", tinyModel.toString(), "--overwrite"));
                    assertFinishedTiff(out);
                }),
                DynamicTest.dynamicTest("read-only output folder -> error 'read-only', nothing written", () -> {
                    Path in = good(root.resolve("in2.tif"));
                    Path folder = Files.createDirectories(root.resolve("readonly"));
                    Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
                    try {
                        assumeTrue(!Files.isWritable(folder), "the folder is writable anyway (running as root)");
                        console.reset();
                        assertEquals(1, DeblurCli.execute("deblur", "--input", in.toString(), "--output",
                                folder.resolve("o.tif").toString(), "--model", tinyModel.toString()));
                        assertTrue(console.stderr().contains("read-only") && console.stderr().contains(
                                folder.toString()), console.stderr());
                    } finally {
                        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
                    }
                    assertNothingWritten(folder);
                }),
                DynamicTest.dynamicTest("write refused by the OS (read-only, as root sees it) -> error", () -> {
                    Path in = Files.createDirectories(root.resolve("refused-in"));
                    save(in.resolve("a.tif"), ramp(8, 8));
                    Path out = root.resolve("refused-out");
                    List<String> failures = new ArrayList<>();
                    try (var model = ModelFiles.open(tinyModel.toString(),
                            io.github.biattention.deblur.model.DeviceChoice.CPU, m -> { })) {
                        FileDeblurring.run(FileDeblurring.plan(in, out, false, "--overwrite"), model,
                                io.github.biattention.deblur.inference.DeblurSettings.defaults(), KnownOptics.NONE, false,
                                new FileDeblurring.Listener() {
                                    @Override
                                    public void done(FileDeblurring.Job job, ImagePlus input, double seconds) {}

                                    @Override
                                    public void failed(FileDeblurring.Job job, String message) {
                                        failures.add(message);
                                    }
                                }, io.github.biattention.deblur.inference.ProgressListener.NONE, () -> false,
                                file -> {
                                    throw new java.nio.file.AccessDeniedException(file.toString());
                                });
                    }
                    assertEquals(1, failures.size());
                    assertTrue(failures.get(0).contains("Cannot write " + out.resolve("a.tif")
                            + ": permission denied"), failures.get(0));
                    assertNothingWritten(out);
                }),
                DynamicTest.dynamicTest("disk full -> error 'No space left on device', others written", () -> {
                    Path in = Files.createDirectories(root.resolve("full-in"));
                    save(in.resolve("big.tif"), ramp(60, 50)); // ~12 kB as 32-bit TIFF: over the limit
                    save(in.resolve("small.tif"), ramp(8, 8)); // ~1 kB: fits
                    Path out = root.resolve("full-out");
                    List<String> failures = new ArrayList<>();
                    try (var model = ModelFiles.open(tinyModel.toString(),
                            io.github.biattention.deblur.model.DeviceChoice.CPU, m -> { })) {
                        int failed = FileDeblurring.run(FileDeblurring.plan(in, out, false, "--overwrite"), model,
                                io.github.biattention.deblur.inference.DeblurSettings.defaults(), KnownOptics.NONE, false,
                                new FileDeblurring.Listener() {
                                    @Override
                                    public void done(FileDeblurring.Job job, ImagePlus input, double seconds) {}

                                    @Override
                                    public void failed(FileDeblurring.Job job, String message) {
                                        failures.add(message);
                                    }
                                }, io.github.biattention.deblur.inference.ProgressListener.NONE, () -> false,
                                file -> new LimitedStream(Files.newOutputStream(file), 4096));
                        assertEquals(1, failed);
                    }
                    assertEquals(1, failures.size());
                    assertTrue(failures.get(0).contains("big.tif") && failures.get(0).contains(
                            "No space left on device"), failures.get(0));
                    try (Stream<Path> files = Files.list(out)) {
                        assertEquals(List.of("small.tif"), files.map(p -> p.getFileName().toString())
                                .collect(Collectors.toList()), "no partial big.tif, no temporary file");
                    }
                    assertFinishedTiff(out.resolve("small.tif"));
                }));
    }

    // ---- assertions

    private static List<String> lines(String text) {
        return text.lines().filter(l -> !l.isBlank()).filter(l -> !l.startsWith("SLF4J"))
                .collect(Collectors.toList());
    }

    private static void assertNoStackTrace(String err) {
        assertFalse(err.contains("\tat ") || err.contains("Exception in thread"), "no stack trace: " + err);
    }

    private static boolean namesAFile(String line, Path input, String model) {
        return line.contains(input.getFileName().toString()) || line.contains(model);
    }

    private static void assertFinishedTiff(Path file) {
        assertTrue(Files.isRegularFile(file), file + " written");
        ImagePlus result = IJ.openImage(file.toString());
        assertNotNull(result, "a complete TIFF at " + file);
    }

    private static void assertNothingWritten(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(List.of(), files.collect(Collectors.toList()), "no output, no partial file");
        }
    }

    private static Map<String, Object> folderInputs(Path in, Path out) {
        return Map.of("input", in.toFile(), "output", out.toFile(), "model", tinyModel.toString(), "overwrite",
                false, "keepdepth", false, "tile", 64, "overlap", 8, "low", 1.0, "high", 99.8, "device", "cpu");
    }

    private static int number(Case c) {
        List<Case> all = cases();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).name.equals(c.name)) {
                return i + 1;
            }
        }
        return 0;
    }

    private static String slug(String name) {
        return name.replaceAll("[^A-Za-z0-9]+", "-");
    }

    // ---- inputs

    static Path good(Path file) {
        return save(file, ramp(24, 20));
    }

    private static Path goodPng(Path file) {
        new FileSaver(new ImagePlus("g", ramp(24, 20).convertToByteProcessor())).saveAsPng(file.toString());
        return file;
    }

    private static FloatProcessor ramp(int w, int h) {
        FloatProcessor fp = new FloatProcessor(w, h);
        Random random = new Random(w * 31L + h);
        for (int i = 0; i < w * h; i++) {
            fp.setf(i, 100 + i % 17 * 5 + random.nextInt(20));
        }
        return fp;
    }

    private static FloatProcessor flat(int w, int h, float value) {
        FloatProcessor fp = new FloatProcessor(w, h);
        for (int i = 0; i < w * h; i++) {
            fp.setf(i, value);
        }
        return fp;
    }

    private static Path save(Path file, ij.process.ImageProcessor ip) {
        new FileSaver(new ImagePlus(file.getFileName().toString(), ip)).saveAsTiff(file.toString());
        return file;
    }

    private static Path nonFinite(Path dir) {
        FloatProcessor fp = ramp(30, 20);
        fp.setf(3, 4, Float.NaN);
        fp.setf(10, 10, Float.POSITIVE_INFINITY);
        fp.setf(20, 5, Float.NEGATIVE_INFINITY);
        return save(dir.resolve("nonfinite.tif"), fp);
    }

    private static Path fourChannels(Path dir) {
        ImageStack stack = new ImageStack(20, 16);
        for (int c = 0; c < 4; c++) {
            stack.addSlice(ramp(20, 16));
        }
        ImagePlus imp = new ImagePlus("c4", stack);
        imp.setDimensions(4, 1, 1);
        Path file = dir.resolve("channels.tif");
        new FileSaver(imp).saveAsTiffStack(file.toString());
        return file;
    }

    private static Path unreadable(Path dir) throws IOException {
        Path file = good(dir.resolve("locked.tif"));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        assumeTrue(!Files.isReadable(file), "files stay readable (running as root)");
        return file;
    }

    private static Path text(Path file) throws IOException {
        return Files.writeString(file, "This is a text file, not an image.\n");
    }

    private static Path truncated(Path file, int fraction) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return write(file, Arrays.copyOf(bytes, bytes.length - (bytes.length - 200) / fraction));
    }

    private static Path cut(Path file, int length) throws IOException {
        return write(file, Arrays.copyOf(Files.readAllBytes(file), length));
    }

    private static Path write(Path file, byte[] bytes) throws IOException {
        return Files.write(file, bytes);
    }

    /** A minimal little-endian TIFF: one strip of zeros, the given bits per sample and sample format. */
    static Path tiff(Path file, int width, int height, int bits, int sampleFormat) throws IOException {
        int dataBytes = Math.max(1, width * height * bits / 8);
        int entries = 9;
        int ifd = 8;
        int data = ifd + 2 + entries * 12 + 4;
        ByteBuffer b = ByteBuffer.allocate(data + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(ifd);
        b.putShort((short) entries);
        entry(b, 256, 4, width);
        entry(b, 257, 4, height);
        entry(b, 258, 3, bits);
        entry(b, 259, 3, 1);
        entry(b, 262, 3, 1);
        entry(b, 273, 4, data);
        entry(b, 277, 3, 1);
        entry(b, 279, 4, dataBytes);
        entry(b, 339, 3, sampleFormat);
        b.putInt(0);
        return Files.write(file, b.array());
    }

    private static void entry(ByteBuffer b, int tag, int type, int value) {
        b.putShort((short) tag).putShort((short) type).putInt(1);
        if (type == 3) {
            b.putShort((short) value).putShort((short) 0);
        } else {
            b.putInt(value);
        }
    }

    // ---- models

    private static String rgbModel(Path dir) throws IOException {
        Path file = dir.resolve("rgb.zip");
        try (Model model = RandomModels.create(NetworkConfig.biAttention(3, 8, 1), 1, 0.5f, 1e-4f)) {
            RandomModels.save(model, "rgb", file);
        }
        return file.toString();
    }

    private static String zip(Path file, Map<String, byte[]> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return file.toString();
    }

    private static String editJson(Path file, java.util.function.UnaryOperator<String> edit) throws IOException {
        Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
        try (InputStream in = Files.newInputStream(tinyModel); ZipInputStream zip = new ZipInputStream(in)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        }
        entries.put("model.json", edit.apply(new String(entries.get("model.json"), StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8));
        return zip(file, entries);
    }

    /** The tiny model with 16 random bits flipped (seeded), past the first local header. */
    private static String flipped(Path file, long seed) throws IOException {
        byte[] bytes = Files.readAllBytes(tinyModel);
        Random random = new Random(seed);
        for (int i = 0; i < 16; i++) {
            int at = 40 + random.nextInt(bytes.length - 40);
            bytes[at] ^= (byte) (1 << random.nextInt(8));
        }
        Files.write(file, bytes);
        return file.toString();
    }

    /** A stream that fails like a full disk once more than {@code limit} bytes were written. */
    static final class LimitedStream extends OutputStream {
        private final OutputStream out;
        private long left;

        LimitedStream(OutputStream out, long limit) {
            this.out = out;
            this.left = limit;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len > left) {
                out.write(b, off, (int) left);
                left = 0;
                throw new IOException("No space left on device");
            }
            out.write(b, off, len);
            left -= len;
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    private static Path loopingTiff(Path dir) throws IOException {
        io.github.biattention.deblur.files.TiffBytes t = new io.github.biattention.deblur.files.TiffBytes();
        t.add(8, 8, 8, 1).pixels(new byte[64]).nextPage = 0;
        return t.write(dir.resolve("loop.tif"));
    }

    private static Path farStrips(Path dir) throws IOException {
        io.github.biattention.deblur.files.TiffBytes t = new io.github.biattention.deblur.files.TiffBytes();
        t.add(8, 8, 8, 1).pixels(new byte[64]).tag(273, 2_000_000_000L);
        return t.write(dir.resolve("far.tif"));
    }

    private static Path hugeTiff(Path dir) throws IOException {
        io.github.biattention.deblur.files.TiffBytes t = new io.github.biattention.deblur.files.TiffBytes();
        t.add(40000, 40000, 16, 1).tag(259, 8).tag(278, 1).pixels(new byte[64]);
        return t.write(dir.resolve("huge.tif"));
    }

    /** A 16-bit 24x20 TIFF with one tag changed (values -999..999 when signed). */
    private static Path tiffWith(Path file, int tag, long value) throws IOException {
        int[] v = new int[24 * 20];
        for (int i = 0; i < v.length; i++) {
            v[i] = (int) Math.round(999 * Math.sin(i / 7.0));
        }
        io.github.biattention.deblur.files.TiffBytes t = new io.github.biattention.deblur.files.TiffBytes();
        t.add(24, 20, 16, 1).pixels(io.github.biattention.deblur.files.TiffBytes.shorts(v)).tag(tag, value);
        return t.write(file);
    }

    private static Path pagesDiffer(Path dir) throws IOException {
        io.github.biattention.deblur.files.TiffBytes t = new io.github.biattention.deblur.files.TiffBytes();
        t.add(8, 8, 8, 1).pixels(new byte[64]);
        t.add(4, 4, 8, 1).pixels(new byte[16]);
        return t.write(dir.resolve("pages.tif"));
    }

    private static Path greyAlpha(Path dir) throws IOException {
        byte[] data = new byte[24 * 20 * 2];
        for (int i = 0; i < 24 * 20; i++) {
            data[2 * i] = (byte) (40 + i % 150);
            data[2 * i + 1] = (byte) (i % 3 == 0 ? 0 : 255);
        }
        io.github.biattention.deblur.files.TiffBytes t = new io.github.biattention.deblur.files.TiffBytes();
        t.add(24, 20, 8, 2).tag(338, 2).pixels(data);
        return t.write(dir.resolve("alpha.tif"));
    }
}
