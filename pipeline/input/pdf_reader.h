// PDF input: a PDF's words in reading order, page by page (Poppler's C++ API), laid out into text
// by pipeline/pdf_layout, with the page map, and the title and creation date of its information.
#ifndef POLICYGRAPH_PIPELINE_INPUT_PDF_READER_H_
#define POLICYGRAPH_PIPELINE_INPUT_PDF_READER_H_

#include <string>
#include <string_view>

#include "pipeline/core/document.h"
#include "pipeline/input/reader.h"
#include "pipeline/core/status.h"

namespace policygraph {

// Fills doc.text, doc.page_starts, doc.meta.title and doc.meta.date (date_source "pdf", from the
// creation date) from `bytes`, the contents of the PDF file doc.source. Poppler's messages are
// silenced; every failure is a Status naming the file: empty, not a PDF, truncated (no %%EOF),
// damaged beyond Poppler's repair, encrypted (locked), no pages, more pages than
// limits.max_pages, more text than limits.max_bytes, reading longer than limits.timeout_ms, and no
// text at all (an image-only or scanned PDF).
Status ReadPdf(std::string_view bytes, const ReadLimits& limits, Document& doc);

// The date of a PDF date string: "D:20250304120000Z" -> "2025-03-04" (also "D:202503" ->
// "2025-03", "D:2025" -> "2025"); "" when it holds no calendar date.
std::string PdfDate(std::string_view s);

}  // namespace policygraph

#endif  // POLICYGRAPH_PIPELINE_INPUT_PDF_READER_H_
