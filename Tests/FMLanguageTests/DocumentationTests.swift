import XCTest
import FMLanguage

/// docs/language.md agrees with the statement table: a section per statement with its forms,
/// and a row per option with its default.
final class DocumentationTests: XCTestCase {
    private func documentation() throws -> String {
        let url = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/language.md")
        return try String(contentsOf: url, encoding: .utf8)
    }

    /// The text of the section `### \`name\`` up to the next heading.
    private func section(_ name: String, in text: String) -> String? {
        let parts = text.components(separatedBy: "\n### `\(name)`\n")
        guard parts.count == 2 else { return nil }
        return parts[1].components(separatedBy: "\n#").first
    }

    func testEveryStatementAndOptionIsDocumented() throws {
        let text = try documentation()
        for spec in StatementTable.standard.statements {
            guard let section = section(spec.name, in: text) else {
                XCTFail("docs/language.md has no section for `\(spec.name)`")
                continue
            }
            for form in spec.forms { XCTAssertTrue(section.contains("\n" + form + "\n"), "\(spec.name): \(form)") }
            XCTAssertTrue(section.contains(spec.summary), spec.name)
            for example in spec.examples { XCTAssertTrue(section.contains("\n" + example + "\n"), spec.name) }
            for option in spec.options {
                let row = section.components(separatedBy: "\n").first { $0.hasPrefix("| `\(option.name)` |") }
                XCTAssertNotNil(row, "\(spec.name) \(option.name)")
                XCTAssertTrue(row?.contains(option.summary) ?? false, "\(spec.name) \(option.name)")
                if let value = option.defaultValue {
                    XCTAssertTrue(row?.contains("| `\(value)` |") ?? false, "\(spec.name) \(option.name) default")
                }
            }
        }
    }
}
