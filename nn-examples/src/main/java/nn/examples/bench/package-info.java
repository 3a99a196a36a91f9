/**
 * Benchmarks of the kernels: {@link nn.examples.bench.GemmBench}, a plain main that prints
 * GFLOP/s per shape in the format of {@code shared/bench/gemm.py}, and the JMH benchmark
 * {@link nn.examples.bench.GemmJmh}. Both want {@code --add-modules jdk.incubator.vector} (the JMH
 * forks add it themselves); without it they measure the plain-Java kernels.
 */
package nn.examples.bench;
