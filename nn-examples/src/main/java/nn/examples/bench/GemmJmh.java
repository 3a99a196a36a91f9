package nn.examples.bench;

import java.util.Random;
import java.util.concurrent.TimeUnit;

import nn.core.kernels.Gemm;
import nn.core.kernels.Kernels;
import nn.core.kernels.Parallel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH benchmark of {@link Gemm#multiply}: the square sizes 256, 512, 1024 and the products of a
 * batch-64 training step of the 784-256-128-10 network, on 1 and 2 threads. The score is
 * microseconds per product; GFLOP/s is {@code 2 m n k / (score * 1000)} ({@link GemmBench} prints
 * it directly). Run after {@code mvn -q install -DskipTests}:
 * <pre>{@code
 * java -cp "nn-examples/target/classes:$(cat nn-examples/target/classpath.txt)" org.openjdk.jmh.Main GemmJmh
 * }</pre>
 * with the class path from {@code mvn -q -pl nn-examples dependency:build-classpath
 * -Dmdep.outputFile=target/classpath.txt}. Forks get {@code --add-modules jdk.incubator.vector};
 * {@code -jvmArgsAppend -Dnn.kernels=java} measures the plain-Java kernels instead.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class GemmJmh {

    /** A name from {@link GemmBench#SQUARE} or {@link GemmBench#MLP}, without its description. */
    @Param({"square256", "square512", "square1024", "fwd1", "dW1", "fwd2", "dW2", "dX2", "fwd3", "dW3", "dX3",
        "dX1-like"})
    public String shape;

    @Param({"1", "2"})
    public int threads;

    private GemmBench.Shape s;
    private float[] a;
    private float[] b;
    private float[] c;

    @Setup
    public void setUp() {
        s = GemmBench.shape(shape);
        Parallel.setThreads(threads);
        Random random = new Random(42);
        a = GemmBench.random(random, s.m() * s.k());
        b = GemmBench.random(random, s.k() * s.n());
        c = new float[s.m() * s.n()];
        System.out.println("# " + Kernels.describe());
    }

    @Benchmark
    public float[] multiply() {
        Gemm.multiply(s.transA(), s.transB(), s.m(), s.n(), s.k(), a, b, c, false);
        return c;
    }
}
