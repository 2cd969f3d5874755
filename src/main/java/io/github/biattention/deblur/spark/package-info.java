/**
 * Deblurring on Apache Spark: a folder or list of images, or huge images and stacks split into planes and blocks,
 * spread over a cluster's executors. The driver plans the outputs ({@link io.github.biattention.deblur.spark.JobPlan}),
 * executors load the broadcast model once ({@link io.github.biattention.deblur.spark.ExecutorModels}), deblur whole
 * files or blocks with halos ({@link io.github.biattention.deblur.spark.DeblurTasks}, over
 * {@link io.github.biattention.deblur.imagej.BlockDeblurring}), and write each output once, atomically and
 * idempotently ({@link io.github.biattention.deblur.spark.HadoopFiles}). The outputs equal the command line's bit for
 * bit. Built into its own jar ({@code target/bi-attention-deblur-spark.jar}); Spark and Hadoop come from the cluster.
 */
package io.github.biattention.deblur.spark;
