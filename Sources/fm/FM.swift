import ArgumentParser
import FMShell

/// The `fm` command: everything else lives in FMShell.
@main
struct FM: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fm",
        abstract: "A command shell for neural-network experiments on Fashion-MNIST.",
        discussion: "With no FILE and no -c, reads statements from the prompt (or from standard input when it is not a terminal). FM_HOME names the store folder (default ~/.fm); FM_DATA the dataset folder.",
        version: Launcher.version)

    @Option(name: .long, help: ArgumentHelp("The stored session to use.", valueName: "name"))
    var session = "default"

    @Flag(name: .long, help: "Print results as JSON, one object per line.")
    var json = false

    @Option(name: .customShort("c"), help: ArgumentHelp("Run these statements (separated by `;` or newlines) and exit.", valueName: "statements"))
    var command: String?

    @Argument(help: ArgumentHelp("Scripts to run in order; the first error stops them.", valueName: "file.fm"))
    var files: [String] = []

    func run() throws {
        let status = Launcher.run(session: session, json: json, command: command, files: files)
        if status != 0 { throw ExitCode(status) }
    }
}
