// PDF text layout: a PDF's words (in reading order, with their boxes) into the document text:
// lines, paragraphs (from vertical gaps), words split by a hyphen at a line end joined, running
// headers, footers and page numbers dropped, pages joined with a map of where each page starts.
// No PDF library here: pipeline/input/pdf_reader.cc feeds it Poppler's words.
#ifndef POLICYGRAPH_PIPELINE_INPUT_PDF_LAYOUT_H_
#define POLICYGRAPH_PIPELINE_INPUT_PDF_LAYOUT_H_

#include <cstdint>
#include <string>
#include <vector>

namespace policygraph {

// One word on a page: UTF-8 text and its box in points, y growing downwards.
struct PdfWord {
  std::string text;
  double x = 0, y = 0, width = 0, height = 0;
  bool space_after = true;  // a space follows it on its line
};

// One line of a page: its words joined, its top and height, its left and right edges.
struct PdfLine {
  std::string text;
  double top = 0, height = 0, left = 0, right = 0;
};

// The lines of a page's words (in reading order): a word starts a new line when it is not level
// with the line so far, or when it lies left of the previous word.
std::vector<PdfLine> GroupLines(const std::vector<PdfWord>& words);

// Removes from each page the running headers and footers: among a page's first two and last two
// lines, those that recur (digits aside, so "Page 3" and "Page 4" are the same line) at the same
// end of at least two pages and of at least half of them.
void DropRunningLines(std::vector<std::vector<PdfLine>>& pages);

// The text of `pages`: a paragraph per run of lines without a wide vertical gap, its lines joined
// by a space, or with nothing where a line ends in a hyphen after a letter and the next begins
// with a lowercase letter ("manufac-" "turing"), where the hyphen is kept when the document writes
// the word with it elsewhere and never without ("coal-" "impacted"); paragraphs separated by a blank line. A page
// continues the previous page's paragraph when that one's last line runs to the right margin or
// the page begins in lowercase. `page_starts` receives the byte offset where each page begins.
std::string LayOutPages(const std::vector<std::vector<PdfLine>>& pages, std::vector<uint32_t>* page_starts);

}  // namespace policygraph

#endif  // POLICYGRAPH_PIPELINE_INPUT_PDF_LAYOUT_H_
