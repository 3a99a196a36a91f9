package nn.examples.app;

import java.io.IOException;
import java.io.PrintWriter;
import nn.examples.BreathHolding;
import nn.examples.TutorialWalkthrough;
import nn.examples.Xor;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code nn}: train, evaluate and use networks on Fashion-MNIST from the command line, and run
 * the tutorial's examples.
 */
@Command(name = "nn", mixinStandardHelpOptions = true, version = "nn 0.1.0",
        description = "A pure-Java neural-network framework: train, evaluate and use networks on Fashion-MNIST.",
        subcommands = {TrainCommand.class, EvaluateCommand.class, PredictCommand.class, NnApp.ExampleCommand.class,
                CommandLine.HelpCommand.class})
public final class NnApp implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the program with {@code args}; returns its exit code. */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new NnApp());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            PrintWriter err = commandLine.getErr();
            if (e instanceof IllegalArgumentException || e instanceof IOException || e instanceof IllegalStateException) {
                err.println("nn: error: " + e.getMessage());
            } else {
                e.printStackTrace(err);
            }
            err.flush();
            return 1;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code nn example tutorial|xor|regression}. */
    @Command(name = "example", mixinStandardHelpOptions = true,
            description = "Runs one of the tutorial's examples: tutorial (the network step by step), xor, regression.")
    static final class ExampleCommand implements java.util.concurrent.Callable<Integer> {

        @Parameters(paramLabel = "NAME", description = "tutorial, xor or regression")
        String name;

        @Override
        public Integer call() {
            return switch (name) {
                case "tutorial" -> TutorialWalkthrough.run(System.out) ? 0 : 1;
                case "xor" -> Xor.run(System.out, 1000, 42) == 1.0 ? 0 : 1;
                case "regression" -> {
                    BreathHolding.run(System.out, 200, 7);
                    yield 0;
                }
                default -> throw new IllegalArgumentException("example '" + name
                        + "' not found; available: tutorial, xor, regression");
            };
        }
    }
}
