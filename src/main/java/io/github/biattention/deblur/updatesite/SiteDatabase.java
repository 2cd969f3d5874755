package io.github.biattention.deblur.updatesite;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * An update site's {@code db.xml.gz} in memory: one {@link Record} per file (imagej-updater calls them "plugins"),
 * read and written in the format of imagej-updater's XMLFileReader and XMLFileWriter, including their DTD, so the
 * written file validates as the updater's own uploads do. Elements the site format has but this project does not
 * use (categories, descriptions, links, authors, the executable flag) are kept when read, so merging never loses
 * what someone added with the updater.
 */
final class SiteDatabase {
    /** imagej-updater's XMLFileWriter.DTD, verbatim: the updater embeds it in every db.xml.gz it writes. */
    private static final String DTD = "<!DOCTYPE pluginRecords [\n"
            + "<!ELEMENT pluginRecords ((update-site | disabled-update-site)*, plugin*)>\n"
            + "<!ELEMENT update-site EMPTY>\n"
            + "<!ELEMENT disabled-update-site EMPTY>\n"
            + "<!ELEMENT plugin (platform*, category*, version?, previous-version*)>\n"
            + "<!ELEMENT version (description?, dependency*, link*, author*)>\n"
            + "<!ELEMENT previous-version EMPTY>\n"
            + "<!ELEMENT description (#PCDATA)>\n" + "<!ELEMENT dependency EMPTY>\n"
            + "<!ELEMENT link (#PCDATA)>\n" + "<!ELEMENT author (#PCDATA)>\n"
            + "<!ELEMENT platform (#PCDATA)>\n" + "<!ELEMENT category (#PCDATA)>\n"
            + "<!ATTLIST update-site name CDATA #REQUIRED>\n"
            + "<!ATTLIST update-site url CDATA #REQUIRED>\n"
            + "<!ATTLIST update-site keep-url CDATA #IMPLIED>\n"
            + "<!ATTLIST update-site official CDATA #IMPLIED>\n"
            + "<!ATTLIST update-site ssh-host CDATA #IMPLIED>\n"
            + "<!ATTLIST update-site upload-directory CDATA #IMPLIED>\n"
            + "<!ATTLIST update-site description CDATA #IMPLIED>\n"
            + "<!ATTLIST update-site maintainer CDATA #IMPLIED>\n"
            + "<!ATTLIST update-site timestamp CDATA #REQUIRED>\n"
            + "<!ATTLIST disabled-update-site name CDATA #REQUIRED>\n"
            + "<!ATTLIST disabled-update-site url CDATA #REQUIRED>\n"
            + "<!ATTLIST disabled-update-site keep-url CDATA #IMPLIED>\n"
            + "<!ATTLIST disabled-update-site official CDATA #IMPLIED>\n"
            + "<!ATTLIST disabled-update-site ssh-host CDATA #IMPLIED>\n"
            + "<!ATTLIST disabled-update-site upload-directory CDATA #IMPLIED>\n"
            + "<!ATTLIST disabled-update-site description CDATA #IMPLIED>\n"
            + "<!ATTLIST disabled-update-site maintainer CDATA #IMPLIED>\n"
            + "<!ATTLIST disabled-update-site timestamp CDATA #REQUIRED>\n"
            + "<!ATTLIST plugin update-site CDATA #IMPLIED>\n"
            + "<!ATTLIST plugin filename CDATA #REQUIRED>\n"
            + "<!ATTLIST plugin executable CDATA #IMPLIED>\n"
            + "<!ATTLIST dependency filename CDATA #REQUIRED>\n"
            + "<!ATTLIST dependency timestamp CDATA #IMPLIED>\n"
            + "<!ATTLIST dependency overrides CDATA #IMPLIED>\n"
            + "<!ATTLIST version timestamp CDATA #REQUIRED>\n"
            + "<!ATTLIST version checksum CDATA #REQUIRED>\n"
            + "<!ATTLIST version filesize CDATA #REQUIRED>\n"
            + "<!ATTLIST previous-version filename CDATA #IMPLIED>\n"
            + "<!ATTLIST previous-version timestamp CDATA #REQUIRED>\n"
            + "<!ATTLIST previous-version timestamp-obsolete CDATA #IMPLIED>\n"
            + "<!ATTLIST previous-version checksum CDATA #REQUIRED>]>\n";

    /**
     * scijava-common's FileUtils VERSION_PATTERN, which the updater uses (FileObject.getFilename(true)) to match a
     * file across versions: {@code jars/api-0.36.0.jar} and {@code jars/api-0.37.0.jar} are the same file.
     */
    private static final Pattern VERSIONED = Pattern.compile("(.+?)(-"
            + "\\d+(\\.\\d+|\\d{7})+[a-z]?\\d?(-[A-Za-z0-9.]+?|\\.GA)*?"
            + ")?((-((swing|swt|shaded|sources|javadoc|natives?-?\\w*|(natives-)?(android|linux|macosx|solaris|windows)-"
            + "(aarch64|amd64|arm|armv6|armv6hf|i586|universal|x86|x86_64))))?(\\.jar(-[a-z]*)?))");

    /** A version of a file: the current one (with its size) or a previous one (with when it was superseded). */
    static final class Version {
        final String checksum;
        final long timestamp;
        /** The size in bytes of a current version; -1 for previous versions, which have none. */
        final long filesize;
        /** When a previous version stopped being current; 0 if unknown or current. */
        final long timestampObsolete;
        /** A previous version's file name when it differs from (or predates) the record's; may be null. */
        final String filename;

        Version(String checksum, long timestamp, long filesize, long timestampObsolete, String filename) {
            this.checksum = checksum;
            this.timestamp = timestamp;
            this.filesize = filesize;
            this.timestampObsolete = timestampObsolete;
            this.filename = filename;
        }
    }

    /** A file the plugin needs, with the timestamp of the version it was built against. */
    static final class Dependency {
        final String filename;
        final long timestamp;
        final boolean overrides;

        Dependency(String filename, long timestamp, boolean overrides) {
            this.filename = filename;
            this.timestamp = timestamp;
            this.overrides = overrides;
        }
    }

    /** One file of the site; {@link #current} is null for a file that was removed (obsolete). */
    static final class Record {
        String filename;
        boolean executable;
        final List<String> platforms = new ArrayList<>();
        final List<String> categories = new ArrayList<>();
        Version current;
        String description;
        final List<Dependency> dependencies = new ArrayList<>();
        final List<String> links = new ArrayList<>();
        final List<String> authors = new ArrayList<>();
        final List<Version> previous = new ArrayList<>();

        Record(String filename) {
            this.filename = filename;
        }
    }

    final List<Record> records = new ArrayList<>();

    /**
     * The name the updater matches a file by across versions (scijava-common's
     * {@code FileUtils.stripFilenameVersion}): {@code jars/pytorch-jni-2.7.1-0.36.0.jar} is
     * {@code jars/pytorch-jni.jar}; names it does not recognise as versioned jars come back unchanged.
     */
    static String unversioned(String filename) {
        Matcher m = VERSIONED.matcher(filename);
        return m.matches() ? m.group(1) + m.group(5) : filename;
    }

    /** The record whose file is {@code filename} in any version, or null. */
    Record find(String filename) {
        String key = unversioned(filename);
        for (Record r : records) {
            if (unversioned(r.filename).equals(key)) {
                return r;
            }
        }
        return null;
    }

    /** Reads a {@code db.xml.gz}; {@code update-site} elements (only in a Fiji's local copy) are ignored. */
    static SiteDatabase read(Path dbXmlGz) throws IOException {
        Element root;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(dbXmlGz))) {
            root = parser().parse(in).getDocumentElement();
        } catch (SAXException e) {
            throw new IOException(dbXmlGz + " is not a valid db.xml.gz: " + e.getMessage(), e);
        }
        if (!root.getTagName().equals("pluginRecords")) {
            throw new IOException(dbXmlGz + ": root element is <" + root.getTagName() + ">, not <pluginRecords>");
        }
        SiteDatabase db = new SiteDatabase();
        for (Element p : children(root, "plugin")) {
            Record r = new Record(required(p, "filename"));
            r.executable = "true".equalsIgnoreCase(p.getAttribute("executable"));
            for (Element e : children(p, "platform")) {
                r.platforms.add(e.getTextContent());
            }
            for (Element e : children(p, "category")) {
                r.categories.add(e.getTextContent());
            }
            for (Element v : children(p, "version")) {
                r.current = new Version(required(v, "checksum"), number(v, "timestamp"), number(v, "filesize"), 0,
                        null);
                for (Element e : children(v, "description")) {
                    r.description = e.getTextContent();
                }
                for (Element e : children(v, "dependency")) {
                    r.dependencies.add(new Dependency(required(e, "filename"), number(e, "timestamp"),
                            "true".equals(e.getAttribute("overrides"))));
                }
                for (Element e : children(v, "link")) {
                    r.links.add(e.getTextContent());
                }
                for (Element e : children(v, "author")) {
                    r.authors.add(e.getTextContent());
                }
            }
            for (Element e : children(p, "previous-version")) {
                String filename = e.getAttribute("filename");
                r.previous.add(new Version(required(e, "checksum"), number(e, "timestamp"), -1,
                        number(e, "timestamp-obsolete"), filename.isEmpty() ? null : filename));
            }
            db.records.add(r);
        }
        return db;
    }

    /** Writes the database (records sorted by file name) gzip-compressed, replacing {@code dbXmlGz} atomically. */
    void write(Path dbXmlGz) throws IOException {
        Path tmp = dbXmlGz.resolveSibling(dbXmlGz.getFileName() + ".tmp");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(tmp))) {
            out.write(toXml().getBytes(StandardCharsets.UTF_8));
        }
        Files.move(tmp, dbXmlGz, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The uncompressed XML. */
    String toXml() {
        List<Record> sorted = new ArrayList<>(records);
        sorted.sort(Comparator.comparing(r -> r.filename));
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n").append(DTD);
        x.append("<pluginRecords>\n");
        for (Record r : sorted) {
            x.append("    <plugin filename=\"").append(escape(r.filename)).append('"');
            if (r.executable) {
                x.append(" executable=\"true\"");
            }
            x.append(">\n");
            for (String platform : r.platforms) {
                text(x, "        ", "platform", platform);
            }
            for (String category : r.categories) {
                text(x, "        ", "category", category);
            }
            if (r.current != null) {
                Version v = r.current;
                x.append("        <version checksum=\"").append(escape(v.checksum)).append("\" timestamp=\"")
                        .append(v.timestamp).append("\" filesize=\"").append(v.filesize).append('"');
                boolean empty = r.description == null && r.dependencies.isEmpty() && r.links.isEmpty()
                        && r.authors.isEmpty();
                x.append(empty ? "/>\n" : ">\n");
                if (r.description != null) {
                    text(x, "            ", "description", r.description);
                }
                for (Dependency d : r.dependencies) {
                    x.append("            <dependency filename=\"").append(escape(d.filename))
                            .append("\" timestamp=\"").append(d.timestamp).append('"');
                    x.append(d.overrides ? " overrides=\"true\"/>\n" : "/>\n");
                }
                for (String link : r.links) {
                    text(x, "            ", "link", link);
                }
                for (String author : r.authors) {
                    text(x, "            ", "author", author);
                }
                if (!empty) {
                    x.append("        </version>\n");
                }
            }
            for (Version v : r.previous) {
                x.append("        <previous-version timestamp=\"").append(v.timestamp)
                        .append("\" timestamp-obsolete=\"").append(v.timestampObsolete)
                        .append("\" checksum=\"").append(escape(v.checksum)).append('"');
                if (v.filename != null) {
                    x.append(" filename=\"").append(escape(v.filename)).append('"');
                }
                x.append("/>\n");
            }
            x.append("    </plugin>\n");
        }
        return x.append("</pluginRecords>\n").toString();
    }

    private static void text(StringBuilder x, String indent, String tag, String value) {
        x.append(indent).append('<').append(tag).append('>').append(escape(value))
                .append("</").append(tag).append(">\n");
    }

    /**
     * {@code s} escaped for XML text and double-quoted attributes; tabs and line breaks as character references so
     * attribute normalisation keeps them.
     *
     * @throws IllegalArgumentException for characters XML 1.0 cannot represent at all
     */
    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&': out.append("&amp;"); break;
                case '<': out.append("&lt;"); break;
                case '>': out.append("&gt;"); break;
                case '"': out.append("&quot;"); break;
                case '\'': out.append("&apos;"); break;
                case '\t': out.append("&#9;"); break;
                case '\n': out.append("&#10;"); break;
                case '\r': out.append("&#13;"); break;
                default:
                    if (c < 0x20 || c == 0xfffe || c == 0xffff) {
                        throw new IllegalArgumentException("character U+" + Integer.toHexString(c)
                                + " cannot be written to XML: " + s);
                    }
                    out.append(c);
            }
        }
        return out.toString();
    }

    private static DocumentBuilder parser() throws IOException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, ""); // the DTD is internal; fetch nothing
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setExpandEntityReferences(false);
            return f.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IOException("no XML parser", e);
        }
    }

    private static List<Element> children(Element parent, String tag) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element && ((Element) n).getTagName().equals(tag)) {
                out.add((Element) n);
            }
        }
        return Collections.unmodifiableList(out);
    }

    private static String required(Element e, String attribute) throws IOException {
        if (!e.hasAttribute(attribute)) {
            throw new IOException("<" + e.getTagName() + "> without " + attribute + " in db.xml.gz");
        }
        return e.getAttribute(attribute);
    }

    /** A numeric attribute; 0 when absent, as the updater reads it. */
    private static long number(Element e, String attribute) throws IOException {
        String s = e.getAttribute(attribute);
        if (s.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException ex) {
            throw new IOException("<" + e.getTagName() + " " + attribute + "=\"" + s + "\"> in db.xml.gz is not a number");
        }
    }
}
