package io.github.biattention.deblur.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class DevicesTest {

    @Test
    void gpuRequestedWithoutGpuFallsBackToTheCpuWithAWarning() {
        Assumptions.assumeTrue(Engine.getInstance().getGpuCount() == 0, "this machine has a GPU");
        Devices.Selection s = Devices.resolve(DeviceChoice.GPU);
        assertEquals(Device.cpu(), s.device());
        String message = s.message().orElseThrow();
        assertTrue(message.contains("GPU"), message);
        assertTrue(message.contains("CPU build") && message.endsWith("running on the CPU"), message);
    }

    @Test
    void autoAndCpuNeedNoWarning() {
        Assumptions.assumeTrue(Engine.getInstance().getGpuCount() == 0, "this machine has a GPU");
        Devices.Selection auto = Devices.resolve(DeviceChoice.AUTO);
        assertEquals(Device.cpu(), auto.device());
        assertFalse(auto.message().isPresent());
        Devices.Selection cpu = Devices.resolve(DeviceChoice.CPU);
        assertEquals(Device.cpu(), cpu.device());
        assertFalse(cpu.message().isPresent());
    }

    @Test
    void decisionForEveryChoiceAndGpuCount() {
        for (DeviceChoice choice : DeviceChoice.values()) {
            Devices.Selection none = Devices.resolve(choice, 0, "reason");
            assertEquals(Device.cpu(), none.device(), choice.toString());
            assertEquals(choice == DeviceChoice.GPU, none.message().isPresent(), choice.toString());
            Devices.Selection one = Devices.resolve(choice, 1, "reason");
            assertEquals(choice == DeviceChoice.CPU ? Device.cpu() : Device.gpu(0), one.device(), choice.toString());
            assertFalse(one.message().isPresent());
        }
        // A cluster scheduler's GPU index is taken when it exists, the first GPU otherwise.
        assertEquals(Device.gpu(2), Devices.resolve(DeviceChoice.AUTO, 4, "reason", 2).device());
        assertEquals(Device.gpu(0), Devices.resolve(DeviceChoice.GPU, 2, "reason", 5).device());
        assertEquals(Device.cpu(), Devices.resolve(DeviceChoice.CPU, 4, "reason", 2).device());
        assertEquals("No GPU is usable (reason): running on the CPU",
                Devices.resolve(DeviceChoice.GPU, 0, "reason").message().orElseThrow());
    }

    @Test
    void describeReportsEngineLibraryAndDevices() {
        String d = Devices.describe();
        for (String key : new String[] {"DJL: 0.36.0", "Engine: PyTorch 2.7.1", "Native library: /", "Features:",
                "CUDA build:", "GPUs visible:", "Default device:", "AUTO resolves to:", "Java:", "CPU cores:"}) {
            assertTrue(d.contains(key), "no '" + key + "' in\n" + d);
        }
        assertFalse(d.contains("unknown ("), d);
    }
}
