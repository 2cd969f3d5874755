/**
 * Builds a Fiji update site (db.xml.gz plus the files stored as {@code <path>-<timestamp>}) from this project's
 * build, in the format that Fiji's updater (imagej-updater) reads: the updater's own checksums, its
 * {@code yyyyMMddHHmmss} timestamps, platform-specific files under {@code jars/<platform>/}, and earlier versions
 * kept as {@code previous-version} entries. Entry point: {@link io.github.biattention.deblur.updatesite.UpdateSiteBuilder}.
 *
 * <p>Plain JDK only (no ImageJ, SciJava or DJL), so the builder runs from the plugin jar without any class path.
 */
package io.github.biattention.deblur.updatesite;
