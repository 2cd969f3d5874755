package io.github.biattention.deblur.fiji;

import ij.IJ;
import java.io.File;
import org.scijava.Context;

/** Called from a macro with {@code call(...)}: runs a command the way imagej-legacy does, with only some keys set. */
public final class FijiLikeMacroCall {

    static Context context;
    /** What the last call saw: "macro" when ImageJ knew a macro was running; an error's text when it failed. */
    static volatile String seen;

    private FijiLikeMacroCall() {}

    /** @return "macro" when ImageJ saw a macro running, after running the folder command with three inputs */
    public static String runFolder(String in, String out) {
        try {
            boolean macro = IJ.isMacro();
            MacroTest.runFolder(context, "input", new File(in), "output", new File(out), "model", "general");
            seen = macro ? "macro" : "no macro";
        } catch (Exception e) {
            seen = e.toString();
        }
        return seen;
    }
}
