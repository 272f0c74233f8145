package org.facesearch.cli;

import picocli.CommandLine.Command;

/** {@code facesearch bench}: performance measurements. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Measure performance.",
    subcommands = {BenchSearchCommand.class})
final class BenchCommand {}
