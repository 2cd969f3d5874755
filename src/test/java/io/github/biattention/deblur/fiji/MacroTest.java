package io.github.biattention.deblur.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.IJ;
import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;
import ij.io.FileSaver;
import ij.macro.Interpreter;
import ij.process.ShortProcessor;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.convert.ConvertService;
import org.scijava.module.ModuleItem;
import org.scijava.module.ModuleService;

/** The macro language: recorded option strings, and the bundled macros run in ImageJ 1.x's interpreter. */
class MacroTest {

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
        MacroBridge.install();
    }

    /** The options string the macro recorder writes for the command: name=value, lowercase, [..] around spaces. */
    private static final String RECORDED = "image=cells.tif model=file modelfile=[/data/my models/m.zip] tile=128"
            + " overlap=16 low=2.0 high=99.5 device=cpu perplane=false ensemble=true keepdepth=true"
            + " optics=[widefield objective]"
            + " na=1.2 wavelength=600.0 ri=1.333 pixelsize=80.0 defocus=100.0 sampleri=1.38 depth=5000.0"
            + " psffile=[/data/my beads/bead.tif] refine=7";

    @Test
    void everyParameterIsSetFromTheRecordedOptionsString() {
        ImagePlus cells = new ImagePlus("cells.tif", new ShortProcessor(8, 8));
        WindowManager.setTempCurrentImage(cells);
        assertRecordedStringSetsEveryInput(DeblurImagePlusCommand.class, RECORDED, map("image", cells,
                "model", "file", "modelfile", new File("/data/my models/m.zip"), "tile", 128, "overlap", 16,
                "low", 2.0, "high", 99.5, "device", "cpu", "perplane", false, "ensemble", true, "keepdepth", true,
                "optics", "widefield objective", "na", 1.2, "wavelength", 600.0, "ri", 1.333, "pixelsize", 80.0,
                "defocus", 100.0, "sampleri", 1.38, "depth", 5000.0, "psffile", new File("/data/my beads/bead.tif"),
                "refine", 7));
        assertRecordedStringSetsEveryInput(DeblurFolderCommand.class, "input=[/data/in put] output=/data/out"
                + " model=general overwrite=true skipexisting=false keepdepth=false tile=512 overlap=64 low=0.5 high=99.9 device=gpu"
                + " perplane=true ensemble=false optics=[PSF file] na=1.4 wavelength=520.0 ri=1.515 pixelsize=0.0"
                + " defocus=0.0 sampleri=0.0 depth=0.0 psffile=/data/bead.tif refine=10",
                map("input", new File("/data/in put"), "output", new File("/data/out"), "model", "general",
                        "overwrite", true, "skipexisting", false, "keepdepth", false, "tile", 512, "overlap", 64, "low", 0.5,
                        "high", 99.9, "device", "gpu", "perplane", true, "ensemble", false, "optics", "PSF file", "na", 1.4,
                        "wavelength", 520.0, "ri", 1.515, "pixelsize", 0.0, "defocus", 0.0, "sampleri", 0.0,
                        "depth", 0.0, "psffile", new File("/data/bead.tif"), "refine", 10));
    }

    @Test
    void trainingIsSetFromItsRecordedOptionsString() {
        assertRecordedStringSetsEveryInput(TrainModelCommand.class, TRAIN_RECORDED, map("data", "pairs",
                "images", new File("/data/pairs"), "sharp", new File("/data/sharp"), "name", "my-cells",
                "start", "scratch", "width", 16, "blocks", 1, "steps", 2000, "batch", 4, "patch", 96,
                "rate", 0.0005, "minphotons", 100.0, "maxphotons", 30000.0, "overwrite", false));
    }

    /** Training headless through the bridge, procedural photographs only: the model lands in the user models. */
    @Test
    void trainingMacroSavesAUserModel(@TempDir Path dir) throws Exception {
        System.setProperty(io.github.biattention.deblur.model.UserModels.FOLDER_PROPERTY, dir.toString());
        try {
            new Interpreter().run("run(\"Train Deblurring Model\", \"data=photograph images=[] name=macro-model"
                    + " steps=3 batch=2 patch=32 width=8 blocks=0 rate=0.001\");\n");
            assertTrue(Files.isRegularFile(dir.resolve("macro-model.zip")));
            assertTrue(Files.readString(dir.resolve("macro-model.md")).contains("step 3 of 3"));
        } finally {
            System.clearProperty(io.github.biattention.deblur.model.UserModels.FOLDER_PROPERTY);
        }
    }

    private static final String TRAIN_RECORDED = "data=pairs images=/data/pairs sharp=/data/sharp name=my-cells"
            + " start=scratch width=16 blocks=1 steps=2000 batch=4 patch=96 rate=0.0005 minphotons=100"
            + " maxphotons=30000 overwrite=false";

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new java.util.HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static void assertRecordedStringSetsEveryInput(Class<? extends org.scijava.command.Command> command,
            String recorded, Map<String, Object> expected) {
        Context context = new Context(CommandService.class, ConvertService.class);
        try {
            CommandInfo info = context.service(CommandService.class).getCommand(command);
            Map<String, Object> values = MacroOptions.inputs(info, recorded, context.service(ConvertService.class));
            assertEquals(expected, values);
            // Every user-facing input is covered, and no key matches inside another (ImageJ accepts "key=" unless
            // a letter precedes it).
            for (ModuleItem<?> input : info.inputs()) {
                if (!MacroOptions.isUserInput(input)) {
                    continue;
                }
                assertTrue(values.containsKey(input.getName()), "not recorded: " + input.getName());
                assertEquals(input.getName().toLowerCase(), input.getName(), "macro keys must be lowercase");
                String without = recorded.replaceAll("(^| )" + input.getName() + "=(\\[[^\\]]*\\]|\\S+)", "");
                assertNull(Macro.getValue(without, input.getName(), null),
                        input.getName() + " is matched inside another key");
            }
        } finally {
            context.dispose();
        }
    }

    private static Path macro(String name) {
        return Paths.get("macros", name);
    }

    private static void write16Bit(Path file, int w, int h) {
        ShortProcessor sp = new ShortProcessor(w, h);
        for (int i = 0; i < w * h; i++) {
            sp.set(i, 2000 + (int) (1500 * Math.sin(i % w / 3.0) * Math.cos(i / w / 4.0)));
        }
        new FileSaver(new ImagePlus("img", sp)).saveAsTiff(file.toString());
    }

    @Test
    void folderMacroDeblursEveryImageIntoTheOutputFolder(@TempDir Path dir) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        Path out = Files.createDirectories(dir.resolve("out"));
        write16Bit(in.resolve("a.tif"), 40, 30);
        write16Bit(in.resolve("b.tif"), 33, 27);
        Files.writeString(in.resolve("readme.txt"), "not an image");
        // The documented headless form: the folders as the macro's argument, as -batch and -macro pass it.
        new Interpreter().run(Files.readString(macro("deblur_folder.ijm")), "input=[" + in + "] output=[" + out
                + "] model=general");
        for (String name : List.of("a.tif", "b.tif")) {
            ImagePlus result = IJ.openImage(out.resolve(name).toString());
            assertNotNull(result, name + " was not written");
            ImagePlus source = IJ.openImage(in.resolve(name).toString());
            assertEquals(source.getWidth(), result.getWidth());
            assertEquals(ImagePlus.GRAY32, result.getType());
            double mean = result.getStatistics().mean;
            assertTrue(Math.abs(mean - source.getStatistics().mean) < 300, name + " mean " + mean);
        }
        assertFalse(Files.exists(out.resolve("readme.tif")));
    }

    @Test
    void activeImageMacroOpensTheDeblurredImage(@TempDir Path dir) throws Exception {
        Path in = dir.resolve("cells.tif");
        write16Bit(in, 36, 28);
        Path out = dir.resolve("result.tif");
        String code = "setBatchMode(true);\nopen(\"" + in + "\");\n"
                + Files.readString(macro("deblur_active_image.ijm"))
                + "\nsaveAs(\"Tiff\", \"" + out + "\");\nclose(\"*\");\n";
        new Interpreter().run(code);
        ImagePlus result = IJ.openImage(out.toString());
        assertNotNull(result);
        assertEquals(36, result.getWidth());
        assertEquals(ImagePlus.GRAY32, result.getType());
    }

    /**
     * A key left out of a macro means the documented default even when the dialog's last value (the preferences)
     * says otherwise: here keepdepth, saved as true by an earlier interactive run, would give 16-bit output.
     */
    @Test
    void keysLeftOutOfAMacroMeanTheDefaultsNotTheLastDialog(@TempDir Path dir) throws Exception {
        Path in = Files.createDirectories(dir.resolve("in"));
        write16Bit(in.resolve("a.tif"), 24, 20);
        Context context = new Context(CommandService.class, ModuleService.class,
                org.scijava.prefs.PrefService.class);
        try {
            // An interactive run with keepdepth=true: SciJava saves it as the dialog's last value.
            runFolder(context, "input", in.toFile(), "output", dir.resolve("first").toFile(), "model", "general",
                    "keepdepth", true);
            assertEquals(16, IJ.openImage(dir.resolve("first/a.tif").toString()).getBitDepth());
            // Fiji: imagej-legacy sets the macro's keys; the command, seeing a macro, keeps its defaults for the rest.
            FijiLikeMacroCall.context = context;
            new Interpreter().run("call('" + FijiLikeMacroCall.class.getName() + ".runFolder', '" + in + "', '"
                    + dir.resolve("fiji") + "');");
            assertEquals("macro", FijiLikeMacroCall.seen, "the command ran inside a macro");
            assertEquals(32, IJ.openImage(dir.resolve("fiji/a.tif").toString()).getBitDepth(), "Fiji's path");
            // Plain ImageJ 1.x: the bridge fills the macro's keys and keeps the defaults for the rest.
            new Interpreter().run("run('Bi-Attention Deblur Folder', 'input=[" + in + "] output=[" + dir.resolve("ij1")
                    + "] model=general');");
            assertEquals(32, IJ.openImage(dir.resolve("ij1/a.tif").toString()).getBitDepth(), "ImageJ 1.x's path");
        } finally {
            // Leave the preferences as they were: a run at the default value removes the saved one.
            runFolder(context, "input", in.toFile(), "output", dir.resolve("reset").toFile(), "model", "general",
                    "keepdepth", false);
            context.dispose();
        }
    }

    /** Runs the folder command with all preprocessors (preferences, macro defaults), as a menu or macro would. */
    static void runFolder(Context context, Object... inputs) throws Exception {
        CommandInfo info = context.service(CommandService.class).getCommand(DeblurFolderCommand.class);
        context.service(ModuleService.class).run(info, true, inputs).get();
    }
}
