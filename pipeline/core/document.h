// Document: one input text exactly as read (UTF-8), its metadata and, once the text stages ran,
// its normalized matching view and sentence spans. Offsets everywhere are UTF-8 byte offsets into
// `text`.
#ifndef POLICYGRAPH_PIPELINE_CORE_DOCUMENT_H_
#define POLICYGRAPH_PIPELINE_CORE_DOCUMENT_H_

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "pipeline/core/normalized_text.h"

namespace policygraph {

// A half-open byte range [start, end).
struct Span {
  uint32_t start = 0;
  uint32_t end = 0;
  bool operator==(const Span&) const = default;
};

struct Metadata {
  std::string title;
  std::string date;         // reference date, YYYY-MM-DD (or YYYY, YYYY-MM); empty if unknown
  std::string date_source;  // where `date` came from: jsonl, sidecar, pdf, html, header, cli; empty if unknown
};

struct Document {
  std::string id;      // file name without extension, or the JSONL record's id
  std::string source;  // path as given, or "<stdin>:LINE"
  std::string text;    // UTF-8 exactly as read
  Metadata meta;
  // For a paged document (a PDF): the byte offset in `text` where each page's text starts, in page
  // order (page_starts[0] == 0). Empty for text that has no pages.
  std::vector<uint32_t> page_starts;

  // Filled by the `normalize` stage: the view rules match against, with its map back to `text`.
  NormalizedText view;
  // Filled by the `sentences` stage: sentence spans in `view` byte offsets, in order, covering
  // every non-space byte of the view.
  std::vector<Span> sentences;

  // The text of sentence `i` in the view. REQUIRES: 0 <= i < sentences.size().
  std::string_view SentenceText(int32_t i) const {
    const Span s = sentences[static_cast<size_t>(i)];
    return std::string_view(view.text()).substr(s.start, s.end - s.start);
  }

  // The 1-based page holding byte `pos` of `text`; 0 when the document has no pages.
  int32_t PageAt(uint32_t pos) const {
    auto it = std::upper_bound(page_starts.begin(), page_starts.end(), pos);
    return static_cast<int32_t>(it - page_starts.begin());
  }

  // The index of the last sentence starting at or before view offset `pos` (the sentence holding
  // it, or the one before the gap it is in); -1 when `pos` comes before every sentence.
  int32_t SentenceIndexAt(uint32_t pos) const {
    auto it = std::upper_bound(sentences.begin(), sentences.end(), pos,
                               [](uint32_t v, const Span& s) { return v < s.start; });
    return static_cast<int32_t>(it - sentences.begin()) - 1;
  }
};

}  // namespace policygraph

#endif  // POLICYGRAPH_PIPELINE_CORE_DOCUMENT_H_
