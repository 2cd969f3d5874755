package io.github.biattention.deblur.updatesite;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * Writes a Fiji update site into a folder: each new or changed file as {@code <fiji path>-<timestamp>} (where the
 * updater downloads it from) and {@code db.xml.gz} describing every file.
 *
 * <p>Contract of {@link #build}:
 * <ul>
 *   <li>If the folder already holds a {@code db.xml.gz} (e.g. the live site's), it is merged: a file whose
 *       updater checksum is unchanged keeps its version and timestamp and is not written again; a changed file
 *       gets the new timestamp and its old version becomes a {@code previous-version} (so installed copies are
 *       recognised as outdated, not as locally modified); a file no longer published becomes obsolete (no
 *       {@code version}, only {@code previous-version}s), which makes the updater offer to remove it. Files are
 *       matched across versions by the updater's unversioned name ({@code jars/api-0.36.0.jar} and
 *       {@code jars/api-0.37.0.jar} are one file).</li>
 *   <li>Files under {@code jars/<platform>/} get that {@code platform}; Fiji's launcher puts that folder on the
 *       module path, so a jar there that Java could not load as an automatic module gets a valid
 *       {@code Automatic-Module-Name} (see {@link ModulePathJars}) before it is published.</li>
 *   <li>The plugin jar goes to {@code jars/} and depends on every platform-independent library.</li>
 *   <li>The folder then holds what must be uploaded: upload the {@code <path>-<timestamp>} files first and
 *       {@code db.xml.gz} last, without deleting what the site already has.</li>
 * </ul>
 */
public final class UpdateSiteBuilder {
    /** The updater's timestamp format (UpdaterUtil.timestamp): local time, to the second. */
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuuMMddHHmmss").withResolverStyle(ResolverStyle.STRICT);
    private static final String DB = "db.xml.gz";
    private static final String MANIFEST = "META-INF/MANIFEST.MF";

    /** What a build did to one file. */
    public enum Change {
        /** Not on the site before: written. */
        NEW,
        /** Changed (or re-added after removal): written, the old version kept as a previous version. */
        UPDATED,
        /** Same updater checksum as the site's current version: not written, version kept. */
        UNCHANGED,
        /** On the site before but no longer published: marked obsolete. */
        REMOVED
    }

    /** The result for one file. Immutable. */
    public static final class Outcome {
        private final String path;
        private final Change change;
        private final Path written;
        private final long filesize;

        Outcome(String path, Change change, Path written, long filesize) {
            this.path = path;
            this.change = change;
            this.written = written;
            this.filesize = filesize;
        }

        /** The Fiji path. */
        public String path() {
            return path;
        }

        /** What happened to it. */
        public Change change() {
            return change;
        }

        /** The file written for upload ({@code <path>-<timestamp>}), if any. */
        public Optional<Path> written() {
            return Optional.ofNullable(written);
        }

        /** The size of the current version in bytes; -1 for a removed file. */
        public long filesize() {
            return filesize;
        }

        @Override
        public String toString() {
            return String.format("%-9s %-62s %,13d bytes%s", change, path, filesize,
                    written == null ? "" : "  -> " + written.getFileName());
        }
    }

    private UpdateSiteBuilder() {
    }

    /**
     * The updater's timestamp for a local date and time, {@code yyyyMMddHHmmss}.
     */
    public static String timestamp(LocalDateTime time) {
        return time.format(TIMESTAMP);
    }

    /**
     * Builds or updates the site in {@code outputDir}.
     *
     * @param pluginJar the plugin jar, published as {@code jars/<its file name>}
     * @param libraries the other files (libraries, platform-specific native jars)
     * @param timestamp the new versions' timestamp, {@code yyyyMMddHHmmss}; must be later than every version of a
     *                  file that changes
     * @param outputDir created if missing; may hold the site's current {@code db.xml.gz} to merge with
     * @return one outcome per published file (plugin first), then one per removed file
     * @throws IllegalArgumentException for a malformed timestamp, one not after a changed file's last version,
     *                                  or two files that the updater would take for one
     */
    public static List<Outcome> build(Path pluginJar, List<SiteFile> libraries, String timestamp, Path outputDir)
            throws IOException {
        long t = parseTimestamp(timestamp);
        SiteFile plugin = SiteFile.of("jars/" + pluginJar.getFileName(), pluginJar);
        List<SiteFile> files = new ArrayList<>();
        files.add(plugin);
        files.addAll(libraries);
        Map<String, String> seen = new HashMap<>();
        for (SiteFile f : files) {
            String previous = seen.put(SiteDatabase.unversioned(f.path()), f.path());
            if (previous != null) {
                throw new IllegalArgumentException("the updater takes " + previous + " and " + f.path()
                        + " for the same file");
            }
        }

        Files.createDirectories(outputDir);
        Path dbFile = outputDir.resolve(DB);
        SiteDatabase db = Files.exists(dbFile) ? SiteDatabase.read(dbFile) : new SiteDatabase();
        Path staging = outputDir.resolve(".staging");
        List<Outcome> outcomes = new ArrayList<>();
        Set<SiteDatabase.Record> published = new HashSet<>();
        try {
            for (int i = 0; i < files.size(); i++) {
                outcomes.add(publish(files.get(i), t, timestamp, db, published, outputDir,
                        staging.resolve(Integer.toString(i))));
            }
        } finally {
            deleteRecursively(staging);
        }
        for (SiteDatabase.Record r : db.records) {
            if (!published.contains(r) && r.current != null) {
                requireAfter(t, r);
                r.previous.add(new SiteDatabase.Version(r.current.checksum, r.current.timestamp, -1, t, r.filename));
                r.current = null;
                outcomes.add(new Outcome(r.filename, Change.REMOVED, null, -1));
            }
        }
        SiteDatabase.Record pluginRecord = db.find(plugin.path());
        pluginRecord.dependencies.clear();
        for (SiteFile f : libraries) {
            if (!f.platform().isPresent()) {
                pluginRecord.dependencies.add(new SiteDatabase.Dependency(f.path(),
                        db.find(f.path()).current.timestamp, false));
            }
        }
        db.write(dbFile);
        return outcomes;
    }

    private static Outcome publish(SiteFile f, long t, String timestamp, SiteDatabase db,
                                   Set<SiteDatabase.Record> published, Path outputDir, Path staging)
            throws IOException {
        String name = f.path().substring(f.path().lastIndexOf('/') + 1);
        String moduleName = null;
        if (f.path().endsWith(".jar") && FijiPlatforms.onModulePath(f.path())) {
            Path check = f.source();
            if (!f.source().getFileName().toString().equals(name)) {
                // Without Automatic-Module-Name the module is named after the file: check it under Fiji's name.
                Files.createDirectories(staging);
                check = Files.copy(f.source(), staging.resolve(name));
            }
            if (ModulePathJars.problem(check).isPresent()) {
                moduleName = ModulePathJars.repairedModuleName(f.source(), name);
            }
        }
        Path content = f.source();
        if (moduleName != null && !hasManifest(f.source())) {
            // Adding a manifest adds an entry to the checksum, so checksum the repaired jar itself.
            content = repaired(f, name, moduleName, staging);
            moduleName = null;
        }
        // A repaired jar differs from its source only in the manifest, which the checksum ignores.
        String checksum = UpdaterChecksum.of(f.path(), content);

        SiteDatabase.Record r = db.find(f.path());
        Change change;
        if (r == null) {
            r = new SiteDatabase.Record(f.path());
            db.records.add(r);
            change = Change.NEW;
        } else if (r.current != null && r.current.checksum.equals(checksum) && r.filename.equals(f.path())) {
            change = Change.UNCHANGED;
        } else {
            requireAfter(t, r);
            if (r.current != null) {
                r.previous.add(new SiteDatabase.Version(r.current.checksum, r.current.timestamp, -1, t, r.filename));
            }
            change = Change.UPDATED;
        }
        published.add(r);
        r.platforms.clear();
        f.platform().ifPresent(r.platforms::add);
        if (change == Change.UNCHANGED) {
            return new Outcome(f.path(), change, null, r.current.filesize);
        }
        if (moduleName != null) {
            content = repaired(f, name, moduleName, staging);
        }
        Path target = outputDir.resolve(f.path() + "-" + timestamp);
        Files.createDirectories(target.getParent());
        Path part = target.resolveSibling(target.getFileName() + ".part");
        if (content.startsWith(staging)) {
            Files.move(content, part, StandardCopyOption.REPLACE_EXISTING);
        } else {
            Files.copy(content, part, StandardCopyOption.REPLACE_EXISTING);
        }
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
        long size = Files.size(target);
        r.filename = f.path();
        r.current = new SiteDatabase.Version(checksum, t, size, 0, null);
        return new Outcome(f.path(), change, target, size);
    }

    /** A copy of {@code f}'s source with a valid module name, checked as Java would load it from Fiji. */
    private static Path repaired(SiteFile f, String name, String moduleName, Path staging) throws IOException {
        Path fixedDir = Files.createDirectories(staging.resolve("repaired"));
        Path fixed = fixedDir.resolve(name);
        ModulePathJars.copyWithModuleName(f.source(), fixed, moduleName);
        Optional<String> problem = ModulePathJars.problem(fixed);
        if (problem.isPresent()) {
            throw new IOException(f.path() + " would stop Fiji from starting (it is on the module path) even with "
                    + "Automatic-Module-Name " + moduleName + ": " + problem.get());
        }
        return fixed;
    }

    private static boolean hasManifest(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.getEntry(MANIFEST) != null;
        }
    }

    private static void requireAfter(long t, SiteDatabase.Record r) {
        long newest = r.current == null ? 0 : r.current.timestamp;
        for (SiteDatabase.Version v : r.previous) {
            newest = Math.max(newest, v.timestamp);
        }
        if (t <= newest) {
            throw new IllegalArgumentException("timestamp " + t + " is not after " + newest
                    + ", the latest version of " + r.filename + " on the site");
        }
    }

    private static long parseTimestamp(String timestamp) {
        try {
            if (timestamp.length() != 14) {
                throw new DateTimeParseException("not 14 digits", timestamp, 0);
            }
            LocalDateTime.parse(timestamp, TIMESTAMP);
            return Long.parseLong(timestamp);
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new IllegalArgumentException("timestamp must be yyyyMMddHHmmss, got '" + timestamp + "'", e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.delete(p);
            }
        }
    }

    // ---- command line ----

    private static final List<String> OPTIONS =
            Arrays.asList("--output", "--jar", "--lib", "--include", "--native", "--timestamp");
    private static final String USAGE = String.join("\n",
            "usage: java -cp bi-attention-deblur.jar " + UpdateSiteBuilder.class.getName(),
            "         --output DIR --jar PLUGIN.jar [--lib DIR --include NAME[,NAME...]] [--native DIR]",
            "         [--timestamp yyyyMMddHHmmss]",
            "",
            "  --output DIR     the site folder; a db.xml.gz already there (the live site's) is merged",
            "  --jar FILE       the plugin jar, published as jars/<file name>",
            "  --lib DIR        a folder of library jars (e.g. target/lib)",
            "  --include NAMES  the artifacts to publish from --lib, comma-separated (e.g. api,pytorch-engine):",
            "                   each must match exactly one NAME-<version>.jar there; published as jars/<file name>",
            "  --native DIR     DJL native jars named ...-<classifier>.jar (" + FijiPlatforms.djlClassifiers() + "),",
            "                   published as jars/<Fiji platform>/<file name>",
            "  --timestamp T    the new versions' timestamp (default: now, local time, as the updater writes it)");

    /** Runs the command line; exits with 2 on bad arguments and 1 on failure. */
    public static void main(String[] args) {
        int status = run(args, System.out, System.err);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** The command line without exiting: 0 on success, 1 on failure, 2 on bad arguments (usage printed). */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                out.println(USAGE);
                return 0;
            }
            if (!OPTIONS.contains(a)) {
                return usage(err, "unknown argument '" + a + "'");
            }
            if (i + 1 >= args.length) {
                return usage(err, a + " needs a value");
            }
            if (options.put(a, args[++i]) != null) {
                return usage(err, a + " given twice");
            }
        }
        if (!options.containsKey("--output") || !options.containsKey("--jar")) {
            return usage(err, "--output and --jar are required");
        }
        if (options.containsKey("--lib") != options.containsKey("--include")) {
            return usage(err, "--lib and --include go together");
        }
        try {
            Path jar = Paths.get(options.get("--jar"));
            requireFile(jar);
            List<SiteFile> libraries = new ArrayList<>();
            if (options.containsKey("--lib")) {
                Path lib = Paths.get(options.get("--lib"));
                for (String name : options.get("--include").split(",")) {
                    Path found = findArtifact(lib, name.trim());
                    libraries.add(SiteFile.of("jars/" + found.getFileName(), found));
                }
            }
            if (options.containsKey("--native")) {
                libraries.addAll(nativeJars(Paths.get(options.get("--native"))));
            }
            String timestamp = options.containsKey("--timestamp") ? options.get("--timestamp")
                    : timestamp(LocalDateTime.now());
            Path output = Paths.get(options.get("--output"));
            List<Outcome> outcomes = build(jar, libraries, timestamp, output);
            out.println("Update site in " + output + " (timestamp " + timestamp + "):");
            for (Outcome o : outcomes) {
                out.println("  " + o);
            }
            return 0;
        } catch (IOException | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 1;
        }
    }

    private static int usage(PrintStream err, String problem) {
        err.println("error: " + problem);
        err.println(USAGE);
        return 2;
    }

    private static void requireFile(Path p) throws IOException {
        if (!Files.isRegularFile(p)) {
            throw new IOException("no such file: " + p);
        }
    }

    /** The one {@code name-<version>.jar} in {@code dir}. */
    static Path findArtifact(Path dir, String name) throws IOException {
        Pattern pattern = Pattern.compile(Pattern.quote(name) + "-\\d[^/]*\\.jar");
        List<Path> matches = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                if (pattern.matcher(p.getFileName().toString()).matches()) {
                    matches.add(p);
                }
            }
        }
        if (matches.size() != 1) {
            throw new IOException("expected one " + name + "-<version>.jar in " + dir + ", found " + matches);
        }
        return matches.get(0);
    }

    /** The DJL native jars in {@code dir}, each under {@code jars/<its Fiji platform>/}. */
    static List<SiteFile> nativeJars(Path dir) throws IOException {
        List<SiteFile> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.jar")) {
            for (Path p : ds) {
                String name = p.getFileName().toString();
                String platform = FijiPlatforms.fromDjlNativeJar(name).orElseThrow(() -> new IllegalArgumentException(
                        name + " does not end in -<classifier>.jar with a classifier of "
                                + FijiPlatforms.djlClassifiers()));
                out.add(SiteFile.of("jars/" + platform + "/" + name, p, platform));
            }
        }
        if (out.isEmpty()) {
            throw new IOException("no native jars in " + dir);
        }
        out.sort(Comparator.comparing(SiteFile::path));
        return out;
    }
}
