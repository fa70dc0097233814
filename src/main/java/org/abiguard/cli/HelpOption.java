package org.abiguard.cli;

import picocli.CommandLine.Option;

/** {@code -h/--help} for every subcommand (the top command's -V/--version would clash with show/restore --version). */
final class HelpOption {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;
}
