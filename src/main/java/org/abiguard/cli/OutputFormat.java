package org.abiguard.cli;

/** Output formats of the listing commands: text for people, json for scripts. */
enum OutputFormat {
    text, json
}
