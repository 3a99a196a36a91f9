/**
 * The examples, the {@code nn} command-line program and the benchmarks. They ask nn-core's
 * registries for plugins by name ({@code nn.core.plugins.Plugins}); the lookups themselves run in
 * nn.core, whose module declares {@code uses}, so this module neither uses nor provides a
 * service. The built-in plugins are its run-time dependencies only: on the module path, service
 * binding resolves nn.activations and nn.losses because nn.core uses what they provide.
 *
 * <p>Of the libraries, picocli ({@code info.picocli}, a descriptor in its multi-release jar) and
 * progressbar ({@code me.tongfei.progressbar}) are explicit modules; the others have no
 * descriptor and are required by their automatic names: XChart as {@code org.knowm.xchart} (from
 * its manifest) and JMH as {@code jmh.core}, derived from its file name (stable as long as the
 * jar is named {@code jmh-core-*.jar}); progressbar's jline ({@code org.jline.terminal}) is
 * automatic too. The {@code nn} script and {@code exec:java} run on the class path, where this
 * descriptor is ignored; {@code ModulePathRunTest} runs the program on the module path.
 */
module nn.examples {
    requires nn.core;

    requires java.desktop;      // java.awt and javax.imageio: plots, confusion matrices, images
    requires java.management;   // CPU time of the benchmarks
    requires jdk.management;    // com.sun.management.OperatingSystemMXBean
    requires java.net.http;     // downloading Fashion-MNIST

    requires info.picocli;
    requires me.tongfei.progressbar;
    requires org.knowm.xchart;
    requires jmh.core;

    exports nn.examples;
    exports nn.examples.app;
    exports nn.examples.bench;
    exports nn.examples.fashion;
    exports nn.examples.report;

    // picocli reads and sets the annotated fields of the commands reflectively
    opens nn.examples.app to info.picocli;
    // JMH instantiates the benchmark states and its generated classes reflectively
    opens nn.examples.bench to jmh.core;
}
