package io.github.biattention.deblur.training;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import io.github.biattention.deblur.files.AtomicFiles;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The resumable state of a run in one file, {@value #FILE}: step, elapsed time, best PSNR, the network's
 * parameters and Adam's moments. Written to a temporary file and renamed, so a stop mid-write keeps the previous one.
 */
final class Checkpoint {

    static final String FILE = "checkpoint.bin";
    private static final int MAGIC = 0x42414443; // "BADC"
    private static final int VERSION = 1;

    private final Path dir;

    Checkpoint(Path dir) {
        this.dir = dir;
    }

    boolean exists() {
        return Files.isRegularFile(dir.resolve(FILE));
    }

    /** Progress counters; mutable, owned by the training loop. */
    static final class State {
        int step;
        double seconds;
        double bestPsnr = Double.NEGATIVE_INFINITY;

        static State fresh() {
            return new State();
        }
    }

    void save(State state, Block network, ResumableAdam optimizer) throws IOException {
        AtomicFiles.write(dir.resolve(FILE), true, tmp -> {
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
                out.writeInt(MAGIC);
                out.writeInt(VERSION);
                out.writeInt(state.step);
                out.writeDouble(state.seconds);
                out.writeDouble(state.bestPsnr);
                network.saveParameters(out);
                optimizer.save(out);
            }
        });
    }

    State load(Block network, ResumableAdam optimizer, NDManager manager) throws IOException {
        Path file = dir.resolve(FILE);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != MAGIC || in.readInt() != VERSION) {
                throw new IOException(file + " is not a training checkpoint of this version");
            }
            State state = new State();
            state.step = in.readInt();
            state.seconds = in.readDouble();
            state.bestPsnr = in.readDouble();
            network.loadParameters(manager, in);
            optimizer.load(in, manager);
            return state;
        } catch (MalformedModelException e) {
            throw new IOException("The checkpoint " + file + " does not match the network being trained ("
                    + e.getMessage() + "): use the same architecture options as the run that wrote it", e);
        }
    }
}
