/*
 * #%L
 * ImageJ software for multidimensional image processing and analysis.
 * %%
 * Copyright (C) 2009 - 2025 Board of Regents of the University of
 * Wisconsin-Madison, Broad Institute of MIT and Harvard, and Max Planck
 * Institute of Molecular Cell Biology and Genetics.
 * %%
 * Redistribution and use in source and binary forms, with or without
 * modification, are permitted provided that the following conditions are met:
 * 
 * 1. Redistributions of source code must retain the above copyright notice,
 *    this list of conditions and the following disclaimer.
 * 2. Redistributions in binary form must reproduce the above copyright notice,
 *    this list of conditions and the following disclaimer in the documentation
 *    and/or other materials provided with the distribution.
 * 
 * THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS"
 * AND ANY EXPRESS OR IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE
 * IMPLIED WARRANTIES OF MERCHANTABILITY AND FITNESS FOR A PARTICULAR PURPOSE
 * ARE DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDERS OR CONTRIBUTORS BE
 * LIABLE FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR
 * CONSEQUENTIAL DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF
 * SUBSTITUTE GOODS OR SERVICES; LOSS OF USE, DATA, OR PROFITS; OR BUSINESS
 * INTERRUPTION) HOWEVER CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER IN
 * CONTRACT, STRICT LIABILITY, OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE)
 * ARISING IN ANY WAY OUT OF THE USE OF THIS SOFTWARE, EVEN IF ADVISED OF THE
 * POSSIBILITY OF SUCH DAMAGE.
 * #L%
 */


package io.github.biattention.deblur.updatesite;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UnsupportedEncodingException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * TEST ORACLE, not used by the build: imagej-updater's checksum code, copied verbatim (only the enclosing class
 * and the nested classes' modifiers changed) from https://github.com/imagej/imagej-updater at commit
 * ea5f12ef9d3cddc00daa19c06f53cac27d059875:
 * src/main/java/net/imagej/updater/util/UpdaterUtil.java (getDigest, updateDigest, toHex, getJarDigest,
 * JarEntryComparator), .../util/SkipHashedLines.java and .../util/FilterManifest.java. imagej-updater is under the
 * BSD 2-clause licence reproduced above. It is not on Maven Central, hence the copy.
 */
final class UpstreamUpdaterDigest {
	private UpstreamUpdaterDigest() {
	}

	// get digest of the file as according to fullPath
	public static String getDigest(final String path, final File file)
		throws NoSuchAlgorithmException, FileNotFoundException, IOException,
		UnsupportedEncodingException
	{
		if (path.endsWith(".jar")) return getJarDigest(file);
		final MessageDigest digest = getDigest();
		digest.update(path.getBytes("ASCII"));
		if (file != null) updateDigest(new FileInputStream(file), digest);
		return toHex(digest.digest());
	}

	public static MessageDigest getDigest() throws NoSuchAlgorithmException {
		return MessageDigest.getInstance("SHA-1");
	}

	public static void updateDigest(final InputStream input,
		final MessageDigest digest) throws IOException
	{
		final byte[] buffer = new byte[65536];
		final DigestInputStream digestStream = new DigestInputStream(input, digest);
		while (digestStream.read(buffer) >= 0); /* do nothing */
		digestStream.close();
	}

	public static final char[] hex = { '0', '1', '2', '3', '4', '5', '6', '7',
		'8', '9', 'a', 'b', 'c', 'd', 'e', 'f' };

	public static String toHex(final byte[] bytes) {
		final char[] buffer = new char[bytes.length * 2];
		for (int i = 0; i < bytes.length; i++) {
			buffer[i * 2] = hex[(bytes[i] & 0xf0) >> 4];
			buffer[i * 2 + 1] = hex[bytes[i] & 0xf];
		}
		return new String(buffer);
	}

	public static String getJarDigest(final File file) throws FileNotFoundException, IOException {
		return getJarDigest(file, true, true, true);
	}

	public static String getJarDigest(final File file, boolean treatPropertiesSpecially, boolean treatManifestsSpecially) throws FileNotFoundException, IOException {
		return getJarDigest(file, treatPropertiesSpecially, treatManifestsSpecially, false);
	}

	public static String getJarDigest(final File file, boolean treatPropertiesSpecially, boolean treatManifestsSpecially, boolean keepOnlyMainClassInManifest) throws FileNotFoundException, IOException {
		MessageDigest digest = null;
		try {
			digest = getDigest();
		}
		catch (final NoSuchAlgorithmException e) {
			throw new RuntimeException(e);
		}

		if (file != null) {
			final JarFile jar = new JarFile(file);
			final List<JarEntry> list = Collections.list(jar.entries());
			Collections.sort(list, new JarEntryComparator());

			for (final JarEntry entry : list) {
				digest.update(entry.getName().getBytes("ASCII"));
				InputStream inputStream = jar.getInputStream(entry);
				// .properties files have a date in a comment; let's ignore this for the checksum
				// For backwards-compatibility, activate the .properties mangling only from June 15th, 2012
				if (treatPropertiesSpecially && entry.getName().endsWith(".properties")) {
					inputStream = new SkipHashedLines(inputStream);
				}
				// same for manifests, but with July 6th, 2012
				if (treatManifestsSpecially && entry.getName().equals("META-INF/MANIFEST.MF")) {
					inputStream = new FilterManifest(inputStream, keepOnlyMainClassInManifest);
				}
				updateDigest(inputStream, digest);
			}
			jar.close();
		}
		return toHex(digest.digest());
	}

	private static class JarEntryComparator implements Comparator<JarEntry> {

		@Override
		public int compare(final JarEntry entry1, final JarEntry entry2) {
			final String name1 = entry1.getName();
			final String name2 = entry2.getName();
			return name1.compareTo(name2);
		}

	}

static class SkipHashedLines extends BufferedInputStream {
	protected boolean atLineStart;

	public SkipHashedLines(final InputStream in) {
		super(in, 1024);
		atLineStart = true;
	}

	@Override
	public synchronized int read() throws IOException {
		int ch = super.read();
		if (atLineStart) {
			if (ch == '#')
				while ((ch = read()) != '\n' && ch != -1)
					; // do nothing
			else
				atLineStart = false;
		}
		else if (ch == '\n')
			atLineStart = true;
		return ch;
	}

	@Override
	public int read(final byte[] b) throws IOException {
		return read(b, 0, b.length);
	}

	@Override
	public synchronized int read(final byte[] b, final int off, final int len) throws IOException {
		int count = 0;
		while (count < len) {
			int ch = read();
			if (ch < 0)
				return count == 0 ? -1 : count;
			b[off + count] = (byte)ch;
			count++;
		}
		return count;
	}

	@Override
	public synchronized long skip(final long n) throws IOException {
		throw new IOException("unsupported skip");
	}
}

static class FilterManifest extends ByteArrayInputStream {
	protected static enum Skip {
		ARCHIVER_VERSION,
		BUILT_BY,
		BUILD_JDK,
		CLASS_PATH,
		CREATED_BY,
		IMPLEMENTATION_BUILD
	}
	protected static Set<String> skip = new HashSet<>();
	static {
		for (Skip s : Skip.values())
			skip.add(s.toString().toUpperCase().replace('_', '-'));
	}

	public FilterManifest(final InputStream in) throws IOException {
		this(in, true);
	}

	public FilterManifest(final InputStream in, boolean keepOnlyMainClass) throws IOException {
		super(filter(in, keepOnlyMainClass));
	}

	protected static byte[] filter(final InputStream in, boolean keepOnlyMainClass) throws IOException {
		return filter(new BufferedReader(new InputStreamReader(in)), keepOnlyMainClass);
	}

	protected static byte[] filter(final BufferedReader reader, boolean keepOnlyMainClass) throws IOException {
		StringBuilder builder = new StringBuilder();
		for (;;) {
			String line = reader.readLine();
			if (line == null) {
				break;
			}
			if (keepOnlyMainClass) {
				if (line.toUpperCase().startsWith("Main-Class:")) builder.append(line).append('\n');
				continue;
			}
			int colon = line.indexOf(':');
			if (colon > 0 && skip.contains(line.substring(0, colon).toUpperCase())) {
				continue;
			}
			builder.append(line).append('\n');
		}
		reader.close();
		return builder.toString().getBytes();
	}
}
}
