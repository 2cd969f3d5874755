package io.github.biattention.deblur.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import ai.djl.pytorch.engine.PtEngine;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.pytorch.jni.LibUtils;
import ai.djl.util.Utils;
import ai.djl.util.cuda.CudaUtils;
import java.lang.management.MemoryUsage;
import java.util.Objects;
import java.util.Optional;

/**
 * Chooses the DJL device for a {@link DeviceChoice} and describes the engine for a "Device Info" command.
 *
 * <p>Never throws for a device the machine lacks: asking for a GPU where none is usable gives the CPU and a warning
 * to show the user. Stateless and thread-safe; the first call starts DJL's default engine (loads the native library),
 * which can take a second.
 */
public final class Devices {

    private Devices() {}

    /** A chosen device and, when the choice could not be honoured, a message saying why. Immutable. */
    public static final class Selection {
        private final Device device;
        private final String message;

        Selection(Device device, String message) {
            this.device = Objects.requireNonNull(device, "device");
            this.message = message;
        }

        /** Where to load the model. */
        public Device device() {
            return device;
        }

        /** A warning for the user ("No GPU is usable ...: running on the CPU"); empty when all is as asked. */
        public Optional<String> message() {
            return Optional.ofNullable(message);
        }

        @Override
        public String toString() {
            return "Selection[" + device + (message == null ? "" : ", " + message) + "]";
        }
    }

    /**
     * Resolves a choice: {@code CPU} -> CPU; {@code AUTO} -> the first GPU when DJL's engine sees one, else the CPU
     * (silently); {@code GPU} -> the first GPU, or the CPU with a message naming the reason.
     *
     * @throws NullPointerException if {@code choice} is null
     */
    public static Selection resolve(DeviceChoice choice) {
        return resolve(choice, 0);
    }

    /**
     * As {@link #resolve(DeviceChoice)}, preferring GPU {@code gpuIndex} (the one a cluster scheduler assigned to
     * this process); the first GPU when there is no such index.
     */
    public static Selection resolve(DeviceChoice choice, int gpuIndex) {
        Objects.requireNonNull(choice, "choice");
        if (choice == DeviceChoice.CPU) {
            return new Selection(Device.cpu(), null);
        }
        int gpus;
        String whyNone;
        try {
            NativeEngine.prepare();
            Engine engine = Engine.getInstance();
            gpus = engine.getGpuCount();
            whyNone = engine.hasCapability(StandardCapabilities.CUDA)
                    ? "the " + engine.getEngineName() + " native library supports CUDA but DJL sees 0 CUDA devices;"
                            + " check the NVIDIA driver"
                    : "DJL sees 0 CUDA devices; the bundled " + engine.getEngineName()
                            + " native library is the CPU build";
        } catch (RuntimeException | LinkageError e) {
            // The model cannot load either then, and that error will be reported; here the CPU is the honest answer.
            gpus = 0;
            whyNone = "the deep-learning engine could not be started: " + e.getMessage();
        }
        return resolve(choice, gpus, whyNone, gpuIndex);
    }

    /** The decision itself, separated from DJL so that it can be tested with any GPU count. */
    static Selection resolve(DeviceChoice choice, int gpuCount, String whyNoGpu) {
        return resolve(choice, gpuCount, whyNoGpu, 0);
    }

    static Selection resolve(DeviceChoice choice, int gpuCount, String whyNoGpu, int gpuIndex) {
        if (choice == DeviceChoice.CPU) {
            return new Selection(Device.cpu(), null);
        }
        if (gpuCount > 0) {
            return new Selection(Device.gpu(gpuIndex >= 0 && gpuIndex < gpuCount ? gpuIndex : 0), null);
        }
        if (choice == DeviceChoice.AUTO) {
            return new Selection(Device.cpu(), null);
        }
        return new Selection(Device.cpu(), "No GPU is usable (" + whyNoGpu + "): running on the CPU");
    }

    /**
     * {@link #describe()} followed by the device {@code auto} picks and, where a GPU was asked for but is not usable,
     * why: what Fiji's Device Info and the command line's {@code device-info} print.
     */
    public static String report() {
        StringBuilder text = new StringBuilder(describe());
        Selection gpu = resolve(DeviceChoice.GPU);
        text.append(System.lineSeparator()).append("Device used for 'auto': ")
                .append(resolve(DeviceChoice.AUTO).device());
        gpu.message().ifPresent(m -> text.append(System.lineSeparator()).append(m));
        return text.toString();
    }

    /**
     * A multi-line, human-readable report: DJL and engine versions, where the native library was loaded from, its
     * features, thread counts, the CPU and GPU devices, and the JVM. Never throws: a part that cannot be determined
     * is reported as such (for instance when the native library fails to load).
     */
    public static String describe() {
        StringBuilder s = new StringBuilder();
        line(s, "DJL", () -> Engine.getDjlVersion());
        Engine engine;
        try {
            NativeEngine.prepare();
            engine = Engine.getInstance();
        } catch (RuntimeException | LinkageError e) {
            line(s, "Engine", () -> "could not be started: " + e);
            jvm(s);
            return s.toString();
        }
        line(s, "Engine", () -> engine.getEngineName() + " " + engine.getVersion());
        if (PtEngine.ENGINE_NAME.equals(engine.getEngineName())) {
            line(s, "Native library", LibUtils::getLibtorchPath);
            line(s, "Engine cache", () -> Utils.getEngineCacheDir("pytorch").toString());
            line(s, "Features", () -> String.join(", ", JniUtils.getFeatures()));
            line(s, "Threads", () -> JniUtils.getNumThreads() + " intra-op, " + JniUtils.getNumInteropThreads()
                    + " inter-op");
        }
        boolean cuda = engine.hasCapability(StandardCapabilities.CUDA);
        line(s, "CUDA build", () -> cuda ? "yes (CUDA " + CudaUtils.getCudaVersionString() + ")" : "no (CPU build)");
        int gpus = engine.getGpuCount();
        line(s, "GPUs visible", () -> Integer.toString(gpus));
        for (int i = 0; i < gpus; i++) {
            Device gpu = Device.gpu(i);
            line(s, "  " + gpu, () -> {
                MemoryUsage m = CudaUtils.getGpuMemory(gpu);
                return "compute capability " + CudaUtils.getComputeCapability(gpu.getDeviceId()) + ", "
                        + mib(m.getMax()) + " total, " + mib(m.getCommitted()) + " used";
            });
        }
        line(s, "Default device", () -> engine.defaultDevice().toString());
        line(s, "AUTO resolves to", () -> resolve(DeviceChoice.AUTO).device().toString());
        jvm(s);
        return s.toString();
    }

    private static void jvm(StringBuilder s) {
        Runtime rt = Runtime.getRuntime();
        line(s, "Java", () -> System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        line(s, "OS", () -> System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        line(s, "CPU cores", () -> Integer.toString(rt.availableProcessors()));
        line(s, "Max heap", () -> mib(rt.maxMemory()));
    }

    private static String mib(long bytes) {
        return bytes / (1024 * 1024) + " MiB";
    }

    /** One "key: value" line; a value that cannot be determined says so instead of failing the whole report. */
    private static void line(StringBuilder s, String key, java.util.function.Supplier<String> value) {
        String v;
        try {
            v = value.get();
        } catch (RuntimeException | LinkageError e) {
            v = "unknown (" + e + ")";
        }
        s.append(key).append(": ").append(v).append('\n');
    }
}
