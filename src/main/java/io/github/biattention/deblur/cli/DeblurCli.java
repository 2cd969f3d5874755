package io.github.biattention.deblur.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code java -jar bi-attention-deblur.jar}. */
@Command(name = "bi-attention-deblur", mixinStandardHelpOptions = true, version = "bi-attention-deblur 0.1.0",
        description = "Removes blur from images with the bi-attention network (DJL, PyTorch engine).",
        subcommands = {DeblurCommand.class, TrainCommand.class, ModelsCommand.class,
                EvaluateCommand.class, CompareCommand.class, DeconvolveCommand.class, ExportCommand.class,
                ImportCommand.class, ForwardCommand.class, BenchCommand.class, BankCommand.class, BenchWidefieldCommand.class,
                BenchMemoryCommand.class, RobustnessCommand.class, DeviceInfoCommand.class,
                GradientCheckCommand.class})
public final class DeblurCli implements Runnable {

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the tool and returns its exit code (tests call this instead of main). */
    public static int execute(String... args) {
        // Never let DJL try the network: the native library comes from the pytorch-native-cpu jar.
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("java.awt.headless", System.getProperty("java.awt.headless", "true"));
        // SLF4J has no provider here (DJL logs through it) and says so in three lines before anything else: the
        // command line reports through its own messages, so only SLF4J's errors are shown.
        System.setProperty("slf4j.internal.verbosity", System.getProperty("slf4j.internal.verbosity", "ERROR"));
        CommandLine cli = new CommandLine(new DeblurCli());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("Error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        });
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) { // picocli hands only exceptions to the handler above
            cli.getErr().println("Error: not enough memory (" + e.getMessage() + "): use smaller tiles (--tile), or"
                    + " give Java more memory (java -Xmx...)");
            return 1;
        }
    }
}
