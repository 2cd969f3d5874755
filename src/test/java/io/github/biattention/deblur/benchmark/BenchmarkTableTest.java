package io.github.biattention.deblur.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class BenchmarkTableTest {

    @Test
    void rendersTitleHeaderAlignmentRowsAndNotesAsMarkdown() {
        BenchmarkTable table = new BenchmarkTable("Two methods:").column("method").numberColumn("s")
                .row("RL", "0.125").row("Wiener", "0.010").note("Best of 3.");
        assertEquals("Two methods:\n\n| method | s |\n|---|---:|\n| RL | 0.125 |\n| Wiener | 0.010 |\n"
                + "\nBest of 3.\n", table.markdown());
        assertEquals("| a |\n|---|\n| 1 |\n", new BenchmarkTable("").column("a").row("1").markdown());
    }

    @Test
    void tablesFollowEachOtherWithABlankLine() {
        BenchmarkTable a = new BenchmarkTable("A").column("x").row("1");
        BenchmarkTable b = new BenchmarkTable("B").column("x").row("2").note("Both.");
        assertEquals("A\n\n| x |\n|---|\n| 1 |\n\nB\n\n| x |\n|---|\n| 2 |\n\nBoth.\n",
                BenchmarkTable.markdown(List.of(a, b)));
    }

    @Test
    void aPrintedTableGrowsLineByLine() {
        StringBuilder out = new StringBuilder();
        BenchmarkTable table = new BenchmarkTable("").numberColumn("tiles").printTo(out::append);
        assertEquals("| tiles |\n|---:|\n", out.toString());
        table.row("0").row("100").note("Done.");
        assertEquals(table.markdown(), out.toString());
    }

    @Test
    void cellsMustMatchTheColumnsAndColumnsComeFirst() {
        BenchmarkTable table = new BenchmarkTable("").column("a").column("b");
        assertThrows(IllegalArgumentException.class, () -> table.row("1"));
        table.row("1", "2");
        assertThrows(IllegalStateException.class, () -> table.column("c"));
    }
}
