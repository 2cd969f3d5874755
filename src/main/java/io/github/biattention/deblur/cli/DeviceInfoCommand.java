package io.github.biattention.deblur.cli;

import io.github.biattention.deblur.model.Devices;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code device-info}: what Fiji's Deblur Device Info shows, for headless machines and GPU checks. */
@Command(name = "device-info", mixinStandardHelpOptions = true,
        description = "Prints the engine (DJL, PyTorch, where its native library was loaded from, its features and"
                + " threads), the CPU and GPU devices it sees, and the device --device auto uses.")
final class DeviceInfoCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        System.out.println(Devices.report());
        return 0;
    }
}
