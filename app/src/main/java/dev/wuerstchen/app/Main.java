package dev.wuerstchen.app;

import dev.wuerstchen.api.error.ShapeMismatchException;
import dev.wuerstchen.api.error.WuerstchenException;
import dev.wuerstchen.engine.pipeline.GenerationCancelledException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code wuerstchen} command. Only this package prints usage or calls {@link System#exit}. */
@Command(name = "wuerstchen", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Würstchen text-to-image generation in Java.",
        subcommands = {GenerateCommand.class, InfoCommand.class, ParityCommand.class, ConvertCommand.class,
            CompareCommand.class, BenchCommand.class, CacheCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: choose one of "
                + String.join(", ", spec.subcommands().keySet()));
    }

    public static void main(String[] args) {
        System.setProperty("ai.djl.offline", System.getProperty("ai.djl.offline", "true"));
        // libraries log through SLF4J; only their warnings are worth a user's attention
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        // DJL probes for CUDA to pick a native build; on machines without a GPU that is noise
        System.setProperty("org.slf4j.simpleLogger.log.ai.djl.util.cuda",
                System.getProperty("org.slf4j.simpleLogger.log.ai.djl.util.cuda", "off"));
        int code = execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
        System.exit(code);
    }

    /** Runs the command line and returns the exit code; used by tests too. */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExitCodeExceptionMapper(Main::exitCodeOf);
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("error: " + ex.getMessage());
            err.println("Run '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for the options.");
            return ExitCode.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            int code = exitCodeOf(ex);
            if (code == ExitCode.INTERNAL) {
                err.println("internal error: " + ex + ". This is a bug; please report it with the trace below.");
                ex.printStackTrace(err);
            } else if (code == ExitCode.USAGE) {
                err.println("error: " + ex.getMessage());
                err.println("Run '" + commandLine.getCommandSpec().qualifiedName() + " --help' for the options.");
            } else {
                err.println("error: " + ex.getMessage());
            }
            return code;
        });
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            err.println("error: the run needs more memory than the JVM may use (" + e.getMessage() + "). Generate fewer or "
                    + "smaller images, or give the JVM more: WUERSTCHEN_JAVA_OPTS=\"-Xmx<size>\" for the heap, "
                    + "-Dorg.bytedeco.javacpp.maxBytes=<bytes> for ND4J's native memory");
            return ExitCode.BAD_INPUT;
        }
    }

    static int exitCodeOf(Throwable t) {
        return switch (t) {
            case UsageException u -> ExitCode.USAGE;
            case CommandLine.ParameterException p -> ExitCode.USAGE;
            case GenerationCancelledException c -> ExitCode.INTERRUPTED;
            // the commands build every tensor themselves: a shape mismatch is a bug, not user input
            case ShapeMismatchException s -> ExitCode.INTERNAL;
            case WuerstchenException w -> ExitCode.BAD_INPUT;
            default -> ExitCode.INTERNAL;
        };
    }
}
