// HTML input: a page's visible text (an HTML5 parser, Gumbo), with block elements as line and
// paragraph breaks, and its title and publication date from <title>, <meta> and <time>.
#ifndef POLICYGRAPH_PIPELINE_INPUT_HTML_READER_H_
#define POLICYGRAPH_PIPELINE_INPUT_HTML_READER_H_

#include <string>
#include <string_view>

#include "pipeline/core/document.h"
#include "pipeline/core/status.h"

namespace policygraph {

// Fills doc.text, doc.meta.title and doc.meta.date (date_source "html") from `bytes`, the contents
// of the HTML file doc.source, converted to UTF-8 from the encoding the page declares (see
// SniffHtmlCharset). Left out: script, style, noscript, template, head, nav, svg, iframe, select;
// elements that are hidden (the hidden attribute, aria-hidden="true", style display:none) or
// role="navigation"; and a header or footer outside an article or main element (site chrome).
// Paragraph-like elements (p, div, h1-h6, section, table, ...) end in a blank line, line-like ones
// (li, tr, td, th, br, dt, dd, ...) in a line break; other white space collapses to one space.
// The date: the first valid of <meta property="article:published_time">, <meta name="DC.date">,
// <meta name="date">, then the first <time datetime>, as YYYY-MM-DD. Errors name the file: bytes
// that are not valid UTF-8 when no other encoding is declared, an encoding ICU does not know.
Status ReadHtml(std::string_view bytes, Document& doc);

// A date attribute's value as a reference date: "2025-03-04T10:00:00Z" and "2025-03-04" ->
// "2025-03-04", "2025-03" and "2025" kept; "" when it is no calendar date.
std::string HtmlDate(std::string_view value);

}  // namespace policygraph

#endif  // POLICYGRAPH_PIPELINE_INPUT_HTML_READER_H_
