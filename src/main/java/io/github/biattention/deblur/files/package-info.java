/**
 * Image files in and out: the one reader every front end and data source uses ({@link
 * io.github.biattention.deblur.files.ImageFiles}), which checks a file's declared structure and size before ImageJ
 * 1.x reads it and returns values as the file means them.
 */
package io.github.biattention.deblur.files;
