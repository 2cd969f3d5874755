/**
 * Exchange with PyTorch in Python: the network's weights as an {@code .npz} archive under PyTorch
 * {@code state_dict} names ({@link io.github.biattention.deblur.interop.WeightExport},
 * {@link io.github.biattention.deblur.interop.WeightImport}), the name mapping
 * ({@link io.github.biattention.deblur.interop.ParameterNames}), NumPy's file formats
 * ({@link io.github.biattention.deblur.interop.Npy}, {@link io.github.biattention.deblur.interop.Npz}) and the raw
 * network forward used by the parity check ({@link io.github.biattention.deblur.interop.RawForward}).
 *
 * <p>The PyTorch twin of the network is {@code tools/pytorch/biattention.py}. Nothing here knows about ImageJ or
 * SciJava.
 */
package io.github.biattention.deblur.interop;
