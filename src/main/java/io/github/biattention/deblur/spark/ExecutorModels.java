package io.github.biattention.deblur.spark;

import ai.djl.pytorch.jni.JniUtils;
import io.github.biattention.deblur.model.DeblurModel;
import io.github.biattention.deblur.model.DeviceChoice;
import io.github.biattention.deblur.model.ModelException;
import io.github.biattention.deblur.model.ModelFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.TaskContext;
import org.apache.spark.resource.ResourceInformation;

/**
 * The models loaded in this executor: each once per JVM, kept for every later task (tasks of one executor share it;
 * the engine runs concurrent forward passes safely, see {@code TiledPredictor}). Loaded on the executor's GPU when it
 * has one and the run asks for {@code auto} or {@code gpu}; otherwise on its CPU, with the reason in its log.
 */
final class ExecutorModels {

    private static final Map<String, DeblurModel> LOADED = new HashMap<>();
    private static Integer threadsSet;

    private ExecutorModels() {}

    /**
     * @param threads PyTorch's intra-op threads for this executor (set once, with the first model)
     * @throws IOException if the model cannot be loaded (the message says why)
     */
    static synchronized DeblurModel get(ModelSource source, String device, int threads) throws IOException {
        String key = source.key + "@" + device + "#" + assignedGpu();
        DeblurModel model = LOADED.get(key);
        if (model != null) {
            return model;
        }
        try {
            model = load(source, DeviceChoice.parse(device));
        } catch (ModelException e) {
            throw new IOException("Cannot load the model " + source.name + ": " + e.getMessage(), e);
        }
        if (threadsSet == null) {
            // After the first load, which started the engine the plugin's way (offline, its own native library).
            JniUtils.setNumThreads(threads);
            threadsSet = threads;
        }
        LOADED.put(key, model);
        return model;
    }

    private static DeblurModel load(ModelSource source, DeviceChoice device) throws IOException, ModelException {
        int gpu = assignedGpu();
        if (source.bytes == null) {
            return ModelFiles.open(source.name, device, gpu, ExecutorModels::warn);
        }
        Path dir = Files.createTempDirectory("bi-attention-model");
        Path file = dir.resolve("model.zip");
        try {
            Files.write(file, source.bytes);
            return ModelFiles.open(file.toString(), device, gpu, ExecutorModels::warn);
        } finally {
            // Loaded into memory: the file is no longer needed.
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    /**
     * The GPU Spark assigned to this task ({@code spark.task.resource.gpu.amount} with a discovery script), so the
     * executors of a multi-GPU node do not all crowd onto GPU 0; 0 when none was assigned.
     */
    static int assignedGpu() {
        TaskContext task = TaskContext.get();
        ResourceInformation gpu = task == null ? null : task.resourcesJMap().get("gpu");
        if (gpu == null || gpu.addresses().length == 0) {
            return 0;
        }
        try {
            return Integer.parseInt(gpu.addresses()[0].trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void warn(String message) {
        System.err.println("Warning: " + message);
    }
}
