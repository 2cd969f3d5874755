package io.github.biattention.deblur.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The command line of a separate JVM running {@link DeblurCli}, for tests that need a real process (signals, Ctrl-C).
 * Its home, DJL cache and JNA folder lie under a test folder: the surefire argLine keeps the tests' own JVM off the
 * user's home, and a child JVM does not inherit it.
 */
final class ChildCli {

    private ChildCli() {
    }

    static List<String> command(Path home, String... arguments) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx2g",
                "-Duser.home=" + home, "-Dai.djl.offline=true",
                "-DDJL_CACHE_DIR=" + System.getProperty("DJL_CACHE_DIR", home.resolve("djl").toString()),
                "-DENGINE_CACHE_DIR=" + System.getProperty("ENGINE_CACHE_DIR", home.resolve("djl").toString()),
                "-Djna.tmpdir=" + home.resolve("jna"),
                "-cp", System.getProperty("java.class.path"), DeblurCli.class.getName()));
        command.addAll(Arrays.asList(arguments));
        return command;
    }
}
