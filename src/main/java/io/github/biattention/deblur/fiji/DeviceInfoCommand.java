package io.github.biattention.deblur.fiji;

import io.github.biattention.deblur.model.Devices;
import org.scijava.ItemIO;
import org.scijava.command.Command;
import org.scijava.command.ContextCommand;
import org.scijava.log.LogService;
import org.scijava.plugin.Parameter;
import org.scijava.plugin.Plugin;

/**
 * Plugins > Deblurring > Deblur Device Info: what DJL sees (engine and native library version, where the library
 * was loaded from, CPU and GPU devices) and, when no GPU is used, why.
 */
@Plugin(type = Command.class, menuPath = "Plugins>Deblurring>Deblur Device Info", headless = true)
public final class DeviceInfoCommand extends ContextCommand {

    @Parameter(type = ItemIO.OUTPUT, label = "Device info")
    private String info;

    @Parameter(required = false)
    private LogService log;

    @Override
    public void run() {
        info = Devices.report();
        if (log != null) {
            log.info(info);
        }
    }
}
