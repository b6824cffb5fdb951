package org.exchangehub.hub.bench;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Placeholder replaced by the benchmark (issue 5). */
@Command(name = "bench", description = "Measure the hub's throughput and verify latency.")
public final class BenchCommand implements Callable<Integer> {

    @Override
    public Integer call() {
        throw new UnsupportedOperationException("the benchmark is not written yet");
    }
}
