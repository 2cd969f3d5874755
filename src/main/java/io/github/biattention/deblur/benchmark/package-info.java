/**
 * The benchmark harnesses behind {@code bench}, {@code bench-memory} and {@code bench-widefield}: quality against
 * the classical baselines per blur kind ({@link io.github.biattention.deblur.benchmark.QualityBenchmark}) and on
 * simulated widefield images ({@link io.github.biattention.deblur.benchmark.WidefieldBenchmark}), speed of the whole
 * engine with the network's share of a big convolution's rate
 * ({@link io.github.biattention.deblur.benchmark.SpeedBenchmark}, tabled per model by {@link io.github.biattention.deblur.benchmark.SpeedReport}), memory of long runs
 * ({@link io.github.biattention.deblur.benchmark.MemoryBenchmark}, read by
 * {@link io.github.biattention.deblur.benchmark.ProcessMemory}), and a command-line timer for tile-size experiments
 * ({@link io.github.biattention.deblur.benchmark.EngineBenchmark}).
 *
 * <p>Every harness reports as {@link io.github.biattention.deblur.benchmark.BenchmarkTable}s, which the commands
 * print and write as they are. The package stands on the engine, the evaluation and the microscopy simulation, and
 * only the shells use it, so nothing it measures depends on it.
 */
package io.github.biattention.deblur.benchmark;
