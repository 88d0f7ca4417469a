// The report's one stylesheet. Screen: 20 px body text, so a projector at 1280 × 720 shows it
// large. Print: 11 pt, figures, tables and result headings never split across pages, and the
// shaded cells printed with their colours. No `<` or `&` here: the page must stay well-formed XML.
extension Report {
    static let style = """
        body{font-family:"DejaVu Sans",system-ui,sans-serif;font-size:20px;line-height:1.45;color:#222;background:#fff;max-width:1220px;margin:0 auto;padding:12px 28px}
        h1{font-size:34px;margin:.4em 0 .2em}h2{font-size:28px;margin:1.4em 0 .4em;border-bottom:2px solid #ddd}h3{font-size:23px;margin:1.2em 0 .3em}
        .meta,.when{color:#555}.when{font-size:18px;margin-left:.6em}.seq{color:#777}
        nav ol{margin:.2em 0;padding-left:1.6em}nav li{margin:.1em 0}nav ol ol{columns:2;column-gap:2em}
        a{color:#1f5fa8}
        table{border-collapse:collapse;margin:.6em 0 1em;font-size:18px}td,th{border:1px solid #ccc;padding:.25em .55em;text-align:left;vertical-align:top}
        th{background:#f2f2f2}.num{text-align:right;font-variant-numeric:tabular-nums}
        caption{caption-side:top;text-align:left;font-weight:bold;padding:.2em 0}
        table.confusion td{min-width:2.6em}table.confusion td.diagonal{font-weight:bold;outline:2px solid #333;outline-offset:-2px}
        table.grid td,table.grid th{padding:.15em .35em}div.side{display:inline-block;vertical-align:top;margin-right:2em}
        figure{margin:.6em 0 1em}figure img{max-width:100%;height:auto;image-rendering:pixelated}
        figure.chart svg{width:100%;max-width:760px;height:auto}
        #curves figure.chart{display:inline-block;width:49%;vertical-align:top}
        figcaption{color:#555}
        code,pre{font-family:"DejaVu Sans Mono",monospace;font-size:19px}
        .statement code{background:#f4f4f4;padding:.1em .35em;border-radius:4px}
        pre{background:#f6f6f6;padding:1em;white-space:pre-wrap;word-break:break-word}
        blockquote.note{margin:.6em 0;padding:.6em 1em;border-left:6px solid #e0a800;background:#fff8e1;font-size:22px}
        section.result{border-top:1px solid #eee;padding-top:.2em}
        *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
        @media print{
        body{font-size:11pt;max-width:none;padding:0}h1{font-size:20pt}h2{font-size:16pt}h3{font-size:13pt}
        table,code,pre{font-size:10pt}.when{font-size:9pt}blockquote.note{font-size:12pt}
        figure,table,tr,blockquote,pre{break-inside:avoid;page-break-inside:avoid}
        nav ol ol{columns:1}
        h2,h3,.statement{break-after:avoid;page-break-after:avoid}
        a{color:inherit;text-decoration:none}
        #results{break-before:page}
        }
        @page{margin:14mm}
        """
}
