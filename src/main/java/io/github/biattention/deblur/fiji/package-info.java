/**
 * Fiji integration: SciJava commands (menus, macros, headless) and the bridge between ImageJ 1.x images and
 * ImgLib2. The commands only translate parameters and call {@link io.github.biattention.deblur.fiji.ImageDeblurring},
 * which calls the engine; the same path serves the CLI.
 */
package io.github.biattention.deblur.fiji;
