import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The report parsed as XML (it is written to be well-formed): each section's id, class,
/// heading and text, every img src and a href, and the page's text.
final class ReportPage: NSObject, XMLParserDelegate {
    struct Section {
        var id: String
        var className: String
        var heading = ""
        var text = ""
    }
    private(set) var sections: [Section] = []
    private(set) var imageSources: [String] = []
    private(set) var links: [String] = []
    private(set) var text = ""
    private(set) var elementCounts: [String: Int] = [:]
    private(set) var style = ""
    /// Indices into `sections` of the sections open at this point.
    private var open: [(element: String, section: Int?)] = []
    private var inHeading = false

    /// Parses `html`; throws the parser's error with its line and column.
    init(_ html: String) throws {
        super.init()
        let parser = XMLParser(data: Data(html.utf8))
        parser.delegate = self
        if !parser.parse() {
            throw NSError(domain: "ReportPage", code: 1, userInfo: [NSLocalizedDescriptionKey:
                "not well-formed at \(parser.lineNumber):\(parser.columnNumber): \(parser.parserError.map { "\($0)" } ?? "?")"])
        }
    }

    func section(_ id: String) -> Section? { sections.first { $0.id == id } }

    func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        elementCounts[element, default: 0] += 1
        var index: Int?
        if element == "section", let id = attributes["id"] {
            sections.append(Section(id: id, className: attributes["class"] ?? ""))
            index = sections.count - 1
        }
        if element == "img", let src = attributes["src"] { imageSources.append(src) }
        if let href = attributes["href"] { links.append(href) }
        if ["h2", "h3"].contains(element) { inHeading = true }
        open.append((element, index))
    }

    func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
        if ["h2", "h3"].contains(element) { inHeading = false }
        _ = open.popLast()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if open.last?.element == "style" { style += string; return }
        text += string
        for case let (_, i?) in open { sections[i].text += string }
        // A heading belongs to the innermost open section.
        if inHeading, let i = open.compactMap(\.section).last { sections[i].heading += string }
    }
}
