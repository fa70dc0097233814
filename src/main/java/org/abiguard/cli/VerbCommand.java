package org.abiguard.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * What every verb of {@code abiguard} has: {@code -h/--help}, the top command (global options, resolved
 * {@link org.abiguard.config.Config}, stdin) and its own command spec, whose writers are stdout (results) and
 * stderr (diagnostics). Subclasses implement {@link #call()} and return an {@link ExitCodes} constant.
 */
abstract class VerbCommand implements Callable<Integer> {
    @Mixin
    HelpOption help;

    @ParentCommand
    Main main;

    @Spec
    CommandSpec spec;

    /** Results. */
    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Diagnostics. */
    PrintWriter err() {
        return spec.commandLine().getErr();
    }
}
