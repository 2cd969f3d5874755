package io.github.biattention.deblur.spark;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import scala.Tuple2;

/**
 * The job: small images one task each (read, deblur, write, as the command line does); large ones in two more
 * steps, one task per block of each plane (reading the tiles around the block as its halo), then one task per image
 * that puts the blocks together and writes it. The model travels once per executor, as a broadcast.
 */
final class DeblurJob {

    private DeblurJob() {}

    /**
     * @return one outcome per planned file, in input order
     */
    static List<Outcome> run(JavaSparkContext sc, List<JobPlan.FileJob> jobs, ModelSource source,
            JobOptions options) {
        options.runTag = sc.sc().applicationId().replaceAll("[^A-Za-z0-9_-]", "_");
        HadoopFiles.Conf conf = new HadoopFiles.Conf(sc.hadoopConfiguration());
        Broadcast<ModelSource> model = sc.broadcast(source);
        List<Outcome> outcomes = new ArrayList<>();
        List<JobPlan.FileJob> runnable = new ArrayList<>();
        for (JobPlan.FileJob job : jobs) {
            if (job.skipped) {
                outcomes.add(Outcome.skipped(job));
            } else if (job.blocked != null) {
                outcomes.add(Outcome.failed(job, job.blocked));
            } else {
                runnable.add(job);
            }
        }
        try {
            if (!runnable.isEmpty()) {
                List<Outcome> first = collectOrFail(runnable, () -> sc.parallelize(runnable, runnable.size())
                        .map(job -> DeblurTasks.wholeOrPlan(job, model.value(), options, conf)).collect());
                Map<String, Outcome> split = new HashMap<>();
                for (Outcome o : first) {
                    if (o.kind == Outcome.Kind.SPLIT) {
                        split.put(o.job.input, o);
                    } else {
                        outcomes.add(o);
                    }
                }
                if (!split.isEmpty()) {
                    List<JobPlan.FileJob> splitJobs = new ArrayList<>();
                    split.values().forEach(o -> splitJobs.add(o.job));
                    outcomes.addAll(collectOrFail(splitJobs, () -> runSplit(sc, split, model, options, conf)));
                }
            }
        } finally {
            // Also when the job failed: the hidden copies of lost executors carry this run's tag only.
            Set<String> folders = new LinkedHashSet<>();
            jobs.forEach(job -> folders.add(new Path(job.output).getParent().toString()));
            for (String folder : folders) {
                try {
                    HadoopFiles.removeLeftovers(folder, options.runTag, conf.get());
                } catch (IOException e) {
                    System.err.println("Warning: cannot remove hidden leftovers in " + folder + ": " + e.getMessage());
                }
            }
        }
        Map<String, Integer> order = new HashMap<>();
        for (int i = 0; i < jobs.size(); i++) {
            order.put(jobs.get(i).input, i);
        }
        outcomes.sort(Comparator.comparing(o -> order.get(o.job.input)));
        return outcomes;
    }

    /**
     * The outcomes of a Spark stage, or, when Spark gave up on it (a task failed on every attempt: an executor
     * killed for its memory, a lost node), every file of the stage reported as failed with what to do, so the run
     * still ends with its summary. Files whose outputs were written before are complete (outputs are only ever
     * renamed into place), and a run with --skip-existing finishes the rest.
     */
    static List<Outcome> collectOrFail(List<JobPlan.FileJob> jobs, java.util.function.Supplier<List<Outcome>> stage) {
        try {
            return stage.get();
        } catch (Exception e) { // Spark's SparkException is checked, though Scala does not declare it
            String reason = e.getMessage() == null ? e.toString() : e.getMessage().strip().lines().findFirst()
                    .orElse(e.toString());
            List<Outcome> failed = new ArrayList<>();
            for (JobPlan.FileJob job : jobs) {
                failed.add(Outcome.failed(job, job.input + ": not finished, the cluster gave up on its task ("
                        + reason + "); outputs written so far are complete: run again with --skip-existing"));
            }
            return failed;
        }
    }

    private static List<Outcome> runSplit(JavaSparkContext sc, Map<String, Outcome> split,
            Broadcast<ModelSource> model, JobOptions options, HadoopFiles.Conf conf) {
        Broadcast<Map<String, Outcome>> plans = sc.broadcast(split);
        List<DeblurTasks.BlockTask> tasks = new ArrayList<>();
        // Image by image, plane by plane: neighbouring partitions share an image, which executors keep read.
        split.keySet().stream().sorted().forEach(input -> {
            Outcome planned = split.get(input);
            for (int p = 0; p < planned.plan.planes(); p++) {
                for (var block : planned.plan.blocks()) {
                    tasks.add(new DeblurTasks.BlockTask(input, p, block));
                }
            }
        });
        return sc.parallelize(tasks, tasks.size())
                .mapToPair(t -> new Tuple2<>(t.input, DeblurTasks.block(t, plans.value().get(t.input),
                        model.value(), options, conf)))
                .groupByKey(split.size())
                .map(group -> DeblurTasks.assemble(plans.value().get(group._1()), group._2(), options, conf))
                .collect();
    }
}
