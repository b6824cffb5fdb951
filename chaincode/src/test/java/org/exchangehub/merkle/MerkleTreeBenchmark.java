package org.exchangehub.merkle;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.exchangehub.certs.digest.DigestAlgorithm;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What the hub pays per batch: a tree over 100,000 leaf hashes and the audit path of every leaf. Run with {@code mvn
 * -B -pl chaincode -Pbench -DskipTests test} (see the module README).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class MerkleTreeBenchmark {

    @Param({"100000"})
    public int leaves;

    @Param({"SHA_256", "SM3"})
    public DigestAlgorithm algorithm;

    private MerkleHasher hasher;
    private List<byte[]> leafHashes;

    @Setup
    public void makeLeafHashes() {
        hasher = MerkleHasher.of(algorithm);
        Random random = new Random(100_000);
        leafHashes = new ArrayList<>(leaves);
        for (int i = 0; i < leaves; i++) {
            byte[] recordDigest = new byte[hasher.size()];
            random.nextBytes(recordDigest);
            leafHashes.add(hasher.hashLeaf(recordDigest));
        }
    }

    @Benchmark
    public List<InclusionProof> treeAndAllProofs() {
        return MerkleTree.fromLeafHashes(hasher, leafHashes).allInclusionProofs();
    }

    @Benchmark
    public byte[] treeOnly() {
        return MerkleTree.fromLeafHashes(hasher, leafHashes).root();
    }
}
