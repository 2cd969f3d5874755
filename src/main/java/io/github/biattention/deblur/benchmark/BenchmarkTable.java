package io.github.biattention.deblur.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * One table of a benchmark's report, the single form in which every harness hands its results to the commands: a
 * title paragraph, columns of text or of numbers (numbers right-aligned), rows of cells the harness has already
 * formatted, and notes under the table. Rendered as GitHub Markdown, which the bench commands both print and write,
 * so a report pasted from the terminal reads the same as the file.
 */
public final class BenchmarkTable {

    private final String title;
    private final List<String> headers = new ArrayList<>();
    private final List<String> separators = new ArrayList<>();
    private final List<String> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    /** Where the lines go as they are added, for runs too long to wait for the whole table. */
    private Consumer<String> live = text -> { };

    /** @param title the paragraph above the table; empty for none */
    public BenchmarkTable(String title) {
        this.title = title;
    }

    /** Adds a column of text. */
    public BenchmarkTable column(String header) {
        return addColumn(header, "---");
    }

    /** Adds a column of numbers, right-aligned. */
    public BenchmarkTable numberColumn(String header) {
        return addColumn(header, "---:");
    }

    private BenchmarkTable addColumn(String header, String separator) {
        if (!rows.isEmpty()) {
            throw new IllegalStateException("columns come before rows");
        }
        headers.add(header);
        separators.add(separator);
        return this;
    }

    /** Adds a row, one cell per column. */
    public BenchmarkTable row(String... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException(headers.size() + " columns, got " + cells.length + " cells");
        }
        String line = line(List.of(cells));
        rows.add(line);
        live.accept(line);
        return this;
    }

    /** Adds a paragraph under the table. */
    public BenchmarkTable note(String paragraph) {
        String text = "\n" + paragraph + "\n";
        notes.add(text);
        live.accept(text);
        return this;
    }

    /** Hands {@code out} what is there now and then every row and note as it is added (for progress on long runs). */
    public BenchmarkTable printTo(Consumer<String> out) {
        out.accept(markdown());
        live = out;
        return this;
    }

    /** The title paragraph, the table and the notes, every line ending in a newline. */
    public String markdown() {
        return (title.isEmpty() ? "" : title + "\n\n") + line(headers) + "|" + String.join("|", separators) + "|\n"
                + String.join("", rows) + String.join("", notes);
    }

    /** Tables one after the other, a blank line between them. */
    public static String markdown(List<BenchmarkTable> tables) {
        return tables.stream().map(BenchmarkTable::markdown).collect(Collectors.joining("\n"));
    }

    private static String line(List<String> cells) {
        return "| " + String.join(" | ", cells) + " |\n";
    }
}
