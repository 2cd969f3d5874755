/**
 * The bi-attention deblurring network as DJL blocks: criss-cross attention, residual blocks, the encoder and
 * decoder stages, the multi-scale feature fusion and the network that composes them.
 *
 * <p>Every block takes and returns images in NCHW layout. Nothing here knows about ImageJ, SciJava or files.
 */
package io.github.biattention.deblur.network;
